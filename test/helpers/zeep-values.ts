/**
 * Typed soapkit values ↔ the tagged JSON the zeep bridge (test/helpers/zeep_bridge.py)
 * reads and writes. Both directions are driven by the service metadata.
 *
 * In (TS → zeep, to build a request): `undefined` → key left out, `null` → `xsd.Nil`,
 * `bigint` → `{"$int"}`, bytes → `{"$b64"}`, an `ArrayOfX` value `X[]` → `{ <item name>: [...] }`
 * (zeep models the wrapper element as an object), a value whose `$type` differs from the
 * declared type → `{"$type": "{ns}local", ...}` (zeep instantiates that XSD type, which makes
 * it write `xsi:type`). dateTime strings go through unchanged (zeep writes strings as given).
 *
 * Expected (TS → what zeep's parse of the same XML serialises to), documented normalisation:
 * - zeep has no "absent": a missing optional element reads as `None`, like a nil simple
 *   element, so `undefined` and a `null` scalar both become `null`; an absent repeated element
 *   reads as `[]`. zeep ignores `xsi:nil` on complex types (open zeep issue #823, PR #753):
 *   a nil complex element reads as an instance whose fields are all `None` (repeated ones
 *   `[]`), so a `null` complex value is expected in that shape. Nil versus absent is asserted
 *   on the wire instead (semantics.test.ts, xmllint, and zeep's own requests);
 * - an empty body wrapper (void operation) reads as `None`;
 * - complex values (`ArrayOfX` wrappers included) carry `"$type": "{ns}local"` of the type zeep
 *   instantiated: the `xsi:type` one when present; zeep names anonymous types after their
 *   element, as the metadata does (body wrappers, dictionary items);
 * - `xs:dateTime` is compared as zeep's `datetime`: no offset → wall-clock time as written,
 *   with an offset or `Z` → the UTC instant; both to microseconds (Python's resolution:
 *   zeep reads `.1234567` as 123456 µs);
 * - `xs:long` beyond ±(2^53−1) → `{"$int": "<decimal>"}` (exact), bytes → `{"$b64"}`,
 *   `xs:decimal` → `{"$dec"}`, `xs:date`/`xs:time` → `{"$str"}` (Python's isoformat of
 *   zeep's date/time); ints, booleans, strings and doubles compare exactly;
 * - XML attributes are fields named like the attribute (an absent one reads as `None`),
 *   `xs:anyAttribute` is zeep's `_attr_1` (a dict, `{}` when only declared attributes are
 *   written, `None` without any attribute), and the `xs:simpleContent`
 *   value (`$value`) is zeep's `_value_1`;
 * - an element without children, attributes or text reads as `None` (zeep's `allow_none`), so
 *   a complex value with nothing to write (and no `xsi:type`) is expected as `null`;
 * - a wildcard (`$any`, `$any2`, … outside repeated groups) is zeep's `_value_1`, `_value_2`, …;
 *   an element zeep cannot resolve stays an lxml element, compared by qualified name and, when
 *   it has no child element, text (`{"$el", "$text"}`); a repeated wildcard also takes the
 *   elements after it (zeep's `Any` ignores `namespace`, e.g. ONVIF PTZConfigurationOptions'
 *   `##other` before `tt:PTControlDirection`), whose fields then read as absent; an integer-based enumeration reads as zeep's int; `xs:duration`
 *   (days to seconds) as Python's `timedelta`, compared by total seconds (`{"$dur"}`);
 * - a repeated choice (`$choice` items of one branch each) is zeep's `_value_N` list of dicts
 *   (numbered with the wildcards, one counter per content model); zeep's choice consumes every
 *   following match of a repeated branch element, so consecutive items of that branch read as one;
 * - a required attribute with a `fixed` value is written by the encoder when absent: expected;
 * - a single choice whose chosen branch reads only Python-falsy values (an empty element read as
 *   None, `false`, `0`, `""`, an empty list) reads as if no branch were given: zeep's
 *   `Choice.parse_kwargs` keeps a branch only when `any(values)`. The branch's values read None
 *   when the choice sits among other particles, and the choice's keys are absent altogether when
 *   it is the type's whole content model (EWS `SingleRecipientType`: `<ManagerMailbox><Mailbox/>`
 *   reads as `{}`). Reproduced standalone in test/unit/helpers/zeep-values.test.ts;
 * - zeep does not read mixed text (`$value` of a `mixed` type is not compared), and the bridge
 *   drops the `_value_1: None` placeholder zeep's `ComplexType.extend` gives an extension
 *   without element content (EWS ItemIdType; an extension of xs:anyType).
 */
