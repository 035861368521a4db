/** Contracts of the load stage (the only input I/O of the generator). */
import type { XmlNode } from "../parse/xml.js";

/**
 * Reads one document as text. `pathOrUrl` is a file path or an http(s) URL.
 * To report "not found", throw an error with `code: "ENOENT"` (see `documentNotFound`).
 */
export type DocumentReader = (pathOrUrl: string) => Promise<string>;

export interface LoadOptions {
  /** Injected reader; default: node fs for paths, global `fetch` for http(s) URLs. */
  readonly reader?: DocumentReader;
  /** Limit for fetching one URL document, ms (default 20 s); the default reader only. */
  readonly timeoutMs?: number;
  /** Maximum number of documents in the import graph (default 200). */
  readonly maxDocuments?: number;
  /** Maximum total size in bytes (UTF-8) of all documents (default 64 MiB). */
  readonly maxBytes?: number;
  /**
   * Maximum size in bytes of one document (default 16 MiB, or `maxBytes` when only that is
   * given; never more than `maxBytes`). Checked before a local file is read.
   */
  readonly maxDocumentBytes?: number;
  /** Allow imports from origins other than the root's (default false). */
  readonly allowRemoteOrigins?: boolean;
}

export interface LoadedDocument {
  /** Path or URL: the root as given, imports resolved against their importer. */
  readonly path: string;
  readonly text: string;
  /** Hex sha256 of the UTF-8 text. */
  readonly sha256: string;
  readonly root: XmlNode;
}

export const DEFAULT_MAX_DOCUMENTS = 200;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Per-document default: the largest real-world WSDLs we know of are a few MB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
