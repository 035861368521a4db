/** A `MockSource` into served ports: metadata directly, WSDL paths/URLs through the generator (loaded lazily). */
import { MockUsageError } from "./errors.js";
import { metadataItems, servedPorts } from "./services.js";
import type { MockSource, ServedService } from "./types.js";

function isWsdlSource(source: MockSource): source is string | readonly string[] {
  return typeof source === "string" || (Array.isArray(source) && source.every((s) => typeof s === "string"));
}

export async function resolveSource(source: MockSource): Promise<ServedService[]> {
  if (Array.isArray(source) && source.length === 0)
    throw new MockUsageError("startMock: nothing to serve (empty source list)");
  if (isWsdlSource(source)) {
    // The generator (parser, model) is loaded only for WSDL sources.
    const { loadWsdlServices } = await import("./wsdl-source.js");
    return servedPorts(await loadWsdlServices(typeof source === "string" ? [source] : source));
  }
  return servedPorts(metadataItems(source));
}
