/**
 * `GET <path>?wsdl` / `?singleWsdl`: the port's source documents when known. `?wsdl=<file>` and
 * `?xsd=<file>` answer an imported document by its name in `documents.files`.
 */
import type { HttpAnswer } from "./soap-answer.js";
import type { ServedPort } from "./services.js";

const XML = { "content-type": "text/xml; charset=utf-8" };
const TEXT = { "content-type": "text/plain; charset=utf-8" };

function wantedDocument(search: URLSearchParams, main: string): string | undefined {
  for (const key of ["wsdl", "singleWsdl", "singlewsdl", "xsd"]) {
    const v = search.get(key);
    if (v !== null) return v === "" ? main : v;
  }
  return undefined;
}

export function answerDocuments(port: ServedPort, url: string): HttpAnswer {
  const search = new URL(url, "http://mock.invalid").searchParams;
  const docs = port.documents;
  const name = wantedDocument(search, docs?.main ?? "");
  if (name === undefined) return { status: 405, body: "POST a SOAP envelope, or GET ?wsdl", headers: TEXT };
  if (docs === undefined)
    return { status: 404, body: "this port was started from metadata: no WSDL to serve", headers: TEXT };
  const text = Object.hasOwn(docs.files, name) ? docs.files[name] : undefined;
  return text === undefined
    ? { status: 404, body: `no document ${name}`, headers: TEXT }
    : { status: 200, body: text, headers: XML };
}
