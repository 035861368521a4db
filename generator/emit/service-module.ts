/**
 * All files of one service module (`<slug>/types.ts`, `metadata.ts`, `client.ts`, `index.ts`),
 * unformatted. ts-morph builds every type-shaped declaration; the client stub comes from the
 * handlebars template.
 */
import { Project, StructureKind, VariableDeclarationKind, type SourceFile, type StatementStructures } from "ts-morph";
import type { GeneratedFile } from "./generated-file.js";
import { clientView, type ClientTemplate } from "./client-file.js";
import type { EmitContext } from "./context.js";
import { portMetadata } from "./metadata-file.js";
import { typesStatements } from "./types-file.js";
import { fileSlug } from "../naming/identifiers.js";
import { printConstStatement } from "./data-printer.js";
import { banner } from "./banner.js";

export { banner } from "./banner.js";

/** One in-memory ts-morph project per run: files are only built and printed, never type-checked. */
export function createPrinterProject(): Project {
  return new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { noLib: true } });
}

function printFile(project: Project, path: string, head: string, statements: StatementStructures[]): string {
  const sf: SourceFile = project.createSourceFile(path, "", { overwrite: true });
  sf.addStatements(statements);
  const text = `${head}\n\n${sf.getFullText()}`;
  project.removeSourceFile(sf);
  return text;
}

/** Emit the files of one service module under `dir`. */
export function emitServiceModule(ctx: EmitContext, dir: string, project: Project, template: ClientTemplate): GeneratedFile[] {
  const head = banner(ctx.options.sourceLabel);
  const rt = ctx.options.runtimeImport;
  const files: GeneratedFile[] = [];

  const typesHead = ctx.model.ports.length > 0 ? `${head}\nimport type { AgentCallOptions } from "${rt}";` : head;
  files.push({ path: `${dir}/types.ts`, content: printFile(project, `${dir}/types.ts`, typesHead, typesStatements(ctx)) });

  files.push(metadataFile(ctx, `${dir}/metadata.ts`, `${head}\nimport type { ServiceMetadata } from "${rt}";`, project));

  // One client file per port: `client.ts`, or `client-<port>.ts` when the WSDL has several ports.
  const clientFiles = ctx.model.ports.map((port, i) => {
    const file = ctx.model.ports.length === 1 ? "client" : `client-${fileSlug(port.name)}`;
    files.push({ path: `${dir}/${file}.ts`, content: template(clientView(ctx, port, ctx.names.ports[i]!, head)) });
    return file;
  });

  const reexports = ["types", "metadata", ...clientFiles].map((f) => `export * from "./${f}.js";`).join("\n");
  files.push({ path: `${dir}/index.ts`, content: `${head}\n${reexports}\n` });
  return files;
}

/**
 * `metadata.ts`: one `ServiceMetadata` const per port. Printed directly in prettier's layout
 * (emit/data-printer.ts) when possible, which saves formatting the largest generated file;
 * otherwise built with ts-morph and formatted by prettier like the other files.
 */
function metadataFile(ctx: EmitContext, path: string, head: string, project: Project): GeneratedFile {
  const ports = ctx.model.ports.map((port, i) => {
    const names = ctx.names.ports[i]!;
    return {
      name: names.metadata,
      doc: `Runtime metadata of port \`${port.name}\` (service \`${port.service}\`): element order, namespaces, occurrence, nillability, SOAP actions and headers, interpreted by the soapkit runtime.`,
      value: portMetadata(ctx, port, names),
    };
  });
  const printed = ports.map((p) => printConstStatement(p.name, "ServiceMetadata", p.value));
  if (printed.every((s): s is string => s !== undefined) && ports.every((p) => !p.doc.includes("*/"))) {
    const statements = ports.map((p, i) => `/** ${p.doc} */\n${printed[i]}\n`).join("\n");
    return { path, content: `${head}\n\n${statements}`, formatted: true };
  }
  const metaStatements: StatementStructures[] = ports.map((p) => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: p.doc }],
    declarations: [{ name: p.name, type: "ServiceMetadata", initializer: JSON.stringify(p.value) }],
  }));
  return { path, content: printFile(project, path, head, metaStatements) };
}
