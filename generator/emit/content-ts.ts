/**
 * TypeScript shapes of content models (IR particles): a single choice is an exclusive union
 * whose branches are peers of the owner's properties (`{ a: A; b?: never } | { b: B; a?: never }`),
 * repeated groups are array properties (`$choice`, `$sequence`) of such objects, wildcards are
 * raw XML strings (`$any`). A type with a single choice (or deriving from one) is a type alias,
 * since an interface can neither be nor extend a union.
 */
import type { JSDocStructure, OptionalKind, PropertySignatureStructure } from "ts-morph";
import type { AnyParticle, ChoiceParticle, ComplexType, Field, Particle, TypeDef } from "../model/types.js";
import type { EmitContext } from "./context.js";
import { docText, propertyKey } from "./escape.js";
import { elementValueNote } from "./value-note.js";
import { builtinNote, fieldTs } from "./ts-types.js";

type Prop = OptionalKind<PropertySignatureStructure>;

/** The properties and exclusive unions of one object scope (a type, a branch, a group item). */
export interface Scope {
  readonly props: Prop[];
  readonly unions: string[];
  /** Every property name the scope may hold (including those of its single choices). */
  readonly names: string[];
}

function doc(...parts: (string | undefined)[]): OptionalKind<JSDocStructure>[] {
  const text = parts
    .filter((p): p is string => p !== undefined && p.trim() !== "")
    .map(docText)
    .join("\n\n");
  return text === "" ? [] : [{ description: text }];
}

export function fieldProp(ctx: EmitContext, f: Field): Prop {
  const note = f.type.kind === "builtin" ? builtinNote(f.type.name, ctx.options.mapping) : undefined;
  return {
    name: propertyKey(f.qname.local),
    hasQuestionToken: f.minOccurs === 0,
    type: fieldTs(ctx, f),
    docs: doc(f.documentation, elementValueNote(f), note),
  };
}

function occurrence(p: { minOccurs: number; maxOccurs: number }): string {
  return `minOccurs ${p.minOccurs}, maxOccurs ${p.maxOccurs === -1 ? "unbounded" : p.maxOccurs}`;
}

function anyProp(p: AnyParticle): Prop {
  return {
    name: propertyKey(p.name),
    hasQuestionToken: p.minOccurs === 0,
    type: p.maxOccurs === 1 ? "string" : "string[]",
    docs: doc(
      `Elements the schema leaves open (\`xs:any namespace="${p.namespace}" processContents="${p.process}"\`, ${occurrence(p)}), each kept as raw XML: one whole, well-formed element with the namespace declarations it needs.`,
    ),
  };
}

/** Properties and unions of a particle list. */
export function scopeOf(ctx: EmitContext, list: readonly Particle[]): Scope {
  const props: Prop[] = [];
  const unions: string[] = [];
  const names: string[] = [];
  for (const p of list) {
    if (p.kind === "choice" && p.maxOccurs === 1) {
      const u = choiceUnion(ctx, p);
      unions.push(u.text);
      names.push(...u.names);
      continue;
    }
    const prop =
      p.kind === "element"
        ? fieldProp(ctx, p.field)
        : p.kind === "any"
          ? anyProp(p)
          : p.kind === "sequence"
            ? {
                name: propertyKey(p.name),
                hasQuestionToken: p.minOccurs === 0,
                type: `${paren(scopeText(ctx, scopeOf(ctx, p.particles)))}[]`,
                docs: doc(`Repeated \`xs:sequence\` (${occurrence(p)}): one item per occurrence, in wire order.`),
              }
            : {
                name: propertyKey(p.name!),
                hasQuestionToken: p.minOccurs === 0,
                type: `${paren(choiceUnion(ctx, p).text)}[]`,
                docs: doc(
                  `Repeated \`xs:choice\` (${occurrence(p)})${p.substitutionHead ? ` of the substitution group of \`{${p.substitutionHead.ns}}${p.substitutionHead.local}\`` : ""}: one item per occurrence, in wire order, each holding exactly one branch.`,
                ),
              };
    props.push(prop);
    names.push(p.kind === "element" ? p.field.qname.local : p.name!);
  }
  return { props, unions, names };
}

function paren(text: string): string {
  return /[|&]/.test(text) ? `(${text})` : text;
}

/** `{ a: A; b?: never } | { b: B; a?: never }` (plus an all-`never` shape when the choice may be absent). */
function choiceUnion(ctx: EmitContext, c: ChoiceParticle): { text: string; names: string[] } {
  const scopes = c.branches.map((b) => scopeOf(ctx, b));
  const names = [...new Set(scopes.flatMap((s) => s.names))];
  const texts = scopes.map((s) => {
    const never = names.filter((n) => !s.names.includes(n)).map((n) => `${propertyKey(n)}?: never`);
    const own = [...s.props.map(propertyText), ...never.map((n) => `${n};`)];
    const parts = [own.length === 0 ? "{}" : `{ ${own.join(" ")} }`, ...s.unions.map((u) => `(${u})`)];
    return parts.join(" & ");
  });
  if (c.minOccurs === 0 && !scopes.some((s) => s.names.length === 0)) {
    texts.push(`{ ${names.map((n) => `${propertyKey(n)}?: never;`).join(" ")} }`);
  }
  return { text: texts.map((t) => (t.includes("&") ? `(${t})` : t)).join(" | "), names };
}

/** One property signature as text (JSDoc included). */
export function propertyText(p: Prop): string {
  const d = (p.docs ?? []).map((x) => (typeof x === "string" ? x : (x.description as string | undefined))).join("\n");
  const comment =
    d.trim() === ""
      ? ""
      : `/**\n${d
          .split("\n")
          .map((l) => (l === "" ? " *" : ` * ${l}`))
          .join("\n")}\n */\n`;
  return `${comment}${p.isReadonly === true ? "readonly " : ""}${p.name}${p.hasQuestionToken === true ? "?" : ""}: ${String(p.type)};`;
}

/** A scope as one type expression: `{ …props } & (union) & …`. */
export function scopeText(ctx: EmitContext, s: Scope, extra: readonly Prop[] = []): string {
  const props = [...extra, ...s.props];
  const obj =
    props.length === 0
      ? s.unions.length === 0
        ? "Record<string, never>"
        : ""
      : `{\n${props.map(propertyText).join("\n")}\n}`;
  return [obj, ...s.unions.map((u) => `(${u})`)].filter((x) => x !== "").join(" & ");
}

/** Whether the type (or a base) has a single choice, so it must be a type alias. */
export function needsAlias(ctx: EmitContext, t: ComplexType): boolean {
  for (let cur: ComplexType | undefined = t; cur !== undefined;) {
    if (cur.particles?.some((p) => p.kind === "choice" && p.maxOccurs === 1)) return true;
    const b: TypeDef | undefined = cur.base !== undefined ? ctx.type(cur.base) : undefined;
    cur = b?.kind === "complex" ? b : undefined;
  }
  return false;
}
