/**
 * soapkit runtime: everything generated clients (and advanced users) import.
 * `import { SoapClientCore } from "soapkit/runtime"`.
 */

export type * from "./metadata.js";
export { XSD_NS, XSI_NS, SOAP11_ENV_NS, SOAP12_ENV_NS } from "./metadata.js";
// Generated metadata: the versioned compact format and its one expansion into ServiceMetadata.
export type * from "./metadata/format.js";
export { METADATA_VERSION, SUPPORTED_METADATA_VERSIONS } from "./metadata/format.js";
export { loadMetadata } from "./metadata/load.js";

export {
  SoapClientCore,
  type SoapClientOptions,
  type CallOptions,
  type AgentCallOptions,
  type InvokeResult,
  type ClientHooks,
  type RequestEvent,
  type ResponseEvent,
} from "./client.js";

export {
  SoapkitError,
  SerializationError,
  DeserializationError,
  XmlParseError,
  XmlLimitError,
  SoapFaultError,
  SuperOfficeError,
  TransportError,
  ProtocolError,
  type FaultCode,
  type SoapFaultInfo,
  type ExceptionInfoLike,
  type TransportErrorKind,
} from "./errors.js";

export { encodeBody, encodeHeaders, type EncodeOptions, type EncodeHeadersOptions } from "./codec/encode.js";
export { decodeBody, decodeHeaders, decodeType } from "./codec/decode.js";
export { resolveDecodeOptions, type DecodeOptions, type Lenient } from "./codec/decode-options.js";
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
} from "./redact.js";

export { RawHttpClient } from "./transport.js";
export type { IHttpClient } from "soap";

// REST WebAPI transport (same metadata, same typed values, same error model) and ticket login.
export {
  RestClientCore,
  restBaseUrlFromAddress,
  type RestAuth,
  type RestClientOptions,
  type RestCallOptions,
  type RestInvokeResult,
  type RestClientHooks,
  type RestRequestEvent,
  type RestResponseEvent,
} from "./rest/client.js";
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
export { WebApiError, webApiErrorBody, exceptionInfoFromJson, type WebApiErrorBody } from "./rest/errors.js";
export { createJsonRedactor, type JsonRedactor } from "./rest/redact-json.js";
export {
  authenticate,
  createSession,
  AuthenticationError,
  type AuthenticateOptions,
  type SoSession,
  type PrincipalAgentLike,
  type PrincipalClientFactoryOptions,
} from "./auth.js";
