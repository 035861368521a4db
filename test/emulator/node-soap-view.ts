/**
 * node-soap's own parse of a request envelope, as `soap.listen` would hand it to a service
 * method (body args, SOAP header): an independent view to compare the mock's typed decode with.
 */

import { WSDL } from "soap";

export interface NodeSoapView {
  args: unknown;
  headers: unknown;
}

const cache = new Map<string, Promise<WSDL>>();

function wsdlOf(xml: string): Promise<WSDL> {
  let p = cache.get(xml);
  if (p === undefined) {
    p = new Promise<WSDL>((resolve, reject) => {
      const wsdl = new WSDL(xml, "http://127.0.0.1/service.wsdl", {});
      wsdl.onReady((err?: unknown) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(wsdl),
      );
    });
    cache.set(xml, p);
  }
  return p;
}

export async function nodeSoapView(wsdlXml: string, envelopeXml: string): Promise<NodeSoapView> {
  const wsdl = await wsdlOf(wsdlXml);
  const obj = wsdl.xmlToObject(envelopeXml) as { Body?: Record<string, unknown>; Header?: unknown };
  const body = obj.Body ?? (obj as Record<string, unknown>);
  const name = Object.keys(body).find((k) => k !== "attributes");
  return { args: name === undefined ? undefined : body[name], headers: obj.Header };
}
