/**
 * MTOM/XOP requests: `xs:base64Binary` element values at or above a size threshold leave the
 * envelope as binary MIME parts, each replaced by an `xop:Include href="cid:…"`; the envelope is
 * the root part (`application/xop+xml`). The body is one `Uint8Array` when every part is in
 * memory, or a stream of chunks when a part is an `MtomSource` (its content is read while sent).
 */
import type { SoapVersion } from "../metadata.js";
import { SoapkitError } from "../errors.js";
import { MtomSource, type XopCollector } from "../codec/xop-hook.js";
import { base64, XOP_NS } from "./mtom-xop.js";

/** The `mtom` option of the SOAP transports. */
export interface MtomOptions {
  /** Smallest value (bytes) sent as a part; smaller ones stay inline base64 (default 0: every non-empty value). */
  readonly threshold?: number;
}

interface CollectedPart {
  readonly id: string;
  readonly content: Uint8Array;
  readonly contentType: string;
}

/** Collects the parts of one request while its envelope is encoded. */
export class MtomCollector implements XopCollector {
  readonly parts: CollectedPart[] = [];
  readonly #threshold: number;
  readonly #nonce: string;

  constructor(options: MtomOptions) {
    this.#threshold = options.threshold ?? 0;
    this.#nonce = randomHex(12);
  }

  take(value: unknown): string | undefined {
    let content: Uint8Array;
    if (value instanceof MtomSource) content = value;
    else if (value instanceof Uint8Array) content = value;
    else if (value instanceof ArrayBuffer) content = new Uint8Array(value);
    else return undefined;
    if (!(content instanceof MtomSource) && (content.byteLength === 0 || content.byteLength < this.#threshold))
      return undefined;
    const n = this.parts.length;
    const contentType = content instanceof MtomSource ? content.contentType : "application/octet-stream";
    this.parts.push({ id: `${n + 1}.${this.#nonce}@soapkit`, content, contentType });
    return this.#token(n);
  }

  #token(n: number): string {
    return `soapkit-xop-${this.#nonce}-${n}`;
  }

  /** The envelope with each placeholder in element content replaced by an Include (elsewhere: by base64). */
  includes(envelope: string): { envelope: string; parts: CollectedPart[] } {
    const used: CollectedPart[] = [];
    const token = new RegExp(`(>?)soapkit-xop-${this.#nonce}-(\\d+)(<?)`, "g");
    const out = envelope.replace(token, (_m, open: string, n: string, close: string) => {
      const part = this.parts[Number(n)]!;
      if (open === ">" && close === "<") {
        used.push(part);
        return `><xop:Include xmlns:xop="${XOP_NS}" href="cid:${encodeURIComponent(part.id)}"/><`;
      }
      if (part.content instanceof MtomSource)
        throw new SoapkitError("ERR_SOAP_CONFIG", "a streamed MTOM attachment can only be the content of an element");
      return `${open}${base64(part.content)}${close}`;
    });
    return { envelope: out, parts: used };
  }
}

/** The HTTP body and Content-Type of an MTOM request. */
export interface MtomRequest {
  readonly contentType: string;
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
}

const SOAP_TYPES: Record<SoapVersion, string> = { "1.1": "text/xml", "1.2": "application/soap+xml" };

/** Frame `envelope` (already with Includes) and `parts` as `multipart/related; type="application/xop+xml"`. */
export function writeMtom(
  envelope: string,
  parts: readonly CollectedPart[],
  version: SoapVersion,
  soapAction: string,
): MtomRequest {
  const boundary = `MIMEBoundary_${randomHex(24)}`;
  const rootId = `root.${randomHex(12)}@soapkit`;
  const soapType = SOAP_TYPES[version];
  const action = version === "1.2" && soapAction !== "" ? `; action=\\"${soapAction}\\"` : "";
  const enc = new TextEncoder();
  const head = (id: string, type: string): Uint8Array =>
    enc.encode(
      `--${boundary}\r\nContent-Type: ${type}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${id}>\r\n\r\n`,
    );
  const pieces: Uint8Array[] = [
    head(rootId, `application/xop+xml; charset=UTF-8; type="${soapType}${action}"`),
    enc.encode(envelope),
  ];
  for (const p of parts) pieces.push(enc.encode("\r\n"), head(p.id, p.contentType), p.content);
  pieces.push(enc.encode(`\r\n--${boundary}--\r\n`));
  const actionParam = version === "1.2" && soapAction !== "" ? `; action="${soapAction}"` : "";
  const contentType =
    `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<${rootId}>"; ` +
    `start-info="${soapType}"${actionParam}`;
  const streamed = parts.some((p) => p.content instanceof MtomSource);
  return { contentType, body: streamed ? chunksOf(pieces) : join(pieces) };
}

async function* chunksOf(pieces: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const p of pieces) {
    if (p instanceof MtomSource) yield* p.open();
    else yield p;
  }
}

function join(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function randomHex(bytes: number): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
