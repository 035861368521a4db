/**
 * Where the REST WebAPI of a SuperOffice tenant lives, derived from a SOAP endpoint address.
 * Dependency-free, so it is also published as the light `@soapkit/runtime/rest-base-url` export
 * (usable without loading `soap`, e.g. at build time or in a browser).
 */

/** `https://host/Cust1/Remote/Services84/EMail.svc` → `https://host/Cust1`. */
export function restBaseUrlFromAddress(address: string): string {
  try {
    const u = new URL(address);
    u.search = "";
    u.hash = "";
    u.pathname = u.pathname.replace(/\/Remote\/Services\d*\/[^/]+\.svc\/?$/i, "").replace(/\/[^/]+\.svc\/?$/i, "");
    return u.href.replace(/\/+$/, "");
  } catch {
    return address;
  }
}
