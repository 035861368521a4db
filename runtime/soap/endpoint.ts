/** The endpoint of a SOAP transport: the configured one or the WSDL address, checked. No Node-only APIs. */
import type { ServiceMetadata } from "../metadata.js";
import { SoapkitError } from "../errors.js";
import { safeUrl } from "../redact.js";

export function soapEndpoint(configured: string | undefined, meta: ServiceMetadata): string {
  const endpoint = configured ?? meta.address;
  if (!URL.canParse(endpoint)) {
    throw new SoapkitError("ERR_SOAP_CONFIG", `invalid endpoint URL for service ${meta.service}: ${safeUrl(endpoint)}`);
  }
  return endpoint;
}

/** Refuse a configured endpoint that is not a URL when the transport is created. */
export function checkEndpointOption(endpoint: string | undefined): void {
  if (endpoint !== undefined && !URL.canParse(endpoint)) {
    throw new SoapkitError("ERR_SOAP_CONFIG", `invalid endpoint URL: ${safeUrl(endpoint)}`);
  }
}
