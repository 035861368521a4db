/**
 * Round trip of a corpus document through the runtime codec: the envelope soapkit wrote is
 * parsed and decoded (body and headers, strict decoding) and compared with the values that
 * were encoded. Documented normalisations (`plain`): `bigint` and bytes are compared by their
 * text (`123n`, hex), an empty body (`undefined`) equals `{}`, and an empty repeated element
 * (`[]`) equals an absent one (nothing is on the wire either way).
 */
import { decodeOperationBody } from "../../runtime/codec/body.js";
import { decodeHeaders } from "../../runtime/codec/decode.js";
import { SOAP11_ENV_NS, SOAP12_ENV_NS } from "../../runtime/metadata.js";
import { parseXml, type XmlElement } from "../../runtime/xml/parse.js";
import type { WireDoc } from "./documents.js";

/** JSON-comparable form of a value (see the module comment). */
export function plain(v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return `hex:${Buffer.from(v).toString("hex")}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || (Array.isArray(x) && x.length === 0)) continue;
      out[k] = plain(x);
    }
    return out;
  }
  return v;
}

function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local && (c.ns === SOAP11_ENV_NS || c.ns === SOAP12_ENV_NS));
}

/** The decoded body and headers of `doc`'s envelope. */
export function decodeDoc(doc: WireDoc): { body: Record<string, unknown>; headers: Record<string, unknown> } {
  const env = parseXml(doc.xml);
  const bodyEl = child(env, "Body");
  if (bodyEl === undefined) throw new Error(`${doc.id}: no soap:Body`);
  return {
    body: decodeOperationBody(doc.meta, doc.op, doc.body, bodyEl),
    headers: decodeHeaders(doc.meta, doc.headers, child(env, "Header")),
  };
}

/** `undefined` when `doc` decodes to what was encoded, else a description of the difference. */
export function roundTripDifference(doc: WireDoc): string | undefined {
  let back: ReturnType<typeof decodeDoc>;
  try {
    back = decodeDoc(doc);
  } catch (e) {
    return `decoding failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const want = JSON.stringify(plain({ body: doc.value ?? {}, headers: doc.headerValues }));
  const got = JSON.stringify(plain(back));
  if (want === got) return undefined;
  let i = 0;
  while (i < want.length && want[i] === got[i]) i++;
  return `decoded ≠ encoded at …${want.slice(Math.max(0, i - 80), i + 80)}… vs …${got.slice(Math.max(0, i - 80), i + 80)}…`;
}
