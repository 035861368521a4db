/**
 * The zeep cross-check of one corpus WSDL, shared by test/corpus/zeep.test.ts and
 * scripts/corpus-report.ts: a deterministic sample of documents (up to `PER_PORT` operations per
 * port, `full` and `minimal` shapes, both directions), zeep's reading of each (one Python
 * process per WSDL, see test/helpers/zeep.ts) and the comparison with the encoded values after
 * the normalisation documented in test/helpers/zeep-values.ts.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { OperationMeta } from "../../runtime/metadata.js";
import { rpcOperations } from "../helpers/rpc-schema.js";
import { wsdlDocuments } from "../helpers/wsdl-schemas.js";
import { ZeepSession, firstDifference, type ZeepParseResult } from "../helpers/zeep.js";
import { markChoiceContent, zeepExpected, type Json } from "../helpers/zeep-values.js";
import { spread } from "./corpus.js";
import { portDocuments, type WireDoc } from "./documents.js";
import { portsOf } from "./metadata.js";

export const PER_PORT = 5;

/** Operations of rpc style (from the WSDL bindings, see `sampleDocs`). */
const RPC = new WeakSet<OperationMeta>();
/** `member head` local-name pairs of the WSDL's substitution groups, by document id. */
const SUBSTITUTIONS = new Map<string, Set<string>>();

/** `member head` pairs of every `xs:element name=… substitutionGroup=…` declaration. */
export function substitutionPairs(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts)
    for (const [tag] of text.matchAll(/<(?:[\w.-]+:)?element\b[^>]*>/g)) {
      const name = /\sname="([^"]+)"/.exec(tag)?.[1];
      const head = /\ssubstitutionGroup="(?:[^":]*:)?([^"]+)"/.exec(tag)?.[1];
      if (name !== undefined && head !== undefined) out.add(`${name} ${head}`);
    }
  return out;
}

const TAG = /<(\/?)(?:[\w.-]+:)?([\w.-]+)\b([^>]*?)(\/?)>/g;
const NOT_CONTENT = /^(?:attribute|attributeGroup|anyAttribute)$/;

/**
 * `{ns}local` of every named complex type whose whole element content is one non-repeated
 * `xs:choice` (attributes may follow), read from the schema texts: see `markChoiceContent`.
 */
export function choiceContentTypes(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const raw of texts) {
    const text = raw
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(?:[\w.-]+:)?annotation\b[\s\S]*?<\/(?:[\w.-]+:)?annotation>/g, "");
    const stack: { tag: string; attrs: string; children: string[] }[] = [];
    let tns = "";
    for (const [, close, tag, attrs, empty] of text.matchAll(TAG)) {
      if (tag === "schema" && close === "") tns = /\stargetNamespace="([^"]*)"/.exec(attrs!)?.[1] ?? "";
      if (close === "") {
        if (!NOT_CONTENT.test(tag!)) stack.at(-1)?.children.push(`${tag}${attrs}`);
        if (empty === "") stack.push({ tag: tag!, attrs: attrs!, children: [] });
        continue;
      }
      const top = stack.pop();
      if (top?.tag !== "complexType") continue;
      const name = /\sname="([^"]+)"/.exec(top.attrs)?.[1];
      const [only, ...rest] = top.children;
      if (name !== undefined && rest.length === 0 && only?.startsWith("choice") && !/maxOccurs="(?!1")/.test(only))
        out.add(`{${tns}}${name}`);
    }
  }
  return out;
}

/** The texts of `paths` and every local file they reference by `schemaLocation`, transitively. */
async function schemaTexts(paths: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const queue = [...paths]; queue.length > 0;) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text === undefined) continue;
    out.push(text);
    for (const [, loc] of text.matchAll(/\sschemaLocation="([^"]+)"/g))
      if (!/^[a-z]+:/i.test(loc!)) queue.push(resolve(dirname(path), loc!));
  }
  return out;
}

/**
 * A zeep failure that is a documented zeep limitation, not a soapkit encoding difference:
 * zeep ignores `substitutionGroup` (its schema visitor never reads it), so a member element
 * where the head is declared is "unexpected"; or what the bridge traced (`limitation`).
 */
