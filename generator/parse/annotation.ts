/** Documentation and appinfo of WSDL/XSD elements. */
import { NS } from "./namespaces.js";
import type { RawAnnotation } from "./raw-xsd.js";
import { attributeValue, deepText, type XmlNode } from "./xml.js";

/**
 * Text of a documentation element: the text of a `<summary>` child when present (WCF puts the
 * XML doc comment there), else all its text; trimmed; undefined when empty.
 */
export function documentationText(node: XmlNode): string | undefined {
  const summary = node.children.find((c) => c.local === "summary");
  const text = (summary ? deepText(summary) : deepText(node)).trim();
  return text === "" ? undefined : text;
}

/** `wsdl:documentation` children of a WSDL element, joined by blank lines. */
export function wsdlDocumentation(node: XmlNode): string | undefined {
  const parts: string[] = [];
  for (const c of node.children) {
    if (c.ns === NS.wsdl && c.local === "documentation") {
      const t = documentationText(c);
      if (t !== undefined) parts.push(t);
    }
  }
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

const EMPTY: RawAnnotation = Object.freeze({ isDictionary: false, isValueType: false });

/** The `xs:annotation` children of an XSD element: documentation + WCF appinfo markers. */
export function readAnnotation(node: XmlNode): RawAnnotation {
  let docs: string[] | undefined;
  let isDictionary = false;
  let isValueType = false;
  let actualType: string | undefined;
  let enumerationValue: string | undefined;
  let any = false;
  for (const ann of node.children) {
    if (ann.ns !== NS.xsd || ann.local !== "annotation") continue;
    any = true;
    for (const c of ann.children) {
      if (c.ns !== NS.xsd) continue;
      if (c.local === "documentation") {
        const t = documentationText(c);
        if (t !== undefined) (docs ??= []).push(t);
      } else if (c.local === "appinfo") {
        for (const info of c.children) {
          if (info.ns !== NS.wcfSerialization) continue;
          const text = info.text.trim();
          if (info.local === "IsDictionary") isDictionary = text === "true";
          else if (info.local === "IsValueType") isValueType = text === "true";
          else if (info.local === "ActualType") actualType = attributeValue(info, "Name");
          else if (info.local === "EnumerationValue") enumerationValue = text;
        }
      }
    }
  }
  if (!any) return EMPTY;
  const out: { -readonly [K in keyof RawAnnotation]: RawAnnotation[K] } = { isDictionary, isValueType };
  if (docs) out.documentation = docs.join("\n\n");
  if (actualType !== undefined) out.actualType = actualType;
  if (enumerationValue !== undefined) out.enumerationValue = enumerationValue;
  return out;
}
