/**
 * A mutable copy of a parsed XML tree and its serialisation, for response mutations.
 * Every element declares its own default namespace; the root declares `xsi` as `i` and the
 * given prefixes, so QName values (`xsi:type`) keep resolving.
 */
import { XSI_NS } from "../../../runtime/metadata.js";
import type { XmlElement } from "../../../runtime/xml/parse.js";

export interface MNode {
  ns: string;
  local: string;
  attrs: Map<string, string>;
  children: MNode[];
  text: string;
}

export function toMutable(el: XmlElement): MNode {
  return { ns: el.ns, local: el.local, attrs: new Map(el.attrs), children: el.children.map(toMutable), text: el.text };
}

export function cloneNode(n: MNode): MNode {
  return { ns: n.ns, local: n.local, attrs: new Map(n.attrs), children: n.children.map(cloneNode), text: n.text };
}

/** All nodes below (and including) `root`, depth first, with their parents. */
export function walk(
  root: MNode,
  parent: MNode | null = null,
  out: { node: MNode; parent: MNode | null }[] = [],
): { node: MNode; parent: MNode | null }[] {
  out.push({ node: root, parent });
  for (const c of root.children) walk(c, root, out);
  return out;
}

const XSI_PREFIX = `{${XSI_NS}}`;

export function serialize(root: MNode, prefixes: readonly (readonly [string, string])[]): string {
  let decls = ` xmlns:i="${XSI_NS}"`;
  for (const [p, uri] of prefixes) if (p !== "i") decls += ` xmlns:${p}="${esc(uri)}"`;
  return `<?xml version="1.0" encoding="utf-8"?>${write(root, decls)}`;
}

function write(n: MNode, extra: string): string {
  let s = `<${n.local} xmlns="${esc(n.ns)}"${extra}`;
  for (const [k, v] of n.attrs) {
    if (k.startsWith(XSI_PREFIX)) s += ` i:${k.slice(XSI_PREFIX.length)}="${esc(v)}"`;
    else if (!k.startsWith("{")) s += ` ${k}="${esc(v)}"`;
  }
  s += `>${esc(n.text)}`;
  for (const c of n.children) s += write(c, "");
  return `${s}</${n.local}>`;
}

function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;");
}