import type {
  AnyMeta,
  AttributeMeta,
  ChoiceMeta,
  ComplexTypeMeta,
  FieldMeta,
  ParticleMeta,
  ServiceMetadata,
  TypeMeta,
  TypeRef,
} from "../../runtime/metadata.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function chain(meta: ServiceMetadata, id: TypeRef): { id: TypeRef; t: ComplexTypeMeta }[] {
  const out: { id: TypeRef; t: ComplexTypeMeta }[] = [];
  for (let cur: TypeRef | undefined = id; cur !== undefined;) {
    const t: TypeMeta | undefined = meta.types[cur];
    if (t?.kind !== "complex") throw new Error(`${cur} is not a complex type`);
    out.unshift({ id: cur, t });
    cur = t.base;
  }
  return out;
}

/** All fields of a complex type, base fields first. */
export function allFields(meta: ServiceMetadata, id: TypeRef): FieldMeta[] {
  return chain(meta, id).flatMap((c) => [...c.t.fields]);
}

function qname(meta: ServiceMetadata, id: TypeRef): string {
  const t = meta.types[id];
  if (t === undefined) throw new Error(`unknown type ${id}`);
  return `{${t.ns}}${t.local}`;
}

function actualType(declared: TypeRef, v: Record<string, unknown>): TypeRef {
  return typeof v["$type"] === "string" ? v["$type"] : declared;
}

function scalarIn(v: unknown): Json {
  if (typeof v === "bigint") return { $int: v.toString() };
  if (v instanceof Uint8Array) return { $b64: Buffer.from(v).toString("base64") };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  throw new Error(`unexpected scalar value ${String(v)}`);
}

/** A typed value of `type` as zeep input (see the module comment). */
export function zeepIn(meta: ServiceMetadata, type: TypeRef, v: unknown): Json {
  if (v === null) return null;
  if (type.startsWith("xs:")) return scalarIn(v);
  const t = meta.types[type];
  if (t === undefined) throw new Error(`unknown type ${type}`);
  switch (t.kind) {
    case "enum":
      return v as string;
    case "list":
      return (v as unknown[]).map(scalarIn);
    case "alias":
      return zeepIn(meta, t.base, v);
    case "array":
      return { [t.item.name]: (v as unknown[]).map((x) => zeepIn(meta, t.item.type, x)) };
    case "complex": {
      const obj = v as Record<string, unknown>;
      const actual = actualType(type, obj);
      const out: { [k: string]: Json } = {};
      if (actual !== type) out["$type"] = qname(meta, actual);
      for (const f of allFields(meta, actual)) {
        const fv = obj[f.name];
        if (fv === undefined) continue;
        out[f.name] =
          f.max !== 1 && Array.isArray(fv) ? fv.map((x) => zeepIn(meta, f.type, x)) : zeepIn(meta, f.type, fv);
      }
      return out;
    }
  }
}

/** Header values keyed by header part name, as zeep `_soapheaders`. */
export function zeepHeadersIn(
  meta: ServiceMetadata,
  headers: readonly { name: string; type: TypeRef }[],
  values: Record<string, unknown>,
): Json {
  const out: { [k: string]: Json } = {};
  for (const h of headers) if (values[h.name] !== undefined) out[h.name] = zeepIn(meta, h.type, values[h.name]);
  return out;
}

