/** Public surface of the load stage. */
export { loadDocuments } from "./load-documents.js";
export { createDefaultReader, documentNotFound, documentTooLarge } from "./default-reader.js";
export { documentKey, isHttpUrl, resolveLocation } from "./resolve.js";
export type { DocumentReader, LoadedDocument, LoadOptions } from "./types.js";
