/**
 * Response mutations for the fuzz test: each takes the mutable envelope tree (or the final
 * bytes) and breaks one rule of the schema or of the transport.
 */
import { XSI_NS } from "../../../runtime/metadata.js";
import { cloneNode, walk, type MNode } from "./xml-tree.js";
import type { Prng } from "./prng.js";

const NIL = `{${XSI_NS}}nil`;
const TYPE = `{${XSI_NS}}type`;

/** Lexical values that break some scalar type: ranges, base64, dates, booleans, enums. */
export const BAD_TEXT = [
  "99999999999999999999",
  "9".repeat(400),
  "9007199254740993",
  "-9223372036854775809",
  "18446744073709551616",
  "2147483648",
  "-2147483649",
  "65536",
  "256",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "NaN",
  "INF",
  "Infinity",
  "",
  " ",
  "+",
  "--1",
  "!!!!",
  "QQ==QQ==",
  "QQ=",
  "A",
  "QR==",
  "ab\u00e7d",
  "2021-02-30T00:00:00",
  "2021-11-30",
  "2021-11-30T13:22:10+15:00",
  "2021-13-01T00:00:00",
  "24:00",
  "30.11.2021",
  "P",
  "PT",
  "P1H",
  "yes",
  "TRUE",
  "nope",
  "FutureEnumValue",
  "Seen Bogus",
] as const;

export type TreeMutation = (root: MNode, rng: Prng) => string;

/** Nodes under the SOAP Body (the response wrapper and below). */
function bodyNodes(root: MNode): { node: MNode; parent: MNode | null }[] {
  const body = root.children.find((c) => c.local === "Body");
  return body === undefined ? [] : walk(body).slice(1);
}

/** A random node under the Body (with its parent), or undefined when the Body is empty. */
function pickNode(root: MNode, rng: Prng): { node: MNode; parent: MNode | null } | undefined {
  const nodes = bodyNodes(root);
  return nodes.length === 0 ? undefined : rng.pick(nodes);
}

function leaves(root: MNode): MNode[] {
  return bodyNodes(root)
    .map((x) => x.node)
    .filter((n) => n.children.length === 0 && n.attrs.get(NIL) === undefined);
}

export const TREE_MUTATIONS: Record<string, TreeMutation> = {
  nil(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node } = picked;
    node.attrs.set(NIL, "true");
    node.children = [];
    node.text = "";
    return `nil on ${node.local}`;
  },
  badText(root, rng) {
    const ls = leaves(root);
    if (ls.length === 0) return "no leaf";
    const n = rng.pick(ls);
    n.text = rng.pick(BAD_TEXT);
    return `text of ${n.local}`;
  },
  deleteElement(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node, parent } = picked;
    if (parent !== null) parent.children = parent.children.filter((c) => c !== node);
    return `delete ${node.local}`;
  },
  duplicateElement(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node, parent } = picked;
    if (parent !== null) parent.children.splice(parent.children.indexOf(node), 0, cloneNode(node));
    return `duplicate ${node.local}`;
  },
  unknownElement(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node } = picked;
    const extra: MNode = {
      ns: rng.pick([node.ns, "urn:other", ""]),
      local: rng.pick(["Future", "Zzz", node.local + "X"]),
      attrs: new Map(),
      children: [],
      text: "1",
    };
    node.children.splice(rng.int(node.children.length + 1), 0, extra);
    node.text = "";
    return `unknown child in ${node.local}`;
  },
  wrongNamespace(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node } = picked;
    node.ns = rng.pick(["urn:wrong", "", "http://schemas.microsoft.com/2003/10/Serialization/Arrays"]);
    return `namespace of ${node.local}`;
  },
  bogusXsiType(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node } = picked;
    node.attrs.set(TYPE, rng.pick(["tns:NoSuchType", "nope:Carrier", "xs:string", "tns:SoExceptionInfo"]));
    return `xsi:type on ${node.local}`;
  },
  reorder(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node } = picked;
    for (let i = node.children.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [node.children[i], node.children[j]] = [node.children[j]!, node.children[i]!];
    }
    return `reorder children of ${node.local}`;
  },
  manyElements(root, rng) {
    const picked = pickNode(root, rng);
    if (picked === undefined) return "empty body";
    const { node } = picked;
    for (let i = 0; i < 6000; i++)
      node.children.push({ ns: node.ns, local: "e", attrs: new Map(), children: [], text: "" });
    return `6000 children in ${node.local}`;
  },
};

/** A response on the wire: bytes and Content-Type. */
export interface Wire {
  bytes: Buffer;
  contentType: string;
}

export type WireMutation = (xml: string, rng: Prng) => Wire;

export const WIRE_MUTATIONS: Record<string, WireMutation> = {
  truncate: (xml, rng) => ({
    bytes: Buffer.from(xml.slice(0, rng.int(xml.length))),
    contentType: "text/xml; charset=utf-8",
  }),
  latin1DeclaredUtf8: (xml) => ({
    bytes: Buffer.from(xml.replace(/>([^<]*)</, ">$1é<"), "latin1"),
    contentType: "text/xml; charset=utf-8",
  }),
  unknownCharset: (xml, rng) => ({
    bytes: Buffer.from(xml),
    contentType: `text/xml; charset=${rng.pick(["x-unknown", "utf-9", "ebcdic-xx"])}`,
  }),
  utf16WithBom: (xml) => ({
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]),
    contentType: "text/xml; charset=utf-16",
  }),
  utf8DeclaredLatin1: (xml) => ({ bytes: Buffer.from(xml), contentType: "text/xml; charset=iso-8859-1" }),
  noCharsetDeclLatin1: (xml) => ({
    bytes: Buffer.from(xml.replace('encoding="utf-8"', 'encoding="ISO-8859-1"'), "latin1"),
    contentType: "text/xml",
  }),
};