const DT = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/** `xs:dateTime` lexical form → what the bridge writes for zeep's `datetime` (see module comment). */
export function normalizeDateTime(lexical: string): string {
  const m = DT.exec(lexical);
  if (m === null) throw new Error(`not an xs:dateTime: ${lexical}`);
  const [, y, mo, d, h, mi, s, frac = "", tz] = m;
  // Seconds rounded to microseconds half-to-even, as isodate does (Decimal.quantize).
  let micro = Number(`${frac}000000`.slice(0, 6));
  const rest = frac.slice(6);
  if (rest !== "") {
    const half = `5${"0".repeat(rest.length - 1)}`;
    if (rest > half || (rest === half && micro % 2 === 1)) micro++;
  }
  const offsetMin =
    tz === undefined || tz === "Z"
      ? 0
      : (tz.startsWith("-") ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
  // Date arithmetic in UTC also for offset-less values (only the carry matters there).
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
    offsetMin * 60_000 +
    Math.floor(micro / 1_000_000) * 1000;
  const fraction = micro % 1_000_000 === 0 ? "" : `.${String(micro % 1_000_000).padStart(6, "0")}`;
  return `${new Date(ms).toISOString().slice(0, 19)}${fraction}${tz === undefined ? "" : "Z"}`;
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** `PnDTnHnMnS` → total seconds, as the bridge writes a `timedelta`; years/months stay strings. */
function durationExpected(v: string): Json {
  const m = DURATION.exec(v);
  if (m === null) return v;
  const [, d = "0", h = "0", mi = "0", s = "0"] = m;
  return { $dur: ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s) };
}

const INTEGER_BASES =
  /^xs:(?:(?:unsigned)?(?:long|int|short|byte)|(?:non)?(?:positive|negative)?integer|nonNegativeInteger|nonPositiveInteger|positiveInteger|negativeInteger)$/i;

/** A wildcard's raw XML as the bridge writes zeep's lxml element (sample forms: one element, text only). */
function anyElementExpected(xml: string): Json {
  const m = /^<(?:([\w.-]+):)?([\w.-]+)(?:\s+xmlns(?::([\w.-]+))?="([^"]*)")?\s*>([^<]*)<\/[^>]+>$/.exec(xml);
  if (m === null) throw new Error(`unexpected wildcard sample ${xml}`);
  const [, prefix, local, declared, ns = "", text = ""] = m;
  if ((prefix ?? "") !== (declared ?? "")) throw new Error(`unexpected wildcard sample ${xml}`);
  return { $el: ns === "" ? local! : `{${ns}}${local}`, $text: text };
}

interface Wildcard {
  readonly any: AnyMeta;
  /** Elements after a repeated wildcard in its sequence: zeep's wildcard takes them too. */
  readonly greedy: readonly FieldMeta[];
}

/** zeep's numbered (`_value_N`) properties of a content model, in zeep's order. */
type Numbered = Wildcard | { readonly choice: ChoiceMeta & { readonly name: string } };

/**
 * Wildcards outside repeated groups and repeated choices (zeep's `_value_N` properties, one
 * counter per content model; a single choice's wildcards continue the owner's counter).
 */
function numbered(particles: readonly ParticleMeta[], out: Numbered[] = []): Numbered[] {
  particles.forEach((p, i) => {
    if (p.kind === "any") {
      const rest = p.max === 1 ? [] : particles.slice(i + 1);
      out.push({ any: p, greedy: rest.flatMap((q) => (q.kind === "element" ? [q.field] : [])) });
    } else if (p.kind === "choice" && p.name === undefined) for (const b of p.branches) numbered(b, out);
    else if (p.kind === "choice" && p.name !== undefined) out.push({ choice: { ...p, name: p.name } });
  });
  return out;
}

/**
 * zeep's greedy reading of a repeated choice (`_value_N`, a list of dicts holding one branch's
 * elements): consecutive items of the same repeated element branch read as one item whose list
 * holds all their elements (zeep's choice consumes every following match of the branch).
 */
function choiceExpected(meta: ServiceMetadata, c: ChoiceMeta, items: unknown): Json[] {
  const out: { [k: string]: Json }[] = [];
  let last: { field: FieldMeta; item: { [k: string]: Json } } | undefined;
  for (const item of Array.isArray(items) ? (items as Record<string, unknown>[]) : []) {
    const fields = c.branches
      .flatMap((b) => b.flatMap((q) => (q.kind === "element" ? [q.field] : [])))
      .filter((f) => item[f.name] !== undefined);
    if (fields.length !== 1) throw new Error(`unexpected choice item ${Object.keys(item).join(",")}`);
    const f = fields[0]!;
    const fv = item[f.name];
    const value =
      f.max !== 1 ? (fv as unknown[]).map((x) => zeepExpected(meta, f.type, x)) : zeepExpected(meta, f.type, fv);
    if (last !== undefined && last.field === f && f.max !== 1) {
      (last.item[f.name] as Json[]).push(...(value as Json[]));
      continue;
    }
    last = { field: f, item: { [f.name]: value } };
    out.push(last.item);
  }
  return out;
}

/**
 * zeep reads a repeated wildcard greedily, ignoring its namespace constraint: every following
 * element of the sequence becomes one more lxml item (compared by name; only the wildcard's own
 * samples are text-only elements whose text is compared) and its field reads as absent.
 */
function greedyExpected(meta: ServiceMetadata, f: FieldMeta, v: unknown, out: { [k: string]: Json }): Json[] {
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return [];
  out[f.name] = f.max !== 1 ? [] : null;
  const el = f.ns === "" ? f.name : `{${f.ns}}${f.name}`;
  return (Array.isArray(v) ? v : [v]).map(() => ({ $el: el }));
}

