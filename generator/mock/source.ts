/** A `MockSource` into served ports: metadata directly, WSDL paths/URLs through the generator (loaded lazily). */
import { metadataItems, servedPorts, type ServedPort } from "./services.js";
import type { MockSource } from "./types.js";

function isWsdlSource(source: MockSource): source is string | readonly string[] {
  return typeof source === "string" || (Array.isArray(source) && source.every((s) => typeof s === "string"));
}

export async function resolveSource(source: MockSource): Promise<ServedPort[]> {
  if (isWsdlSource(source)) {
    // The generator (parser, model) is loaded only for WSDL sources.
    const { loadWsdlServices } = await import("./wsdl-source.js");
    return servedPorts(await loadWsdlServices(typeof source === "string" ? [source] : source));
  }
  return servedPorts(metadataItems(source));
}
