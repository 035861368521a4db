/**
 * `soapkit/mock`: a typed mock server for any WSDL, for tests and demos.
 *
 * ```ts
 * const mock = await startMock<EMailOperations>(EMailMetadata);
 * mock.handle("HasNewMail", () => true);
 * ```
 * Importing it with metadata only loads the runtime, never the generator's emit stage.
 */
export { startMock } from "./start.js";
export { MockFault, MockHttpError, MockUsageError, soapFault, httpError } from "./errors.js";
export { sampleInput, sampleOutput, sampleValue, type SampleOptions } from "./sample-values.js";
export { StreamedBytes, streamedBytes, type ByteChunks } from "./streamed-bytes.js";
export type * from "./types.js";