function numberedExpected(
  meta: ServiceMetadata,
  id: TypeRef,
  obj: Record<string, unknown>,
  out: { [k: string]: Json },
): void {
  const all = chain(meta, id).flatMap(({ t }) => numbered(t.particles ?? []));
  all.forEach((n, i) => {
    if ("choice" in n) {
      out[`_value_${i + 1}`] = choiceExpected(meta, n.choice, obj[n.choice.name]);
      return;
    }
    const { any: a, greedy } = n;
    const v = obj[a.name];
    const items = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => anyElementExpected(String(x)));
    for (const f of greedy) items.push(...greedyExpected(meta, f, obj[f.name], out));
    out[`_value_${i + 1}`] = a.max === 1 ? (items[0] ?? null) : items;
  });
}

/** An attribute's value as written: a required `fixed` one is written when absent. */
function attributeValue(a: AttributeMeta, obj: Record<string, unknown>): unknown {
  const v = obj[a.name];
  return v === undefined && a.required && a.fixed !== undefined ? a.fixed : v;
}

/**
 * zeep's `_attr_1`: the attributes left after the declared ones (xsi:* ignored), `None` only
 * when the element has no attribute at all.
 */
function anyAttributesExpected(
  meta: ServiceMetadata,
  declared: TypeRef,
  id: TypeRef,
  obj: Record<string, unknown>,
): Json {
  const extra = obj["$anyAttributes"] as Json | undefined;
  if (extra !== undefined) return extra;
  const attrs = chain(meta, id).some(({ t }) => (t.attributes ?? []).some((a) => attributeValue(a, obj) !== undefined));
  return attrs || declared !== id ? {} : null;
}

function scalarExpected(type: TypeRef, v: unknown): Json {
  const name = type.slice(3);
  if (name === "duration" && typeof v === "string") return durationExpected(v);
  if (typeof v === "bigint") return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : { $int: v.toString() };
  if (v instanceof Uint8Array) return { $b64: Buffer.from(v).toString("base64") };
  if (name === "dateTime" && typeof v === "string") return { $dt: normalizeDateTime(v) };
  if (name === "decimal") return { $dec: String(v) };
  if ((name === "date" || name === "time") && typeof v === "string") return { $str: v };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  throw new Error(`unexpected ${type} value ${String(v)}`);
}

/** Whether zeep's value for `j` is falsy in Python (`Decimal(0)`, `timedelta(0)` and `b""` too). */
function pythonFalsy(j: Json | undefined): boolean {
  if (j === null || j === undefined || j === false || j === 0 || j === "") return true;
  if (Array.isArray(j)) return j.length === 0;
  if (typeof j !== "object") return false;
  if ("$dec" in j) return Number(j["$dec"]) === 0;
  if ("$dur" in j) return j["$dur"] === 0;
  if ("$b64" in j) return j["$b64"] === "";
  return false;
}

function branchFields(branch: readonly ParticleMeta[]): FieldMeta[] {
  return branch.flatMap((p) =>
    p.kind === "element"
      ? [p.field]
      : p.kind === "choice" && p.name === undefined
        ? p.branches.flatMap(branchFields)
        : [],
  );
}

/**
 * `{ns}local` of the complex types whose whole content model is one single `xs:choice` that the
 * metadata flattened to plain fields (a choice of one element branch, EWS `SingleRecipientType`),
 * per metadata: zeep still reads them as a choice. Read from the schema by zeep-check.ts.
 */
const CHOICE_CONTENT = new WeakMap<ServiceMetadata, ReadonlySet<string>>();

export function markChoiceContent(meta: ServiceMetadata, qnames: ReadonlySet<string>): void {
  CHOICE_CONTENT.set(meta, qnames);
}

/**
 * zeep's reading of a single choice whose chosen branch has only falsy values (see the module
 * comment): its elements read None, or are absent when the choice is the whole content model.
 */
function falsyChoices(meta: ServiceMetadata, id: TypeRef, out: { [k: string]: Json }): void {
  const models = chain(meta, id).map(({ t }) => t.particles ?? []);
  const all = models.flat();
  const fields = allFields(meta, id);
  const flattened = models.length === 1 && all.length === 0 && CHOICE_CONTENT.get(meta)?.has(qname(meta, id)) === true;
  if (flattened && fields.every((f) => pythonFalsy(out[f.name]))) for (const f of fields) delete out[f.name];
  for (const p of all) {
    if (p.kind !== "choice" || p.name !== undefined) continue;
    const branch = p.branches.flatMap(branchFields);
    if (!branch.every((f) => pythonFalsy(out[f.name]))) continue;
    const whole = all.length === 1 && fields.length === branch.length;
    for (const f of branch) {
      if (whole) delete out[f.name];
      else out[f.name] = f.max !== 1 ? [] : null;
    }
  }
}

