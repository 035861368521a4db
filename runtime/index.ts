/**
 * soapkit runtime: everything generated clients (and advanced users) import.
 * `import { ClientCore, soapHttpTransport, restTransport } from "@soapkit/runtime"`.
 */

export type * from "./metadata.js";
export { XSD_NS, XSI_NS, SOAP11_ENV_NS, SOAP12_ENV_NS } from "./metadata.js";
// Generated metadata: the versioned compact format and its one expansion into ServiceMetadata.
export type * from "./metadata/format.js";
export { METADATA_VERSION, SUPPORTED_METADATA_VERSIONS } from "./metadata/format.js";
export { loadMetadata } from "./metadata/load.js";

// The call pipeline and its transports.
export { ClientCore } from "./pipeline/client-core.js";
export type {
  ClientOptions,
  CallOptions,
  AgentCallOptions,
  LenientCallOptions,
  CoreOptions,
  CoreCallOptions,
  InvokeResult,
} from "./pipeline/options.js";
export type { ClientHooks, RequestEvent, ResponseEvent } from "./pipeline/hooks.js";
export type {
  Transport,
  PreparedCall,
  CallOutcome,
  ServiceProfile,
  WireObserver,
  WireRequest,
  WireResponse,
} from "./pipeline/transport.js";
export { soapHttpTransport, type SoapHttpTransportOptions } from "./soap/http-transport.js";
export type { CredentialProvider, IssuedCredentials } from "./pipeline/credentials.js";
export type { RetryEvent, RetryOptions } from "./pipeline/retry.js";
export type { HttpAuth, HttpOptions, ProxyOptions, TlsOptions } from "./soap/http-options.js";
export { soapFetchTransport, type SoapFetchTransportOptions } from "./soap/fetch-transport.js";
export { PolicyError, type SoapMessageOptions } from "./soap/policy.js";
export type { AddressingOptions } from "./soap/addressing.js";
// MTOM/XOP requests (the `mtom` transport option) and received SwA attachments.
export type { MtomOptions } from "./soap/mtom-writer.js";
export { mtomStream, type MtomSourceOptions } from "./codec/xop-hook.js";
export { mtomFile } from "./soap/mtom-file.js";
export type { Attachment } from "./soap/mtom-attachment.js";
export type { EnvelopeSecurity, SecurityCapabilities } from "./security/envelope-security.js";
// Streaming base64 content of large responses (GetEMail attachments) to files, streams or a consumer.
export type {
  StreamBase64Option,
  StreamDestination,
  StreamedPart,
  StreamedResult,
  WritableLike,
} from "./stream/options.js";
export { StreamError, type StreamErrorKind } from "./stream/stream-error.js";
export { nodeHttpTransport, type NodeHttpTransportOptions } from "./soap/node-http-transport.js";
export { nodeHttpExchange } from "./http/node-exchange.js";
export type { HttpExchange } from "./http/exchange.js";
export type { FetchRequest, FetchedResponse } from "./http/fetch-exchange.js";
export { SecretSet, MIN_SECRET_LENGTH, MIN_MIDDLE_LENGTH } from "./secrets/secret-set.js";

export {
  SoapkitError,
  SerializationError,
  DeserializationError,
  XmlParseError,
  XmlLimitError,
  SoapFaultError,
  TransportError,
  ProtocolError,
  type FaultCode,
  type SoapFaultInfo,
  type DeclaredFault,
  type TransportErrorKind,
} from "./errors.js";

export {
  encodeBody,
  encodeBareBody,
  encodeHeaders,
  type EncodeOptions,
  type EncodeHeadersOptions,
} from "./codec/encode.js";
export { encodeOperationBody, encodeBodyOf, decodeOperationBody } from "./codec/body.js";
export { decodeBody, decodeHeaders, decodeType } from "./codec/decode.js";
export { decodeAnyElement, type AnyElement } from "./codec/lax.js";
export {
  resolveDecodeOptions,
  type DecodeOptions,
  type TypedDecodeOptions,
  type Lenient,
} from "./codec/decode-options.js";
export { decodeBodyBytes, charsetParam } from "./xml/charset.js";
export {
  dictionaryToRecord,
  recordToDictionary,
  dictionaryToMap,
  mapToDictionary,
  type DictionaryItem,
} from "./codec/dictionary.js";

export {
  buildEnvelope,
  parseEnvelope,
  envelopeNamespace,
  type BuildEnvelopeInput,
  type ParsedEnvelope,
  type ParseEnvelopeOptions,
} from "./envelope.js";

export {
  parseXml,
  lookupNamespace,
  resolveQName,
  findChild,
  type XmlElement,
  type XmlNamespaceScope,
  type ParseXmlOptions,
} from "./xml/parse.js";
export { XmlWriter, escapeText, escapeAttr, serializeElement } from "./xml/write.js";

export {
  redactXml,
  createXmlRedactor,
  redactHttpHeaders,
  safeUrl,
  DEFAULT_SECRET_ELEMENTS,
  SECRET_HTTP_HEADERS,
  type XmlRedactor,
  type TextRedactor,
} from "./redact.js";

export type { IHttpClient } from "soap";

// REST/JSON codec (used by the SuperOffice REST transport; same metadata, same typed values).
export {
  encodeJsonBody,
  encodeJsonResult,
  encodeJsonValue,
  decodeJsonBody,
  decodeJsonResult,
  decodeJsonValue,
  isBinaryResult,
  FLAGS_SEPARATOR,
} from "./rest/json-codec.js";
export {
  parseJson,
  stringifyJson,
  toPlain,
  JsonNumber,
  JsonObject,
  JsonSyntaxError,
  type JsonValue,
  type ParseJsonOptions,
} from "./rest/json.js";
export { createJsonRedactor, type JsonRedactor } from "./rest/redact-json.js";

// SuperOffice: REST transport, Succeeded=false convention, login.
export * from "./superoffice/index.js";
