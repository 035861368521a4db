/** Discovery of the documents a WSDL/XSD document imports (wsdl:import, xsd:import/include/redefine). */
import type { SourceLocation } from "../model/types.js";
import { NS } from "../parse/namespaces.js";
import { attributeLocation, findAttribute, type XmlNode } from "../parse/xml.js";

export interface DocumentReference {
  /** `wsdl` for wsdl:import (cycles are errors), `xsd` for schema imports (cycles are legal). */
  readonly kind: "wsdl" | "xsd";
  /** The location attribute's value as written. */
  readonly location: string;
  /** Where the location attribute is. */
  readonly at: SourceLocation;
}

function schemaReferences(schema: XmlNode, out: DocumentReference[]): void {
  for (const c of schema.children) {
    if (c.ns !== NS.xsd) continue;
    if (c.local !== "import" && c.local !== "include" && c.local !== "redefine") continue;
    const a = findAttribute(c, "schemaLocation");
    // xsd:import without schemaLocation is satisfied by schemas already in scope.
    if (a === undefined || a.value.trim() === "") continue;
    out.push({ kind: "xsd", location: a.value.trim(), at: attributeLocation(c, "schemaLocation") });
  }
}

/** References of a parsed document, in document order. */
export function documentReferences(root: XmlNode): DocumentReference[] {
  const out: DocumentReference[] = [];
  if (root.ns === NS.wsdl && root.local === "definitions") {
    for (const c of root.children) {
      if (c.ns !== NS.wsdl) continue;
      if (c.local === "import") {
        const a = findAttribute(c, "location");
        if (a !== undefined && a.value.trim() !== "") {
          out.push({ kind: "wsdl", location: a.value.trim(), at: attributeLocation(c, "location") });
        }
      } else if (c.local === "types") {
        for (const s of c.children) if (s.ns === NS.xsd && s.local === "schema") schemaReferences(s, out);
      }
    }
  } else if (root.ns === NS.xsd && root.local === "schema") {
    schemaReferences(root, out);
  }
  return out;
}
