/**
 * The served ports' source documents: `GET <path>?wsdl` / `?singleWsdl` answers the root WSDL,
 * `?wsdl=<name>` / `?xsd=<name>` or a GET of `<port folder>/<name>` an imported one (so relative
 * imports resolve against the mock). Each port's `soap:address` location is rewritten to the mock.
 */
import { escapeAttr } from "@soapkit/runtime";
import type { HttpAnswer } from "./soap-answer.js";
import type { ServedService } from "./types.js";

const XML = { "content-type": "text/xml; charset=utf-8" };
const TEXT = { "content-type": "text/plain; charset=utf-8" };

function wantedDocument(search: URLSearchParams, main: string): string | undefined {
  for (const key of ["wsdl", "singleWsdl", "singlewsdl", "xsd"]) {
    const v = search.get(key);
    if (v !== null) return v === "" ? main : v;
  }
  return undefined;
}

const PORT_ADDRESS =
  /(<(?:[\w.-]+:)?port\b[^>]*?\bname="([^"]*)"[^>]*>(?:(?!<\/(?:[\w.-]+:)?port>)[\s\S])*?<(?:[\w.-]+:)?address\b[^>]*?\blocation=")([^"]*)(")/g;

/** The document text with each served port's `*:address` location pointing at the mock. */
function withMockAddresses(text: string, ports: readonly ServedService[], baseUrl: string): string {
  return text.replace(PORT_ADDRESS, (all: string, head: string, name: string, _loc: string, tail: string) => {
    const port = ports.find((p) => p.metadata.port === name);
    return port === undefined ? all : `${head}${escapeAttr(baseUrl + port.path)}${tail}`;
  });
}

function documentAnswer(
  port: ServedService,
  name: string,
  ports: readonly ServedService[],
  baseUrl: string,
): HttpAnswer {
  const docs = port.documents;
  if (docs === undefined)
    return { status: 404, body: "this port was started from metadata: no WSDL to serve", headers: TEXT };
  const text = Object.hasOwn(docs.files, name) ? docs.files[name] : undefined;
  return text === undefined
    ? { status: 404, body: `no document ${name}`, headers: TEXT }
    : { status: 200, body: withMockAddresses(text, ports, baseUrl), headers: XML };
}

/** A GET on a port's own path. */
export function answerDocuments(
  port: ServedService,
  url: string,
  ports: readonly ServedService[],
  baseUrl: string,
): HttpAnswer {
  const search = new URL(url, "http://mock.invalid").searchParams;
  const name = wantedDocument(search, port.documents?.main ?? "");
  if (name === undefined) return { status: 405, body: "POST a SOAP envelope, or GET ?wsdl", headers: TEXT };
  return documentAnswer(port, name, ports, baseUrl);
}

/** A GET of `<folder of a port's path>/<document name>` (relative imports of the served WSDL). */
export function documentAt(pathname: string, ports: readonly ServedService[], baseUrl: string): HttpAnswer | undefined {
  for (const port of ports) {
    const folder = port.path.slice(0, port.path.lastIndexOf("/") + 1);
    if (port.documents === undefined || !pathname.startsWith(folder)) continue;
    const name = pathname.slice(folder.length);
    if (Object.hasOwn(port.documents.files, name)) return documentAnswer(port, name, ports, baseUrl);
  }
  return undefined;
}
