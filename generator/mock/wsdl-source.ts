/** WSDL paths/URLs into served ports through the generator's pipeline (loaded only for WSDL sources). */
import { MockUsageError } from "./errors.js";
import type { MockService } from "./types.js";

export async function loadWsdlServices(sources: readonly string[]): Promise<MockService[]> {
  await Promise.resolve();
  throw new MockUsageError(`WSDL sources are not supported yet (${sources.join(", ")})`);
}
