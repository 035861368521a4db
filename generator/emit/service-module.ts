/**
 * All files of one service module (`<slug>/types.ts`, `metadata.ts`, `client.ts`, `index.ts`),
 * unformatted. ts-morph builds every type-shaped declaration; the client stub comes from the
 * handlebars template.
 */
import type { StatementStructures } from "ts-morph";
import type { EmittedFile, GeneratedFile } from "./generated-file.js";
import { clientView, type ClientTemplate } from "./client-file.js";
import type { EmitContext } from "./context.js";
import { portMetadata } from "./metadata-file.js";
import { compactMetadata } from "./compact-metadata.js";
import { typesStatements } from "./types-file.js";
import { clientFileName } from "./module-names.js";
import { printConstStatement } from "./data-printer.js";
import { banner } from "./banner.js";
import { printStatements } from "./layout-statements.js";
import { printStatementsMemo, type EmitMemo } from "./emit-memo.js";
import { layoutCertain } from "../format/layout-rules.js";
import { docText, identifier, stringLiteral } from "./escape.js";

export { banner } from "./banner.js";

/**
 * A file of ts-morph statements: printed in prettier's layout when that layout is certain
 * (`formatted`, emit/layout-statements.ts), else left to the format stage (`PendingFile`).
 */
function printFile(path: string, head: string, statements: StatementStructures[], memo?: EmitMemo): EmittedFile {
  const laidOut = (memo && printStatementsMemo(statements, memo)) ?? printStatements(statements);
  if (laidOut !== undefined) return { path, content: `${head}\n\n${laidOut}`, formatted: true };
  return { path, head, statements };
}

/** Emit the files of one service module under `dir`. */
export function emitServiceModule(ctx: EmitContext, dir: string, template: ClientTemplate): EmittedFile[] {
  const head = banner(ctx.options.sourceLabel);
  const rt = stringLiteral(ctx.options.runtimeImport);
  const files: EmittedFile[] = [];

  const typesHead = ctx.model.ports.length > 0 ? `${head}\nimport type { AgentCallOptions } from ${rt};` : head;
  files.push(printFile(`${dir}/types.ts`, typesHead, typesStatements(ctx), ctx.options.memo));
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
 * `metadata.ts`: one `CompactMetadata` const per port (format: runtime/metadata/format.ts),
 * printed in prettier's layout by emit/data-printer.ts as JSON text parsed at load: a
 * consumer's `tsc` reads one template literal instead of checking every object literal of the
 * largest generated file. test/unit/emit/metadata-literal.test.ts checks the JSON against the
 * format's type.
 */
function metadataFile(ctx: EmitContext, path: string, head: string): GeneratedFile {
  const statements = ctx.model.ports.map((port, i) => {
    const names = ctx.names.ports[i]!;
    const doc = docText(
      `Internal: runtime metadata of port \`${port.name}\` (service \`${port.service}\`) in soapkit's versioned metadata format, read by the runtime's \`loadMetadata\`. Not part of the client API.`,
    );
    const value = compactMetadata(portMetadata(ctx, port, names));
    return `/** ${doc} */\n${printConstStatement(identifier(names.metadata), "CompactMetadata", value)}\n`;
  });
  return { path, content: `${head}\n\n${statements.join("\n")}`, formatted: true };
}
