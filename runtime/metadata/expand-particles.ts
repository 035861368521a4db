/**
 * Format v3 content-model entries of a complex type's `f` list: choices (`["|", …]`), repeated
 * sequences (`["(", …]`) and wildcards (`["*", name, …]`), see format.ts. Produces the particle
 * list and the peer `fields` (own elements plus the elements of single choices, recursively,
 * choice-branch ones with `min: 0`).
 */
import type { AnyMeta, ChoiceMeta, FieldMeta, ParticleMeta, SequenceGroupMeta } from "../metadata.js";
import { array, kindOf, metadataError, oneOf, string } from "./check.js";
import { parseFlags, type Occurrence } from "./flags.js";
import type { NsTable } from "./expand-types.js";

type FieldReader = (v: unknown, at: () => string) => FieldMeta;

/** True for a v3 group or wildcard entry (not an element, not an attribute). */
export function isParticleEntry(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  if ((v[0] === "|" || v[0] === "(") && Array.isArray(v[1])) return true;
  return v[0] === "*" && !(typeof v[2] === "string" && v[2].startsWith("@"));
}

/** Refuse v3 constructs in a literal that declares an older version. */
export function requireV3(ctx: NsTable, what: string, at: () => string): void {
  if (ctx.version < 3)
    throw metadataError(at(), `${what} needs metadata format version 3 (this literal declares v: ${ctx.version})`);
}

/** Expanded content: the particles and the peer element fields. */
export interface ExpandedContent {
  readonly particles: ParticleMeta[];
  readonly fields: FieldMeta[];
  /** True when a particle is more than a plain element. */
  readonly rich: boolean;
}

interface Reader {
  readonly ctx: NsTable;
  readonly ownerNs: string;
  readonly field: FieldReader;
}

/** Occurrence without the nillable flag. */
function groupOccurrence(v: unknown, path: string): Occurrence {
  const flags = v === undefined ? "" : string(v, path);
  const occ = parseFlags(flags, path);
  if (occ.nillable) throw metadataError(path, `group flags '${flags}' cannot be nillable`);
  return occ;
}

/** Expand a list of element/group/wildcard entries (no attributes). `optional`: peers get `min: 0`. */
export function expandContent(
  r: Reader,
  entries: readonly unknown[],
  at: (i: number) => string,
  optional: boolean,
): ExpandedContent {
  const particles: ParticleMeta[] = [];
  const fields: FieldMeta[] = [];
  let rich = false;
  entries.forEach((e, i) => {
    const here = (): string => at(i);
    if (!isParticleEntry(e)) {
      if (Array.isArray(e) && typeof e[2] === "string" && e[2].startsWith("@"))
        throw metadataError(here(), "an attribute entry cannot be inside a group");
      const f = r.field(e, here);
      particles.push({ kind: "element", field: f });
      fields.push(optional && f.min > 0 ? { ...f, min: 0 } : f);
      return;
    }
    requireV3(r.ctx, `a '${(e as unknown[])[0] as string}' entry (choice, repeated sequence or wildcard)`, here);
    rich = true;
    const t = e as readonly unknown[];
    if (t[0] === "|") {
      const c = choice(r, t, here);
      particles.push(c.meta);
      fields.push(...c.fields);
    } else if (t[0] === "(") particles.push(sequence(r, t, here));
    else particles.push(wildcard(r, t, here));
  });
  return { particles, fields, rich };
}

function choice(r: Reader, t: readonly unknown[], at: () => string): { meta: ChoiceMeta; fields: FieldMeta[] } {
  if (t.length < 2 || t.length > 4)
    throw metadataError(at(), `expected a choice ["|", branches, flags?, name?], found ${t.length} items`);
  const occ = groupOccurrence(t[2], `${at()}[2]`);
  const repeated = occ.max !== 1;
  if (repeated !== (t[3] !== undefined))
    throw metadataError(at(), repeated ? "a repeated choice needs a name" : "a choice that occurs once has no name");
  const raw = array(t[1], `${at()}[1]`);
  if (raw.length === 0) throw metadataError(`${at()}[1]`, "a choice needs at least one branch");
  const fields: FieldMeta[] = [];
  const branches = raw.map((b, k) => {
    const bp = (): string => `${at()}[1][${k}]`;
    const content = expandContent(r, array(b, bp()), (i) => `${bp()}[${i}]`, true);
    if (!repeated) fields.push(...content.fields);
    return content.particles;
  });
  const meta: ChoiceMeta = { kind: "choice", min: occ.min, max: occ.max, branches };
  return { meta: repeated ? { ...meta, name: string(t[3], `${at()}[3]`) } : meta, fields };
}

function sequence(r: Reader, t: readonly unknown[], at: () => string): SequenceGroupMeta {
  if (t.length !== 4)
    throw metadataError(at(), `expected a repeated sequence ["(", entries, flags, name], found ${t.length} items`);
  const occ = groupOccurrence(t[2], `${at()}[2]`);
  const entries = array(t[1], `${at()}[1]`);
  const content = expandContent(r, entries, (i) => `${at()}[1][${i}]`, false);
  return {
    kind: "sequence",
    min: occ.min,
    max: occ.max,
    name: string(t[3], `${at()}[3]`),
    particles: content.particles,
  };
}

function wildcard(r: Reader, t: readonly unknown[], at: () => string): AnyMeta {
  if (t.length < 2 || t.length > 5)
    throw metadataError(at(), `expected a wildcard ["*", name, flags?, namespace?, process?], found ${t.length} items`);
  const name = string(t[1], `${at()}[1]`);
  if (name === "") throw metadataError(`${at()}[1]`, "a wildcard needs a property name");
  const occ = groupOccurrence(t[2], `${at()}[2]`);
  const process = t[4] === undefined ? "strict" : oneOf(t[4], `${at()}[4]`, ["strict", "lax", "skip"]);
  const m: AnyMeta = { kind: "any", name, min: occ.min, max: occ.max, process };
  const ns = t[3] === undefined ? "##any" : string(t[3], `${at()}[3]`);
  return { ...m, ...namespaceConstraint(ns, r.ownerNs, `${at()}[3]`) };
}

/** XSD `namespace=` → `allow` / `exclude` lists. */
function namespaceConstraint(
  ns: string,
  owner: string,
  path: string,
): { allow?: readonly string[]; exclude?: readonly string[] } {
  const tokens = ns.split(/[ \t\r\n]+/).filter((s) => s !== "");
  if (tokens.length === 1 && tokens[0] === "##any") return {};
  if (tokens.length === 1 && tokens[0] === "##other") return { exclude: [...new Set([owner, ""])] };
  const allow = tokens.map((tok) => {
    if (tok === "##local") return "";
    if (tok === "##targetNamespace") return owner;
    if (tok.startsWith("##"))
      throw metadataError(
        path,
        `unknown wildcard namespace ${kindOf(tok)} (##any, ##other, ##local, ##targetNamespace)`,
      );
    return tok;
  });
  if (allow.length === 0) throw metadataError(path, "an empty wildcard namespace list");
  return { allow: [...new Set(allow)] };
}

/** Every property name a particle list gives its owner (peers, group arrays, wildcards), for duplicate checks. */
export function propertyNames(particles: readonly ParticleMeta[], out: string[] = []): string[] {
  for (const p of particles) {
    if (p.kind === "element") out.push(p.field.name);
    else if (p.kind === "any" || p.kind === "sequence") out.push(p.name);
    else if (p.name !== undefined) out.push(p.name);
    else for (const b of p.branches) propertyNames(b, out);
  }
  return out;
}
