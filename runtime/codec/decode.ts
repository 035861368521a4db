/**
 * Metadata-driven decoder: parsed XML elements → TypeScript values.
 *
 * Lenient where forward compatibility needs it (unknown elements are ignored, missing
 * required elements are not errors, unknown enum values and unknown `xsi:type`s are passed
 * through / fall back to the declared type), strict where a value cannot be represented
 * (an `xs:int` that is not a number raises a `DeserializationError` with path and line).
 */

import type { BodyMeta, HeaderMeta, ServiceMetadata, TypeRef } from "../metadata.js";
import { XSI_NS } from "../metadata.js";
import { DeserializationError } from "../errors.js";
import { resolveQName, type XmlElement } from "../xml/parse.js";
import { planFor, type ComplexPlan, type FieldPlan, type Plan, type TypePlan } from "./plan.js";
import { pathOf } from "./shared.js";
import { ScalarError, textToScalar } from "./scalars.js";

const XSI_NIL = `{${XSI_NS}}nil`;
const XSI_TYPE = `{${XSI_NS}}type`;

/** Decode a body wrapper element (checks its name) into an object keyed by child names. */
export function decodeBody(meta: ServiceMetadata, body: BodyMeta, wrapper: XmlElement): Record<string, unknown> {
  if (wrapper.local !== body.element || wrapper.ns !== body.ns) {
    throw new DeserializationError(
      "",
      `expected body element {${body.ns}}${body.element}, got {${wrapper.ns}}${wrapper.local}`,
      wrapper.line,
      wrapper.column,
    );
  }
  const plan = planFor(meta);
  return readComplex(plan, plan.complex(body.type), wrapper, "");
}

/** Decode the SOAP header elements that match `headers`, keyed by header part name. */
export function decodeHeaders(
  meta: ServiceMetadata,
  headers: readonly HeaderMeta[],
  headerEl: XmlElement | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (headerEl === undefined || headers.length === 0) return out;
  const plan = planFor(meta);
  for (const c of headerEl.children) {
    for (const h of headers) {
      if (h.element !== c.local || h.ns !== c.ns) continue;
      const v = isNil(c) ? null : readValue(plan, plan.resolve(h.type), c, "", h.name, -1);
      setProp(out, h.name, v);
      break;
    }
  }
  return out;
}

/** Decode the content of one element as a value of `type` (`xsi:nil` → `null`). */
export function decodeType(meta: ServiceMetadata, type: TypeRef, el: XmlElement): unknown {
  if (isNil(el)) return null;
  const plan = planFor(meta);
  return readValue(plan, plan.resolve(type), el, "", "", -1);
}

function isNil(el: XmlElement): boolean {
  if (el.attrs.size === 0) return false;
  const v = el.attrs.get(XSI_NIL);
  if (v === undefined) return false;
  const t = v.trim();
  return t === "true" || t === "1";
}

function setProp(obj: Record<string, unknown>, name: string, v: unknown): void {
  // `obj.__proto__ = v` would replace the prototype instead of creating a property.
  if (name === "__proto__") Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[name] = v;
}

function readValue(plan: Plan, t: TypePlan, el: XmlElement, parent: string, name: string, index: number): unknown {
  switch (t.kind) {
    case "scalar":
      try {
        return textToScalar(t, el.text, plan.mapping);
      } catch (e) {
        throw fail(e, pathOf(parent, name, index), el);
      }
    case "enum":
      // Unknown values are passed through: a newer server may have added members.
      return el.text.trim();
    case "list": {
      const tokens = el.text.split(/[ \t\r\n]+/);
      const out: unknown[] = [];
      for (const tok of tokens) {
        if (tok === "") continue;
        if (t.item.kind === "enum") out.push(tok);
        else {
          try {
            out.push(textToScalar(t.item, tok, plan.mapping));
          } catch (e) {
            throw fail(e, `${pathOf(parent, name, index)}[${out.length}]`, el);
          }
        }
      }
      return out;
    }
    case "array": {
      const item = t.item;
      const out: unknown[] = [];
      const children = el.children;
      if (children.length === 0) return out;
      const itemType = plan.typeOf(item);
      const path = pathOf(parent, name, index);
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.local !== item.local || c.ns !== item.ns) continue; // forward compatibility
        out.push(isNil(c) ? null : readValue(plan, itemType, c, path, "", out.length));
      }
      return out;
    }
    case "complex":
      return readComplex(plan, t, el, pathOf(parent, name, index));
  }
}

function readComplex(plan: Plan, declared: ComplexPlan, el: XmlElement, path: string): Record<string, unknown> {
  let actual = declared;
  if (declared.hasSubtypes && el.attrs.size !== 0) {
    const xt = el.attrs.get(XSI_TYPE);
    if (xt !== undefined) {
      const q = resolveQName(el, xt);
      const id = q !== undefined ? plan.typeIdByName(q.ns, q.local) : undefined;
      // Only the declared type or one of its subtypes can replace it; anything else
      // (e.g. a subtype added by a newer server) is read as the declared type.
      if (id !== undefined && id !== declared.id && declared.subtypes.has(id)) actual = plan.complex(id);
    }
  }
  const obj: Record<string, unknown> = {};
  if (actual !== declared || declared.hasSubtypes) obj.$type = actual.id;
  const fields = actual.fields;
  const n = fields.length;
  const children = el.children;
  let hint = 0;
  for (let ci = 0; ci < children.length; ci++) {
    const c = children[ci]!;
    // Children normally arrive in sequence order: start looking at the last match.
    let f: FieldPlan | undefined;
    for (let k = 0, j = hint; k < n; k++, j = j + 1 === n ? 0 : j + 1) {
      const cand = fields[j]!;
      if (cand.local === c.local && cand.ns === c.ns) {
        f = cand;
        hint = j;
        break;
      }
    }
    if (f === undefined) continue; // unknown element: ignored for forward compatibility
    if (f.repeated) {
      let arr = (f.unsafeName && !Object.hasOwn(obj, f.name) ? undefined : obj[f.name]) as unknown[] | undefined;
      if (arr === undefined) {
        arr = [];
        setProp(obj, f.name, arr);
      }
      arr.push(isNil(c) ? null : readValue(plan, plan.typeOf(f), c, path, f.name, arr.length));
    } else {
      setProp(obj, f.name, isNil(c) ? null : readValue(plan, plan.typeOf(f), c, path, f.name, -1));
    }
  }
  return obj;
}

function fail(e: unknown, path: string, el: XmlElement): Error {
  if (e instanceof ScalarError) return new DeserializationError(path, e.message, el.line, el.column);
  return e instanceof Error ? e : new Error(String(e));
}
