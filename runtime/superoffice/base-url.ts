/**
 * Where the REST WebAPI of a SuperOffice tenant lives, derived from a SOAP endpoint address.
 * Dependency-free: the generator uses it too (default `baseUrl` shown in generated REST clients).
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
