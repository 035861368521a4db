/**
 * Canonical view of an XML document for assertions (the TypeScript twin of `canon` in
 * test/helpers/zeep_bridge.py): element and attribute names as `{ns}local`, namespace declarations and
 * prefixes gone, `xsi:type` values resolved to `{ns}local`, whitespace between child
 * elements dropped, character data of leaf elements exact.
 */
import { XSI_NS } from "../../../runtime/metadata.js";
import { parseXml, resolveQName, type XmlElement } from "../../../runtime/xml/parse.js";

export interface Canon {
  readonly name: string;
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly Canon[];
}

export const XSI_TYPE = `{${XSI_NS}}type`;
export const XSI_NIL = `{${XSI_NS}}nil`;

function fromElement(el: XmlElement): Canon {
  const attrs: Record<string, string> = {};
  for (const [k, v] of el.attrs) {
    if (k === XSI_TYPE) {
      const q = resolveQName(el, v);
      attrs[k] = q === undefined ? `?${v}` : `{${q.ns}}${q.local}`;
    } else attrs[k] = v;
  }
  return {
    name: `{${el.ns}}${el.local}`,
    local: el.local,
    attrs,
    text: el.children.length === 0 ? el.text : "",
    children: el.children.map(fromElement),
  };
}

/** Canonical tree of a document. */
export function canonical(xml: string): Canon {
  return fromElement(parseXml(xml));
}

/** The element reached by following local names (first match at each step); throws when missing. */
export function at(node: Canon, ...locals: string[]): Canon {
  let cur = node;
  for (const l of locals) {
    const next = cur.children.find((c) => c.local === l);
    if (next === undefined)
      throw new Error(`no <${l}> under <${cur.local}> (children: ${cur.children.map((c) => c.local).join(", ")})`);
    cur = next;
  }
  return cur;
}

/** Whether `node` has a child of that local name. */
export function has(node: Canon, local: string): boolean {
  return node.children.some((c) => c.local === local);
}

/** The local names of `node`'s children, in document order. */
export function childNames(node: Canon): string[] {
  return node.children.map((c) => c.local);
}
