/**
 * zeep as an independent client: the `soap:Body` of the request envelope zeep builds
 * (`client.create_message`) for an operation and positional arguments, canonicalised as
 * (namespace, local name, text, children) trees, attributes left out (zeep writes no
 * `xsi:type` in rpc/encoded bodies). No network: the soapenc schema is served locally.
 */
import { execFileSync } from "node:child_process";
import { parseXml, type XmlElement } from "../../runtime/xml/parse.js";

const SCRIPT = String.raw`
import json, sys
from lxml import etree
import zeep
from zeep.transports import Transport
SOAPENC = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://schemas.xmlsoap.org/soap/encoding/" targetNamespace="http://schemas.xmlsoap.org/soap/encoding/"><xs:attribute name="arrayType" type="xs:string"/><xs:complexType name="Array"><xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded" processContents="lax"/></xs:sequence><xs:attribute ref="tns:arrayType"/></xs:complexType></xs:schema>"""
class T(Transport):
    def _load_remote_data(self, url):
        if url.startswith("http://schemas.xmlsoap.org/soap/encoding"): return SOAPENC
        raise RuntimeError("network access is blocked: " + url)
wsdl, op, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
c = zeep.Client(wsdl, transport=T())
env = c.create_message(c.service, op, *args)
print(etree.tostring(env).decode())
`;

export interface Canon {
  readonly name: string;
  readonly text?: string;
  readonly children?: Canon[];
}

export function canon(el: XmlElement): Canon {
  const name = `{${el.ns}}${el.local}`;
  if (el.children.length > 0) return { name, children: el.children.map(canon) };
  const text = el.text.trim();
  return text === "" ? { name } : { name, text };
}

/** The canonical children of `soap:Body` of an envelope. */
export function bodyCanon(envelope: string): Canon[] {
  const env = parseXml(envelope);
  const body = env.children.find((c) => c.local === "Body");
  if (body === undefined) throw new Error("no Body");
  return body.children.map(canon);
}

/** The canonical body zeep builds for `op(...args)`. */
export function zeepBody(wsdl: string, op: string, args: unknown[]): Canon[] {
  const out = execFileSync("/usr/bin/python3", ["-c", SCRIPT, wsdl, op, JSON.stringify(args)], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return bodyCanon(out);
}
