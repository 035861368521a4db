/**
 * X.509 signatures of SOAP envelopes (WSS X.509 Token Profile): a BinarySecurityToken with the
 * certificate, and an XML signature (exclusive C14N) over Body and Timestamp, referenced by
 * `wsu:Id`. Verification checks the signature against a trusted certificate and that it covers
 * the envelope's own Body (exactly one element carries the signed id: no wrapping).
 *
 * Why xml-crypto (already installed as a dependency of `soap`) instead of our own code:
 * exclusive canonicalisation (namespace rendering, inclusive prefixes) and reference
 * processing are where hand-written XML signatures go wrong; xml-crypto is maintained, is what
 * node-soap's own WSSecurityCert uses, and is interoperability-tested by xmlsec1 and zeep here.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { SecurityError } from "./security-error.js";
import { BASE64_ENCODING, WSSE_NS, WSU_NS, X509_TOKEN, newId } from "./wss-names.js";

const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const SIGNATURE_ALGORITHMS = {
  "rsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "rsa-sha1": "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
} as const;
const DIGEST_ALGORITHMS = {
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
} as const;

export interface SignatureOptions {
  /** PEM private key (PKCS#1 or PKCS#8, possibly encrypted). */
  readonly privateKey: string | Buffer;
  readonly passphrase?: string;
  /** PEM certificate of the key, sent as the BinarySecurityToken. */
  readonly certificate: string | Buffer;
  /** Default `rsa-sha256`. */
  readonly signatureAlgorithm?: keyof typeof SIGNATURE_ALGORITHMS;
  /** Default `sha256`. */
  readonly digestAlgorithm?: keyof typeof DIGEST_ALGORITHMS;
}

export interface VerifyOptions {
  /** PEM certificate the response must be signed with. */
  readonly trustedCert: string | Buffer;
  /** The signature must also cover a Timestamp that has not expired (default `false`). */
  readonly requireTimestamp?: boolean;
}

function certificateBase64(pem: string | Buffer): string {
  return new X509Certificate(pem).raw.toString("base64");
}

/** Give `<soap:Body>` a `wsu:Id`; returns the envelope and the id. */
function idBody(envelope: string): { xml: string; id: string } {
  const id = newId("Body");
  const xml = envelope.replace("<soap:Body>", `<soap:Body xmlns:wsu="${WSU_NS}" wsu:Id="${id}">`);
  if (xml === envelope) throw new SecurityError("cannot sign: the envelope has no <soap:Body>");
  return { xml, id };
}

export function signEnvelope(envelope: string, o: SignatureOptions): string {
  const body = idBody(envelope);
  const tokenId = newId("X509");
  const token = `<wsse:BinarySecurityToken EncodingType="${BASE64_ENCODING}" ValueType="${X509_TOKEN}" wsu:Id="${tokenId}">${certificateBase64(o.certificate)}</wsse:BinarySecurityToken>`;
  const xml = body.xml.replace(/(<wsse:Security [^>]*>)/, `$1${token}`);
  const timestampId = /<wsu:Timestamp wsu:Id="([^"]+)"/.exec(xml)?.[1];
  const digestAlgorithm = DIGEST_ALGORITHMS[o.digestAlgorithm ?? "sha256"];
  const sig = new SignedXml({
    privateKey: createPrivateKey({
      key: o.privateKey,
      ...(o.passphrase === undefined ? {} : { passphrase: o.passphrase }),
    }),
    signatureAlgorithm: SIGNATURE_ALGORITHMS[o.signatureAlgorithm ?? "rsa-sha256"],
    canonicalizationAlgorithm: EXC_C14N,
    idMode: "wssecurity",
    getKeyInfoContent: () =>
      `<wsse:SecurityTokenReference xmlns:wsse="${WSSE_NS}"><wsse:Reference URI="#${tokenId}" ValueType="${X509_TOKEN}"/></wsse:SecurityTokenReference>`,
  });
  for (const id of timestampId === undefined ? [body.id] : [timestampId, body.id]) {
    sig.addReference({ xpath: `//*[@*[local-name()='Id' and .='${id}']]`, transforms: [EXC_C14N], digestAlgorithm });
  }
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: `//*[local-name()='Security' and namespace-uri()='${WSSE_NS}']`, action: "append" },
  });
  return sig.getSignedXml();
}

/** Elements whose (any-namespace) `Id` attribute equals `id`. */
function elementsWithId(doc: Document, id: string): Element[] {
  const out: Element[] = [];
  const all = doc.getElementsByTagName("*");
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i)!;
    for (let j = 0; j < el.attributes.length; j++) {
      const a = el.attributes.item(j)!;
      if (a.localName === "Id" && a.value === id) out.push(el);
    }
  }
  return out;
}

function bodyOf(doc: Document): Element {
  const env = doc.documentElement;
  for (let n = env?.firstChild ?? null; n !== null; n = n.nextSibling) {
    const el = n as Element;
    if (el.nodeType === 1 && el.localName === "Body" && el.namespaceURI === env!.namespaceURI) return el;
  }
  throw new SecurityError("response has no SOAP Body");
}

function signedId(el: Element): string | undefined {
  for (let j = 0; j < el.attributes.length; j++) {
    const a = el.attributes.item(j)!;
    if (a.localName === "Id") return a.value;
  }
  return undefined;
}

/** Throw `SecurityError` unless `envelope` is signed by `trustedCert` over its own Body. */
export function verifyEnvelope(envelope: string, o: VerifyOptions): void {
  const doc = new DOMParser().parseFromString(envelope, "text/xml") as unknown as Document;
  const signatures = doc.getElementsByTagNameNS(DSIG_NS, "Signature");
  if (signatures.length !== 1) throw new SecurityError(`response has ${signatures.length} XML signatures, expected 1`);
  const sig = new SignedXml({ publicCert: o.trustedCert, idMode: "wssecurity" });
  sig.loadSignature(signatures.item(0)!);
  let valid: boolean;
  try {
    valid = sig.checkSignature(envelope);
  } catch (e) {
    throw new SecurityError(`response signature does not verify: ${(e as Error).message}`);
  }
  if (!valid) throw new SecurityError("response signature does not verify");
  const uris = new Set(sig.getReferences().map((r) => r.uri ?? ""));
  requireSigned(doc, bodyOf(doc), uris, "Body");
  if (o.requireTimestamp === true) {
    const ts = doc.getElementsByTagNameNS(WSU_NS, "Timestamp").item(0);
    if (ts === null) throw new SecurityError("response has no Timestamp");
    requireSigned(doc, ts, uris, "Timestamp");
    const expires = ts.getElementsByTagNameNS(WSU_NS, "Expires").item(0)?.textContent ?? "";
    if (expires !== "" && Date.parse(expires) < Date.now()) throw new SecurityError("response Timestamp has expired");
  }
}

function requireSigned(doc: Document, el: Element, uris: ReadonlySet<string>, what: string): void {
  const id = signedId(el);
  if (id === undefined || !uris.has(`#${id}`))
    throw new SecurityError(`response ${what} is not covered by the signature`);
  if (elementsWithId(doc, id).length !== 1) throw new SecurityError(`response ${what} id "${id}" is not unique`);
}
