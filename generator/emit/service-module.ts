/**
 * All files of one service module (`<slug>/types.ts`, `metadata.ts`, `client.ts`, `index.ts`),
 * unformatted. ts-morph builds every type-shaped declaration; the client stub comes from the
 * handlebars template.
 */
import type { StatementStructures } from "ts-morph";
import type { EmittedFile, GeneratedFile } from "./generated-file.js";
import { StructureKind, VariableDeclarationKind } from "./structures.js";
import { clientView, type ClientTemplate } from "./client-file.js";
import type { EmitContext } from "./context.js";
import { portMetadata } from "./metadata-file.js";
import { compactMetadata } from "./compact-metadata.js";
import { typesStatements } from "./types-file.js";
import { clientFileName } from "./module-names.js";
import { printConstStatement } from "./data-printer.js";
import { banner } from "./banner.js";
import { printStatements } from "./layout-statements.js";
import { layoutCertain } from "../format/layout-rules.js";
import { dataLiteral, docText, identifier, stringLiteral } from "./escape.js";

export { banner } from "./banner.js";

/**
 * A file of ts-morph statements: printed in prettier's layout when that layout is certain
 * (`formatted`, emit/layout-statements.ts), else left to the format stage (`PendingFile`).
 */
function printFile(path: string, head: string, statements: StatementStructures[]): EmittedFile {
  const laidOut = printStatements(statements);
  if (laidOut !== undefined) return { path, content: `${head}\n\n${laidOut}`, formatted: true };
  return { path, head, statements };
}

/** Emit the files of one service module under `dir`. */
export function emitServiceModule(ctx: EmitContext, dir: string, template: ClientTemplate): EmittedFile[] {
  const head = banner(ctx.options.sourceLabel);
  const rt = stringLiteral(ctx.options.runtimeImport);
  const files: EmittedFile[] = [];

  const typesHead = ctx.model.ports.length > 0 ? `${head}\nimport type { AgentCallOptions } from ${rt};` : head;
  files.push(printFile(`${dir}/types.ts`, typesHead, typesStatements(ctx)));
  files.push(metadataFile(ctx, `${dir}/metadata.ts`, `${head}\nimport type { CompactMetadata } from ${rt};`));

  // One client file per port: `client.ts`, or `client-<port>.ts` when the WSDL has several ports.
  const clientFiles = ctx.model.ports.map((port, i) => {
    const file = clientFileName(ctx.names.ports[i]!);
    files.push(certain(`${dir}/${file}.ts`, template(clientView(ctx, port, ctx.names.ports[i]!, head))));
    return file;
  });

  // metadata.ts is internal (clients import it): not re-exported, so it stays out of autocomplete.
  const ext = ctx.options.importExtension ?? ".js";
  const reexports = ["types", ...clientFiles].map((f) => `export * from ${stringLiteral(`./${f}${ext}`)};`).join("\n");
  files.push(certain(`${dir}/index.ts`, `${head}\n${reexports}\n`));
  return files;
}

/** A file printed in prettier's layout, marked `formatted` when nothing in it needs prettier. */
export function certain(path: string, content: string): GeneratedFile {
  return layoutCertain(content, true) ? { path, content, formatted: true } : { path, content };
}

/**
 * `metadata.ts`: one `CompactMetadata` const per port (format: runtime/metadata/format.ts).
 * Printed directly in prettier's layout (emit/data-printer.ts) when possible, which saves
 * formatting the largest generated file; otherwise built with ts-morph and formatted by
 * prettier like the other files. Asserted (`as unknown as CompactMetadata`) rather than
 * declared: relating the literal to the format's unions was half of a consumer's `tsc` time
 * over the EMail client; test/unit/emit/metadata-literal.test.ts checks the literals instead.
 */
function metadataFile(ctx: EmitContext, path: string, head: string): EmittedFile {
  const ports = ctx.model.ports.map((port, i) => {
    const names = ctx.names.ports[i]!;
    return {
      name: identifier(names.metadata),
      doc: docText(
        `Internal: runtime metadata of port \`${port.name}\` (service \`${port.service}\`) in soapkit's versioned metadata format, read by the runtime's \`loadMetadata\`. Not part of the client API.`,
      ),
      value: compactMetadata(portMetadata(ctx, port, names)),
    };
  });
  const printed = ports.map((p) => printConstStatement(p.name, "CompactMetadata", p.value));
  if (printed.every((s): s is string => s !== undefined) && ports.every((p) => !p.doc.includes("\n"))) {
    const statements = ports.map((p, i) => `/** ${p.doc} */\n${printed[i]}\n`).join("\n");
    return { path, content: `${head}\n\n${statements}`, formatted: true };
  }
  const metaStatements: StatementStructures[] = ports.map((p) => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: p.doc }],
    declarations: [{ name: p.name, initializer: `${dataLiteral(p.value)} as unknown as CompactMetadata` }],
  }));
  return printFile(path, head, metaStatements);
}
