/**
 * WSDL paths/URLs into served ports through the generator's own pipeline (load → model →
 * `modelMetadata`), with the loaded documents kept for `?wsdl`. Loaded lazily: importing
 * `soapkit/mock` with metadata never loads the parser.
 */
import { posix, relative, dirname, basename } from "node:path";
import { modelMetadata } from "../emit/model-metadata.js";
import { loadDocuments } from "../load/load-documents.js";
import type { LoadedDocument } from "../load/types.js";
import { buildModel } from "../model/build-model.js";
import type { Note } from "../model/types.js";
import type { MockService } from "./types.js";

export interface LoadedWsdl {
  readonly source: string;
  readonly services: MockService[];
  /** What the model skipped on purpose (e.g. HTTP bindings). */
  readonly notes: readonly Note[];
}

const isUrl = (p: string): boolean => /^https?:\/\//i.test(p);

/** A document's name relative to the root WSDL's folder (what `?wsdl=<name>` and relative imports use). */
function documentName(root: string, path: string): string {
  if (isUrl(root) && isUrl(path)) {
    const r = new URL(root);
    const p = new URL(path);
    if (r.origin !== p.origin) return path;
    const rel = posix.relative(posix.dirname(r.pathname), p.pathname);
    return rel === "" ? posix.basename(p.pathname) : rel;
  }
  if (isUrl(root) || isUrl(path)) return path;
  const rel = relative(dirname(root), path).split("\\").join("/");
  return rel === "" ? basename(path) : rel;
}

function documentsOf(root: string, docs: readonly LoadedDocument[]): NonNullable<MockService["documents"]> {
  const files: Record<string, string> = {};
  for (const d of docs) files[documentName(root, d.path)] = d.text;
  return { main: documentName(root, docs[0]?.path ?? root), files };
}

export async function loadWsdl(source: string): Promise<LoadedWsdl> {
  const docs = await loadDocuments(source, {});
  const model = buildModel(docs);
  const documents = documentsOf(source, docs);
  const services = modelMetadata(model).map((metadata): MockService => ({ metadata, documents }));
  return { source, services, notes: model.notes ?? [] };
}

export async function loadWsdlServices(sources: readonly string[]): Promise<MockService[]> {
  const out: MockService[] = [];
  for (const s of sources) out.push(...(await loadWsdl(s)).services);
  return out;
}
