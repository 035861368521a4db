/** Convenience pipeline: load → parse → model. */
import { loadDocuments } from "../load/load-documents.js";
import type { LoadOptions } from "../load/types.js";
import { buildModel } from "./build-model.js";
import type { ServiceModel } from "./types.js";

/** Load `root` (path or URL) with its imports and build the service model. */
export async function loadModel(root: string, options: LoadOptions = {}): Promise<ServiceModel> {
  return buildModel(await loadDocuments(root, options));
}
