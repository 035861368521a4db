/**
 * Deliberately broken copies of valid corpus documents, proving per WSDL that the schema check
 * rejects what it should: a required element removed, an element renamed, an enumeration value
 * replaced by one outside the enumeration. The target is found by walking the encoded body
 * (a small tag scanner: the encoder's output has no comments, CDATA or processing
 * instructions, and escapes `<`/`>` in text and attributes) together with the metadata.
 */
import { allFields } from "../../generator/mock/meta-walk.js";
import type { FieldMeta, ParticleMeta, ServiceMetadata, TypeMeta, TypeRef } from "../../runtime/metadata.js";
import type { WireDoc } from "./documents.js";

export type MutationKind = "required-removed" | "renamed" | "bad-enum";

export interface Mutation {
  readonly kind: MutationKind;
  readonly from: string;
  /** What xmllint's message must mention. */
  readonly mention: string;
  readonly xml: string;
}

interface Node {
  readonly local: string;
  readonly attrs: string;
  readonly start: number;
  /** Offset just after the start tag. */
  readonly openEnd: number;
  /** Offset of the end tag (= openEnd for an empty element). */
  closeStart: number;
  /** Offset just after the end tag. */
  end: number;
  readonly children: Node[];
}

const TAG = /<(\/?)([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** The elements of an XML fragment (possibly several top-level ones) as a tree. */
function scan(xml: string): Node[] {
  const root: Node = { local: "", attrs: "", start: 0, openEnd: 0, closeStart: 0, end: 0, children: [] };
  const stack = [root];
  for (const m of xml.matchAll(TAG)) {
    const [whole, slash, qname, attrs, selfClose] = m;
    const local = qname!.replace(/^.*:/, "");
    if (slash === "/") {
      const n = stack.pop()!;
      n.closeStart = m.index;
      n.end = m.index + whole.length;
      continue;
    }
    const node: Node = {
      local,
      attrs: attrs ?? "",
      start: m.index,
      openEnd: m.index + whole.length,
      closeStart: m.index + whole.length,
      end: m.index + whole.length,
      children: [],
    };
    stack.at(-1)!.children.push(node);
    if (selfClose !== "/") stack.push(node);
  }
  return root.children;
}

function inChoice(meta: ServiceMetadata, ref: TypeRef): Set<string> {
  const out = new Set<string>();
  const add = (ps: readonly ParticleMeta[], choice: boolean): void => {
    for (const p of ps) {
      if (p.kind === "element" && choice) out.add(p.field.name);
      else if (p.kind === "choice") for (const b of p.branches) add(b, true);
      else if (p.kind === "sequence") add(p.particles, choice);
    }
  };
  for (let cur: TypeRef | undefined = ref; cur !== undefined;) {
    const t: TypeMeta | undefined = meta.types[cur];
    if (t?.kind !== "complex") break;
    add(t.particles ?? [], false);
    cur = t.base;
  }
  return out;
}

/** The declared type, or the `xsi:type` one when the element names a known type. */
function actualType(meta: ServiceMetadata, declared: TypeRef, n: Node): TypeRef {
  const m = /\sxsi:type\s*=\s*"(?:[^":]*:)?([^"]*)"/.exec(n.attrs);
  if (m === null) return declared;
  const hit = Object.entries(meta.types).find(([, t]) => t.local === m[1]);
  return hit?.[0] ?? declared;
}

function enumType(meta: ServiceMetadata, ref: TypeRef): boolean {
  for (let cur: TypeRef | undefined = ref, i = 0; cur !== undefined && i < 16; i++) {
    const t: TypeMeta | undefined = meta.types[cur];
    if (t?.kind === "enum") return t.values.length > 0;
    cur = t?.kind === "alias" ? t.base : undefined;
  }
  return false;
}

/** `attr`: for `bad-enum`, the enumeration-typed attribute whose value is replaced. */
type Found = { kind: MutationKind; node: Node; field: FieldMeta; attr?: string };

const attrRe = (name: string): RegExp => new RegExp(`(\\s(?:[^\\s=:]+:)?${name}\\s*=\\s*")[^"]*"`);

/** An enumeration-typed attribute written on `n` (an element of type `ref`), if any. */
function enumAttribute(meta: ServiceMetadata, ref: TypeRef, n: Node): string | undefined {
  for (let cur: TypeRef | undefined = ref, i = 0; cur !== undefined && i < 16; i++) {
    const t: TypeMeta | undefined = meta.types[cur];
    if (t?.kind !== "complex") return undefined;
    for (const a of t.attributes ?? []) {
      if (a.fixed === undefined && enumType(meta, a.type) && attrRe(a.name).test(n.attrs)) return a.name;
    }
    cur = t.base;
  }
  return undefined;
}

/**
 * Element particles of `ref` (and its bases) that are not element properties: those inside a
 * repeated choice or sequence group, written directly inside the owner like the others.
 */
function groupElements(meta: ServiceMetadata, ref: TypeRef, fields: readonly FieldMeta[]): FieldMeta[] {
  const out: FieldMeta[] = [];
  const known = new Set(fields.map((f) => f.name));
  const add = (ps: readonly ParticleMeta[]): void => {
    for (const p of ps) {
      if (p.kind === "element" && !known.has(p.field.name)) {
        known.add(p.field.name);
        out.push(p.field);
      } else if (p.kind === "choice") for (const b of p.branches) add(b);
      else if (p.kind === "sequence") add(p.particles);
    }
  };
  for (let cur: TypeRef | undefined = ref, i = 0; cur !== undefined && i < 64; i++) {
    const t: TypeMeta | undefined = meta.types[cur];
    if (t?.kind !== "complex") break;
    add(t.particles ?? []);
    cur = t.base;
  }
  return out;
}

/**
 * First target of each kind under `nodes` (the content of an element of type `ref`).
 * `removable` false: the nodes are the parts of a bare body, whose presence no schema checks
 * (`soap:Body` holds a wildcard), so none of them is a required-removed target.
 */
function findTargets(
  meta: ServiceMetadata,
  ref: TypeRef,
  nodes: readonly Node[],
  out: Map<MutationKind, Found>,
  removable = true,
): void {
  const t = meta.types[ref];
  if (t === undefined) return;
  if (t.kind === "array") {
    for (const n of nodes) if (n.local === t.item.name) walkChild(meta, t.item, n, out);
    return;
  }
  if (t.kind !== "complex") return;
  const choice = inChoice(meta, ref);
  const fields = allFields(meta, ref);
  for (const f of fields) {
    const matching = nodes.filter((n) => n.local === f.name);
    if (removable && !out.has("required-removed") && f.min >= 1 && !choice.has(f.name) && matching.length === f.min)
      out.set("required-removed", { kind: "required-removed", node: matching[0]!, field: f });
    for (const n of matching) walkChild(meta, f, n, out);
  }
  // Repeated groups: their elements are only walked into (an item's requirement depends on its branch).
  for (const f of groupElements(meta, ref, fields))
    for (const n of nodes) if (n.local === f.name) walkChild(meta, f, n, out);
}

function walkChild(meta: ServiceMetadata, f: FieldMeta, n: Node, out: Map<MutationKind, Found>): void {
  if (!out.has("renamed")) out.set("renamed", { kind: "renamed", node: n, field: f });
  const nil = /\sxsi:nil\s*=\s*"(true|1)"/.test(n.attrs);
  if (!nil && !out.has("bad-enum") && n.children.length === 0 && enumType(meta, f.type))
    out.set("bad-enum", { kind: "bad-enum", node: n, field: f });
  const actual = actualType(meta, f.type, n);
  // Enumerations used only by attributes (cz-eet's `rezim`, `digest`, …).
  const attr = nil || out.has("bad-enum") ? undefined : enumAttribute(meta, actual, n);
  if (attr !== undefined) out.set("bad-enum", { kind: "bad-enum", node: n, field: f, attr });
  if (!nil) findTargets(meta, actual, n.children, out);
}

const BAD_ENUM = "soapkit-not-in-the-enumeration";

function apply(doc: WireDoc, found: Found): Mutation {
  const x = doc.bodyXml;
  const n = found.node;
  let body: string;
  let mention = found.field.name;
  if (found.kind === "required-removed") body = x.slice(0, n.start) + x.slice(n.end);
  else if (found.kind === "bad-enum" && found.attr !== undefined) {
    const open = x.slice(n.start, n.openEnd).replace(attrRe(found.attr), `$1${BAD_ENUM}"`);
    body = x.slice(0, n.start) + open + x.slice(n.openEnd);
    mention = BAD_ENUM;
  } else if (found.kind === "bad-enum") {
    body = x.slice(0, n.openEnd) + BAD_ENUM + x.slice(n.closeStart);
    mention = BAD_ENUM;
  } else {
    const rename = (tag: string): string =>
      tag.replace(new RegExp(`^(</?(?:[^\\s/>:]+:)?)${n.local}`), `$1${n.local}Renamed`);
    const open = rename(x.slice(n.start, n.openEnd));
    const close = n.closeStart === n.openEnd ? "" : rename(x.slice(n.closeStart, n.end));
    body = x.slice(0, n.start) + open + x.slice(n.openEnd, n.closeStart) + close + x.slice(n.end);
    mention = `${n.local}Renamed`;
  }
  const i = doc.xml.indexOf(x);
  return { kind: found.kind, from: doc.id, mention, xml: doc.xml.slice(0, i) + body + doc.xml.slice(i + x.length) };
}

/** One broken document per kind, from the first documents (in order) that allow it. */
export function mutations(docs: readonly WireDoc[]): Mutation[] {
  const out = new Map<MutationKind, Mutation>();
  for (const doc of docs) {
    if (out.size === 3) break;
    const top = scan(doc.bodyXml);
    const bare = doc.body.element === "";
    const content = bare ? top : (top[0]?.children ?? []);
    const found = new Map<MutationKind, Found>();
    findTargets(doc.meta, doc.body.type, content, found, !bare);
    for (const [kind, f] of found) if (!out.has(kind)) out.set(kind, apply(doc, f));
  }
  return [...out.values()];
}
