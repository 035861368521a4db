/**
 * `@soapkit/runtime/client` (this file): the narrow entry point generated code imports. It holds only what
 * generated clients name (the client core, its options, metadata and fault types), so that a
 * consumer's `tsc` loads a small declaration graph instead of the whole runtime (transports,
 * codecs, soap's and axios's types). Everything here is also exported by `@soapkit/runtime`.
 */
export { ClientCore } from "./pipeline/client-core.js";
export type {
  AgentCallOptions,
  CallOptions,
  ClientOptions,
  InvokeResult,
  LenientCallOptions,
} from "./pipeline/options.js";
export type { Lenient } from "./codec/decode-options.js";
export type { CompactMetadata } from "./metadata/format.js";
export type { DeclaredFault } from "./errors.js";
export { superOfficeProfile } from "./superoffice/profile.js";
