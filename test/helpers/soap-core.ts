/**
 * Tests drive the runtime pipeline directly with metadata that has no generated client: this
 * builds the `ClientCore` a generated SuperOffice-style client would build, over the SOAP
 * transport of choice (`soapHttpTransport` unless `fetch: true` or `node: true` for `nodeHttpTransport`). Tests hold metadata in its
 * expanded form; the core gets the compact form it was loaded from (`fromExpanded`).
 */
import {
  ClientCore,
  nodeHttpTransport,
  soapFetchTransport,
  soapHttpTransport,
  superOfficeProfile,
  type CoreOptions,
  type ServiceMetadata,
  type SoapHttpTransportOptions,
} from "../../runtime/index.js";
import { fromExpanded } from "./metadata.js";

export type SoapCoreOptions<ReqH extends object> = CoreOptions<ReqH> &
  SoapHttpTransportOptions & { fetch?: boolean; node?: boolean };

export function soapCore<ReqH extends object = Record<string, unknown>, ResH extends object = Record<string, unknown>>(
  meta: ServiceMetadata,
  options: SoapCoreOptions<ReqH> = {},
): ClientCore<ReqH, ResH> {
  const {
    endpoint,
    soapVersion,
    httpClient,
    maxResponseBytes,
    http,
    security,
    addressing,
    mtom,
    fetch,
    node,
    ...rest
  } = options;
  const common = {
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(soapVersion !== undefined ? { soapVersion } : {}),
    ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
    ...(security !== undefined ? { security } : {}),
    ...(addressing !== undefined ? { addressing } : {}),
    ...(mtom !== undefined ? { mtom } : {}),
  };
  const transport =
    fetch === true
      ? soapFetchTransport(common)
      : node === true
        ? nodeHttpTransport({ ...common, ...(http !== undefined ? { http } : {}) })
        : soapHttpTransport({
            ...common,
            ...(httpClient !== undefined ? { httpClient } : {}),
            ...(http !== undefined ? { http } : {}),
          });
  return new ClientCore<ReqH, ResH>(fromExpanded(meta), { profile: superOfficeProfile, transport, ...rest });
}
