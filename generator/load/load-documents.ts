/**
 * Load the root WSDL and everything it imports. The only input I/O of the generator: all
 * reads go through an injectable `DocumentReader`.
 */
import { createHash } from "node:crypto";
import { GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLocation } from "../model/types.js";
import { parseXml } from "../parse/xml.js";
import { createDefaultReader } from "./default-reader.js";
import { documentReferences } from "./references.js";
import { documentKey, isHttpUrl, originOf, resolveLocation } from "./resolve.js";
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_MAX_DOCUMENTS,
  type LoadedDocument,
  type LoadOptions,
} from "./types.js";

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A diagnostic, located when `at` is known (the root document has no importing attribute). */
// Same kind (io-read: kinds are a contract), hints that fit the case.
const HINT_DIRECTORY = "give the WSDL file itself, not the folder it is in";
const HINT_URL =
  "check the URL and that the server answers; one URL document may take 20 s by default (--timeout <ms>)";

function diagnostic(kind: Diagnostic["kind"], message: string, at: SourceLocation | undefined): Diagnostic {
  return at === undefined ? { kind, message } : { kind, message, location: at };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Load `root` and, transitively, every `wsdl:import@location`, `xsd:import@schemaLocation` and
 * `xsd:include@schemaLocation`, each document once, root first then in discovery order.
 * Throws one `GeneratorError` with every diagnostic found.
 */
export async function loadDocuments(root: string, options: LoadOptions = {}): Promise<LoadedDocument[]> {
  const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDocumentBytes = Math.min(
    options.maxDocumentBytes ?? options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    maxBytes,
  );
  const reader =
    options.reader ??
    createDefaultReader({
      maxBytes: maxDocumentBytes,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  const rootOrigin = originOf(root);

  const docs: LoadedDocument[] = [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  let totalBytes = 0;

  const fatal = (d: Diagnostic): never => {
    throw new GeneratorError([...diagnostics, d]);
  };

  const visit = async (
    pathOrUrl: string,
    at: SourceLocation | undefined,
    wsdlChain: readonly string[],
  ): Promise<void> => {
    const key = documentKey(pathOrUrl);
    if (seen.has(key)) return;
    seen.add(key);
    if (docs.length >= maxDocuments) {
      fatal(
        diagnostic(
          "io-too-many-documents",
          `more than ${maxDocuments} documents in the import graph (at ${pathOrUrl})`,
          at,
        ),
      );
    }
    let text: string;
    try {
      text = await reader(pathOrUrl);
    } catch (e) {
      const code = errorCode(e);
      if (code === "E_TOO_LARGE") {
        // The root has no importing attribute: point at the file itself.
        fatal(diagnostic("io-too-large", errorText(e), at ?? { file: pathOrUrl, line: 1, column: 1 }));
      }
      if (code === "ENOENT" || code === "ENOTDIR") {
        const status = (e as { httpStatus?: string }).httpStatus;
        diagnostics.push(
          diagnostic("io-not-found", `cannot find ${pathOrUrl}${status ? ` (the server answered ${status})` : ""}`, at),
        );
      } else if (code === "EISDIR") {
        diagnostics.push({
          ...diagnostic("io-read", `cannot read ${pathOrUrl}: ${errorText(e)}`, at),
          hint: HINT_DIRECTORY,
        });
      } else if (isHttpUrl(pathOrUrl)) {
        diagnostics.push({
          ...diagnostic("io-read", `cannot fetch ${pathOrUrl}: ${errorText(e)}`, at),
          hint: HINT_URL,
        });
      } else {
        diagnostics.push(diagnostic("io-read", `cannot read ${pathOrUrl}: ${errorText(e)}`, at));
      }
      return;
    }
    const size = Buffer.byteLength(text, "utf8");
    if (size > maxDocumentBytes) {
      fatal(
        diagnostic(
          "io-too-large",
          `${pathOrUrl} is ${size} bytes, more than the limit of ${maxDocumentBytes} per document`,
          at ?? { file: pathOrUrl, line: 1, column: 1 },
        ),
      );
    }
    totalBytes += size;
    if (totalBytes > maxBytes) {
      fatal(
        diagnostic(
          "io-too-large",
          `${pathOrUrl} brings the total input to ${totalBytes} bytes, more than the limit of ${maxBytes}`,
          at,
        ),
      );
    }
    let node;
    try {
      node = parseXml(text, pathOrUrl);
    } catch (e) {
      if (e instanceof GeneratorError) {
        diagnostics.push(...e.diagnostics);
        return;
      }
      throw e;
    }
    docs.push({ path: pathOrUrl, text, sha256: createHash("sha256").update(text, "utf8").digest("hex"), root: node });

    const chain = [...wsdlChain, key];
    for (const ref of documentReferences(node)) {
      const target = resolveLocation(pathOrUrl, ref.location);
      if (isHttpUrl(target) || rootOrigin !== undefined) {
        const origin = originOf(target);
        if (!options.allowRemoteOrigins && (origin === undefined || origin !== rootOrigin)) {
          diagnostics.push({
            kind: "io-remote-origin",
            message: `import of ${target} leaves the origin of the root document (${rootOrigin ?? "local files"})`,
            location: ref.at,
          });
          continue;
        }
      }
      if (ref.kind === "wsdl" && chain.includes(documentKey(target))) {
        diagnostics.push({
          kind: "wsdl-import-cycle",
          message: `wsdl:import cycle: ${[...chain.slice(chain.indexOf(documentKey(target))), documentKey(target)].join(" -> ")}`,
          location: ref.at,
        });
        continue;
      }
      await visit(target, ref.at, ref.kind === "wsdl" ? chain : []);
    }
  };

  await visit(root, undefined, []);
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return docs;
}
