/**
 * WS-Policy normal form: a policy expression → its alternatives, each a list of assertions
 * (WS-Policy 1.5 §4.3). `wsp:Policy`/`wsp:All` combine their children (cross product),
 * `wsp:ExactlyOne` offers each child as an alternative, `wsp:Optional="true"` makes an assertion
 * an alternative with and without it, and `wsp:PolicyReference` is replaced by what it names.
 * An assertion's own nested `wsp:Policy` is its parameter and stays inside it.
 */
import { WSP_NS } from "../../parse/policy-reader.js";
import type { RawPolicyNode } from "../../parse/raw-wsdl.js";
import type { Note } from "../types.js";

export type Alternative = readonly RawPolicyNode[];

/** More alternatives than this (a cross product of many ExactlyOnes) are cut, with a diagnostic. */
const MAX_ALTERNATIVES = 64;

export interface PolicyScope {
  /** The policy a `#id` reference names (in any loaded document), or undefined. */
  byId(id: string): RawPolicyNode | undefined;
  /** Warnings about references that resolve nowhere and policies too large to enumerate. */
  readonly notes: Note[];
}

export function alternatives(
  node: RawPolicyNode,
  scope: PolicyScope,
  seen: ReadonlySet<string> = new Set(),
): Alternative[] {
  if (!WSP_NS.has(node.ns)) return node.optional ? [[], [node]] : [[node]];
  switch (node.local) {
    case "Policy":
    case "All":
      return node.children.reduce<Alternative[]>((acc, c) => cross(acc, alternatives(c, scope, seen), c, scope), [[]]);
    case "ExactlyOne":
      return node.children.flatMap((c) => alternatives(c, scope, seen));
    case "PolicyReference":
      return referenced(node.uri ?? "", node.location, scope, seen) ?? [[]];
    default:
      return [[node]];
  }
}

/** The alternatives of the policy `#id` names; a reference that resolves nowhere is a diagnostic. */
export function referenced(
  uri: string,
  at: RawPolicyNode["location"],
  scope: PolicyScope,
  seen: ReadonlySet<string> = new Set(),
): Alternative[] | undefined {
  const id = uri.startsWith("#") ? uri.slice(1) : undefined;
  const target = id === undefined ? undefined : scope.byId(id);
  if (id === undefined || target === undefined || seen.has(id)) {
    scope.notes.push({
      kind: "wsdl-policy-unresolved",
      severity: "warning",
      message:
        id !== undefined && seen.has(id)
          ? `wsp:PolicyReference "${uri}" refers to itself`
          : `wsp:PolicyReference "${uri}" names no wsp:Policy of the loaded documents (only "#id" references are followed); what it requires is unknown`,
      location: at,
    });
    return undefined;
  }
  return alternatives(target, scope, new Set([...seen, id]));
}

function cross(acc: Alternative[], next: Alternative[], node: RawPolicyNode, scope: PolicyScope): Alternative[] {
  const out: Alternative[] = [];
  for (const a of acc) for (const b of next) out.push([...a, ...b]);
  if (out.length <= MAX_ALTERNATIVES) return out;
  scope.notes.push({
    kind: "wsdl-policy-unsupported",
    severity: "warning",
    message: `the policy has more than ${MAX_ALTERNATIVES} alternatives; only the first ${MAX_ALTERNATIVES} are considered`,
    location: node.location,
  });
  return out.slice(0, MAX_ALTERNATIVES);
}
