/**
 * Substitution groups across all loaded schemas: the global elements that may stand where a
 * head element is referenced (`substitutionGroup=` the head, transitively).
 */
import type { QNameRef } from "../../parse/qname.js";
import { qnameKey, type QName } from "../types.js";
import type { SymbolTables } from "./symbols.js";

const index = new WeakMap<SymbolTables, ReadonlyMap<string, readonly QName[]>>();

/** Head key → direct members, in schema order. */
function directMembers(tables: SymbolTables): ReadonlyMap<string, readonly QName[]> {
  let map = index.get(tables);
  if (map !== undefined) return map;
  const out = new Map<string, QName[]>();
  for (const [key, el] of tables.elements) {
    const head = el.substitutionGroup?.qname;
    if (head === undefined) continue;
    const local = el.name ?? "";
    const member = { ns: key.slice(1, key.length - local.length - 1), local };
    const list = out.get(qnameKey(head)) ?? [];
    list.push(member);
    out.set(qnameKey(head), list);
  }
  map = out;
  index.set(tables, map);
  return map;
}

/**
 * Every non-abstract element that can substitute for `head` (transitively), sorted by
 * `{ns}local` for stable output, as references located at the member declarations.
 */
export function substitutionMembers(tables: SymbolTables, head: QName): QNameRef[] {
  const direct = directMembers(tables);
  const found = new Map<string, QName>();
  const queue = [head];
  for (let q = queue.shift(); q !== undefined; q = queue.shift()) {
    for (const m of direct.get(qnameKey(q)) ?? []) {
      const key = qnameKey(m);
      if (found.has(key) || key === qnameKey(head)) continue;
      found.set(key, m);
      queue.push(m);
    }
  }
  const out: QNameRef[] = [];
  for (const key of [...found.keys()].sort()) {
    const el = tables.elements.get(key);
    const q = found.get(key)!;
    if (el === undefined || el.abstract) continue;
    out.push({ text: q.local, prefix: "", local: q.local, qname: q, location: el.location });
  }
  return out;
}