/** Whether a complex value is written as an element without children, attributes or text. */
function emptyElement(meta: ServiceMetadata, id: TypeRef, obj: Record<string, unknown>): boolean {
  const present = (x: unknown) => x !== undefined && !(Array.isArray(x) && x.length === 0);
  if (allFields(meta, id).some((f) => present(obj[f.name]))) return false;
  if (present(obj["$value"]) || present(obj["$anyAttributes"])) return false;
  if (Object.keys(obj).some((k) => /^\$any\d*$/.test(k) && present(obj[k]))) return false;
  const groups = chain(meta, id).flatMap(({ t }) => numbered(t.particles ?? []));
  if (groups.some((n) => "choice" in n && present(obj[n.choice.name]))) return false;
  return !chain(meta, id).some(({ t }) => (t.attributes ?? []).some((a) => present(attributeValue(a, obj))));
}

/**
 * What the bridge's serialisation of zeep's parse is expected to be for a typed value (see the
 * module comment). `kept`: the element reads as an instance even when empty (a nil element;
 * the body wrapper, which zeep parses without `allow_none`).
 */
export function zeepExpected(meta: ServiceMetadata, type: TypeRef, v: unknown, kept = false): Json {
  if (v === undefined) return null;
  if (v === null) {
    // zeep issue #823: a nil complex element reads as an instance with every field None.
    const t = type.startsWith("xs:") ? undefined : meta.types[type];
    if (t?.kind === "array") return t.encoded === true ? [] : { $type: qname(meta, type), [t.item.name]: [] };
    if (t?.kind === "complex") return zeepExpected(meta, type, {}, true);
    return null;
  }
  if (type.startsWith("xs:")) return scalarExpected(type, v);
  const t = meta.types[type];
  if (t === undefined) throw new Error(`unknown type ${type}`);
  switch (t.kind) {
    case "enum":
      return INTEGER_BASES.test(t.base) ? Number(v) : (v as string);
    case "list":
      return (v as unknown[]).map((x) => scalarExpected(t.item.startsWith("xs:") ? t.item : "xs:string", x));
    case "alias":
      return zeepExpected(meta, t.base, v);
    case "array": {
      // A SOAP-encoded array (soapenc:Array, rpc/encoded) reads as a plain list of its items;
      // zeep leaves out the items that read as None (an empty item, e.g. `<item xsi:type="T"/>`).
      if (t.encoded === true)
        return (v as unknown[]).map((x) => zeepExpected(meta, t.item.type, x)).filter((x) => x !== null);
      // An empty wrapper has no children: zeep reads it as None (allow_none, as for complex ones).
      if ((v as unknown[]).length === 0) return null;
      const out: { [k: string]: Json } = {};
      out["$type"] = qname(meta, type);
      out[t.item.name] = (v as unknown[]).map((x) => zeepExpected(meta, t.item.type, x));
      return out;
    }
    case "complex": {
      const obj = v as Record<string, unknown>;
      const actual = actualType(type, obj);
      // A nil element has an attribute (xsi:nil), so zeep reads an instance (see above).
      if (!kept && actual === type && emptyElement(meta, actual, obj)) return null;
      const out: { [k: string]: Json } = {};
      out["$type"] = qname(meta, actual);
      for (const f of allFields(meta, actual)) {
        const fv = obj[f.name];
        if (f.max !== 1) out[f.name] = Array.isArray(fv) ? fv.map((x) => zeepExpected(meta, f.type, x)) : [];
        else out[f.name] = zeepExpected(meta, f.type, fv);
      }
      for (const { t: c } of chain(meta, actual)) {
        for (const a of c.attributes ?? []) out[a.name] = zeepExpected(meta, a.type, attributeValue(a, obj));
        if (c.text !== undefined) out["_value_1"] = zeepExpected(meta, c.text.type, obj["$value"]);
        if (c.anyAttributes === true) out["_attr_1"] = anyAttributesExpected(meta, type, actual, obj);
      }
      numberedExpected(meta, actual, obj, out);
      falsyChoices(meta, actual, out);
      return out;
    }
  }
}