export function zeepLimitation(d: WireDoc, r: ZeepParseResult | undefined): string | undefined {
  if (r?.limitation !== undefined) return r.limitation;
  const m = /^XMLParseError: Unexpected element '(?:\{[^}]*\})?([^']+)', expected '(?:\{[^}]*\})?([^']+)'/.exec(
    r?.error ?? "",
  );
  if (m !== null && SUBSTITUTIONS.get(d.id)?.has(`${m[1]} ${m[2]}`) === true)
    return `zeep ignores substitutionGroup: ${m[1]} (substitutes ${m[2]})`;
  return undefined;
}

/** The sampled documents of one WSDL. */
export async function sampleDocs(wsdl: string): Promise<WireDoc[]> {
  const out: WireDoc[] = [];
  const texts = (await wsdlDocuments(wsdl)).map((d) => d.text);
  const rpc = rpcOperations(texts);
  const schemas = await schemaTexts((await wsdlDocuments(wsdl)).map((d) => d.path));
  const substitutions = substitutionPairs(schemas);
  const choices = choiceContentTypes(schemas);
  for (const meta of await portsOf(wsdl)) {
    markChoiceContent(meta, choices);
    for (const op of Object.values(meta.operations)) if (rpc.get(meta.binding)?.has(op.name)) RPC.add(op);
    const keys = spread(Object.keys(meta.operations).sort(), PER_PORT);
    const docs = portDocuments(meta, undefined, keys).docs;
    for (const d of docs) if (d.shape === "full" || d.shape === "minimal") SUBSTITUTIONS.set(d.id, substitutions);
    out.push(...docs.filter((d) => d.shape === "full" || d.shape === "minimal"));
  }
  return out;
}

/**
 * What zeep's reading of the body is expected to serialise to: the wrapper instance
 * (document/literal wrapped); for rpc, the parts without a type (zeep's message object is not
 * a schema type); for a bare body, its one part's value, or the parts.
 */
function expectedBody(d: WireDoc): Json {
  if (d.body.empty) return null;
  const whole = zeepExpected(d.meta, d.body.type, d.value ?? {}, true);
  const bare = d.body.element === "";
  if (!bare && !RPC.has(d.op)) return whole;
  const t = d.meta.types[d.body.type];
  if (bare && t?.kind === "complex" && t.fields.length === 1 && whole !== null && typeof whole === "object")
    return (whole as { [k: string]: Json })[t.fields[0]!.name] ?? null;
  return parts(whole) ?? null;
}

/** What zeep's reading of `d` is expected to serialise to (body and header parts). */
function expected(d: WireDoc): { body: Json; header: Json } {
  const header: { [k: string]: Json } = {};
  // zeep names a header by its message part (EWS part Impersonation, element ExchangeImpersonation)
  for (const h of d.headers) header[h.name] = zeepExpected(d.meta, h.type, d.headerValues[h.name]);
  return { body: expectedBody(d), header: d.headers.length === 0 ? null : header };
}

/** A copy of `v` whose first string leaf (depth first) has "X" appended; `undefined` when it has none. */
export function tweaked(v: unknown): unknown {
  if (typeof v === "string") return `${v}X`;
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return undefined;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) };
  for (const [k, x] of Object.entries(copy)) {
    if (k === "$type") continue;
    const t = tweaked(x);
    if (t === undefined) continue;
    (copy as Record<string, unknown>)[k] = t;
    return copy;
  }
  return undefined;
}

/** zeep's header object is of an anonymous type: compare its parts only. */
function parts(h: Json | undefined): Json | undefined {
  if (h === null || h === undefined || typeof h !== "object" || Array.isArray(h)) return h;
  const { $type: _ignored, ...rest } = h;
  return rest;
}

/**
 * zeep ignores `use="prohibited"` in a complexContent restriction: it keeps the base's attribute
 * and reads it as None (EWS `SmartResponseBaseType` restricts `ResponseObjectType` and prohibits
 * its `ObjectName`; soapkit's type rightly has no such attribute). Per WSDL, these attribute
 * names are dropped from zeep's reading when they are None — only then.
 */
const PROHIBITED_IN_RESTRICTIONS: Readonly<Record<string, readonly string[]>> = { ews: ["ObjectName"] };

/**
 * Union-typed names whose sample text zeep cannot parse (it reads None): the metadata carries a
 * union as its lexical text without member facets, so the sample fits no member of EWS's
 * `ReminderMinutesBeforeStartType` (an int range or "") or `PropertyTagType` (a hex pattern or
 * an int range). xmllint's union errors on them are pinned as sample facets in xmllint.test.ts;
 * here they are left out on both sides (zeep side only where it read None).
 */
const UNPARSEABLE_UNION_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  ews: ["ReminderMinutesBeforeStart", "PropertyTag"],
};

function withoutNames(v: Json | undefined, names: readonly string[], onlyNull: boolean): Json | undefined {
  if (names.length === 0 || v === null || v === undefined || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => withoutNames(x, names, onlyNull) ?? null);
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) {
    if ((x === null || !onlyNull) && names.includes(k)) continue;
    out[k] = withoutNames(x, names, onlyNull) ?? null;
  }
  return out;
}

export function mismatch(d: WireDoc, r: ZeepParseResult | undefined, wsdl = ""): string | undefined {
  if (r === undefined) return `${d.id}: no answer from zeep`;
  if (zeepLimitation(d, r) !== undefined) return undefined;
  if (r.error !== undefined) return `${d.id}: zeep failed: ${r.error.split("\n")[0]}`;
  const want = expected(d);
  // An empty wrapper (void operation) may read as None or as an instance without values.
  const onlyType = (b: Json | undefined) =>
    typeof b === "object" && b !== null && Object.keys(parts(b) ?? {}).length === 0;
  const unions = UNPARSEABLE_UNION_SAMPLES[wsdl] ?? [];
  const read = withoutNames(withoutNames(r.body, PROHIBITED_IN_RESTRICTIONS[wsdl] ?? [], true), unions, true);
  const body = d.body.empty && onlyType(read) ? null : read;
  const diff =
    firstDifference(body, withoutNames(want.body, unions, false), "body") ??
    firstDifference(parts(r.header), want.header, "header");
  return diff === undefined ? undefined : `${d.id}: ${diff}`;
}

/** zeep's reading of `docs` (one Python process), by document id. */
export async function zeepRead(
  name: string,
  wsdl: string,
  docs: readonly WireDoc[],
): Promise<Map<string, ZeepParseResult>> {
  const zeep = new ZeepSession();
  try {
    const parses = docs.map((d) => ({
      id: d.id,
      port: d.meta.port,
      op: d.op.name,
      direction: d.direction,
      xml: d.xml,
    }));
    // A WSDL zeep cannot load (or a crashed bridge) fails this WSDL's documents, not the run.
    const answer = await zeep.run({ name, wsdl, requests: [], replies: [], parses }).catch((e: unknown) => ({
      parses: docs.map((d) => ({ id: d.id, error: `zeep bridge: ${e instanceof Error ? e.message : String(e)}` })),
    }));
    return new Map(answer.parses.map((r) => [r.id, r]));
  } finally {
    zeep.end();
  }
}
