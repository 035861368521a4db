/** Raw-HTTP helpers for the emulator tests (no dependency on the runtime's SOAP client). */

import { parseXml, type XmlElement } from "../../runtime/xml/parse.js";
import { TNS } from "./fixtures/metadata.js";

export const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

export interface EnvelopeParts {
  ticket?: string | null;
  appToken?: string | null;
  /** Extra raw header elements (prefix `e` = TNS). */
  extraHeaders?: string;
  body: string;
}

/** A hand-written SOAP 1.1 request envelope; prefix `e` is the fixture namespace. */
export function envelope(p: EnvelopeParts): string {
  let headers = "";
  if (p.appToken !== undefined && p.appToken !== null)
    headers += `<e:ApplicationToken>${p.appToken}</e:ApplicationToken>`;
  if (p.ticket !== undefined && p.ticket !== null)
    headers += `<e:Credentials><e:Ticket>${p.ticket}</e:Ticket></e:Credentials>`;
  headers += p.extraHeaders ?? "";
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<s:Envelope xmlns:s="${SOAP11}" xmlns:e="${TNS}" xmlns:arr="http://schemas.microsoft.com/2003/10/Serialization/Arrays">` +
    (headers !== "" ? `<s:Header>${headers}</s:Header>` : "") +
    `<s:Body>${p.body}</s:Body></s:Envelope>`
  );
}

export interface PostResult {
  status: number;
  contentType: string | null;
  text: string;
  root: XmlElement;
}

export async function post(url: string, soapAction: string | undefined, xml: string): Promise<PostResult> {
  const headers: Record<string, string> = { "content-type": "text/xml; charset=utf-8" };
  if (soapAction !== undefined) headers["soapaction"] = `"${soapAction}"`;
  const res = await fetch(url, { method: "POST", headers, body: xml });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), text, root: parseXml(text) };
}

export function action(service: string, op: string): string {
  return `${TNS}/${service}/${op}`;
}

/** Child element by namespace + local name (throws when missing). */
export function child(el: XmlElement, local: string, ns: string = TNS): XmlElement {
  const c = el.children.find((x) => x.local === local && x.ns === ns);
  if (c === undefined) throw new Error(`no <${local}> in <${el.local}>: ${el.children.map((x) => x.local).join(", ")}`);
  return c;
}

export function maybeChild(el: XmlElement, local: string, ns: string = TNS): XmlElement | undefined {
  return el.children.find((x) => x.local === local && x.ns === ns);
}

export function soapHeader(root: XmlElement): XmlElement | undefined {
  return maybeChild(root, "Header", SOAP11);
}

export function soapBody(root: XmlElement): XmlElement {
  return child(root, "Body", SOAP11);
}

export function isNil(el: XmlElement): boolean {
  return el.attrs.get("{http://www.w3.org/2001/XMLSchema-instance}nil") === "true";
}

/** The SOAPAction a recorded call was sent with (quotes removed), else the SOAP 1.2 Content-Type `action`. */
export function recordedAction(call: { httpHeaders: Readonly<Record<string, string>> }): string | undefined {
  const sa = call.httpHeaders["soapaction"];
  if (sa !== undefined) return sa.length >= 2 && sa.startsWith('"') && sa.endsWith('"') ? sa.slice(1, -1) : sa;
  const m = /;\s*action\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(call.httpHeaders["content-type"] ?? "");
  return m === null ? undefined : (m[2] ?? m[1]);
}
