/**
 * XML writing: escaping helpers and a small string-building writer.
 *
 * Escaping validates that every character is allowed in XML 1.0
 * (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]); anything else
 * (control characters, lone surrogates, U+FFFE/U+FFFF) raises a `SerializationError`
 * naming the property path, because it cannot be represented at all, not even escaped.
 */

import { SerializationError } from "../errors.js";
import type { XmlElement } from "./parse.js";

/** Characters needing work in text: markup, CR, C0 controls, surrogates, U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[<>&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Same for attribute values, plus quotes and TAB/LF (which attribute normalisation would turn into spaces). */
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL = /[<>&"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escape character data for element content: `<`, `&`, `>` (which also breaks `]]>`),
 * CR as `&#13;` (so it survives end-of-line normalisation). Non-BMP characters pass unchanged.
 */
export function escapeText(value: string, path = ""): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return escapeSlow(value, path, false);
}

/** Escape an attribute value for a double-quoted attribute (also quotes, TAB, LF, CR). */
export function escapeAttr(value: string, path = ""): string {
  if (!ATTR_SPECIAL.test(value)) return value;
  return escapeSlow(value, path, true);
}

function escapeSlow(value: string, path: string, attr: boolean): string {
  let out = "";
  let last = 0;
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    let rep: string;
    switch (c) {
      case 0x3c:
        rep = "&lt;";
        break;
      case 0x3e:
        rep = "&gt;";
        break;
      case 0x26:
        rep = "&amp;";
        break;
      case 0x0d:
        rep = "&#13;";
        break;
      case 0x22:
        if (!attr) continue;
        rep = "&quot;";
        break;
      case 0x27:
        if (!attr) continue;
        rep = "&apos;";
        break;
      case 0x0a:
        if (!attr) continue;
        rep = "&#10;";
        break;
      case 0x09:
        if (!attr) continue;
        rep = "&#9;";
        break;
      default:
        if (c >= 0x20 && c < 0xd800) continue;
        if (c >= 0xd800 && c <= 0xdbff) {
          const d = value.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            i++; // valid surrogate pair (non-BMP character): keep as is
            continue;
          }
          throw invalidChar(c, i, path);
        }
        if (c >= 0xe000 && c <= 0xfffd) continue;
        throw invalidChar(c, i, path);
    }
    out += value.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? value : out + value.slice(last);
}

function invalidChar(code: number, index: number, path: string): SerializationError {
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  return new SerializationError(path, `character U+${hex} at index ${index} is not allowed in XML 1.0`);
}

/**
 * Streaming-style XML string builder. `open` leaves the start tag pending so attributes can
 * follow and an element without content is written as `<x/>`.
 */
export class XmlWriter {
  private out = "";
  private pending = false;

  /** Start an element (`name` is the qualified name as written, e.g. `tns:Foo`). */
  open(name: string): this {
    if (this.pending) this.out += ">";
    this.out += "<" + name;
    this.pending = true;
    return this;
  }

  /** Add an attribute to the element just opened; `value` is escaped. */
  attr(name: string, value: string, path = ""): this {
    this.out += " " + name + '="' + escapeAttr(value, path) + '"';
    return this;
  }

  /** Add an attribute whose value is already escaped / known safe. */
  rawAttr(name: string, value: string): this {
    this.out += " " + name + '="' + value + '"';
    return this;
  }

  /** Add character data; `value` is escaped (empty text writes nothing). */
  text(value: string, path = ""): this {
    if (value === "") return this;
    if (this.pending) {
      this.out += ">";
      this.pending = false;
    }
    this.out += escapeText(value, path);
    return this;
  }

  /** Append already-serialised markup. */
  raw(xml: string): this {
    if (xml === "") return this;
    if (this.pending) {
      this.out += ">";
      this.pending = false;
    }
    this.out += xml;
    return this;
  }

  /** End the current element (`<x/>` when it had no content). */
  close(name: string): this {
    if (this.pending) {
      this.out += "/>";
      this.pending = false;
    } else {
      this.out += "</" + name + ">";
    }
    return this;
  }

  /** The XML written so far. */
  toString(): string {
    return this.pending ? this.out + ">" : this.out;
  }
}

/**
 * Serialise a parsed element back to XML. Namespaces are re-declared where needed
 * (default namespace for elements, generated `n0…` prefixes for qualified attributes),
 * so the output is self-contained; it is used for fault details and diagnostics.
 */
export function serializeElement(el: XmlElement): string {
  const w = new XmlWriter();
  writeElement(w, el, "");
  return w.toString();
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";

function writeElement(w: XmlWriter, el: XmlElement, inheritedDefault: string): void {
  w.open(el.local);
  if (el.ns !== inheritedDefault) w.attr("xmlns", el.ns);
  let n = 0;
  for (const [key, value] of el.attrs) {
    if (key.charCodeAt(0) === 0x7b /* { */) {
      const close = key.indexOf("}");
      const uri = key.slice(1, close);
      if (uri === XML_NS) {
        // The xml prefix is predeclared and must not be bound to anything else.
        w.attr(`xml:${key.slice(close + 1)}`, value);
        continue;
      }
      const prefix = `n${n++}`;
      w.attr(`xmlns:${prefix}`, uri);
      w.attr(`${prefix}:${key.slice(close + 1)}`, value);
    } else {
      w.attr(key, value);
    }
  }
  // Mixed content order is not kept by the tree: text first, then children.
  w.text(el.text);
  for (const c of el.children) writeElement(w, c, el.ns);
  w.close(el.local);
}
