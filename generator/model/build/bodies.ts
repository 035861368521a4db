/**
 * Message parts → an operation's body (`BodyPart`), for every WSDL style:
 * - document/literal wrapped: one `element=` part of complex type; its element is the wrapper.
 * - document/literal bare: one simple-typed part or several parts; a wrapper type is
 *   synthesised from the parts and the body element is `""` (the parts are `soap:Body`'s children).
 * - rpc (literal or encoded): a wrapper named after the operation (`<op>Response` for the
 *   output) in the `soap:body` namespace, one unqualified child per part named by part name
 *   (an `element=` part's child is the element itself).
 * Synthesised wrapper types are anonymous complex types collected here and added to the model.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { RawPart } from "../../parse/raw-wsdl.js";
import { qnameKey, type BodyPart, type ComplexType, type Field, type QName, type SourceLocation } from "../types.js";
import type { TypeResolver } from "./type-resolver.js";

export type BodyStyle = "document" | "rpc";

export interface BodyRequest {
  readonly style: BodyStyle;
  /** rpc/encoded: parts may be nil (`xsi:nil`), as section 5 encoders write absent values. */
  readonly encoded: boolean;
  /** WSDL operation name. */
  readonly operation: string;
  readonly direction: "input" | "output";
  /** `soap:body/@namespace` (rpc wrapper namespace). */
  readonly namespace: string | undefined;
  /** Namespace of the message (bare wrapper types live there). */
  readonly messageNs: string;
  readonly parts: readonly RawPart[];
  /** `message {ns}Name`, for diagnostics. */
  readonly where: string;
  readonly location: SourceLocation;
}

export class BodyBuilder {
  /** Wrapper types synthesised so far, by id. */
  readonly synthesized = new Map<string, ComplexType>();
  private readonly fingerprints = new Map<string, string>();

  constructor(
    private readonly types: TypeResolver,
    private readonly diagnostics: Diagnostic[],
  ) {}

  body(r: BodyRequest): BodyPart | undefined {
    if (r.style === "rpc") return this.rpc(r);
    const only = r.parts.length === 1 ? r.parts[0] : undefined;
    if (only?.element !== undefined) {
      const decl = this.types.element(only.element);
      if (decl === undefined) return undefined;
      if (this.types.isComplex(decl.type)) {
        this.types.markBodyWrapper(decl.type.id);
        return { element: decl.qname, type: decl.type.id };
      }
    }
    const fields = this.fields(r, false);
    if (fields === undefined) return undefined;
    const local = r.direction === "input" ? r.operation : `${r.operation}Response`;
    const type = this.synthesize({ ns: r.messageNs, local }, `bare-${r.direction}`, fields, r.location);
    return { element: { ns: "", local: "" }, type };
  }

  private rpc(r: BodyRequest): BodyPart | undefined {
    const fields = this.fields(r, true);
    if (fields === undefined) return undefined;
    const element = { ns: r.namespace ?? "", local: r.direction === "input" ? r.operation : `${r.operation}Response` };
    return { element, type: this.synthesize(element, `rpc-${r.direction}`, fields, r.location) };
  }

  /** One field per part: `element=` parts are their element, `type=` parts (rpc) an unqualified child. */
  private fields(r: BodyRequest, rpc: boolean): Field[] | undefined {
    const out: Field[] = [];
    let ok = true;
    for (const part of r.parts) {
      if (part.element !== undefined) {
        const decl = this.types.element(part.element);
        if (decl === undefined) ok = false;
        else out.push(field(decl.qname, decl.type, decl.nillable || r.encoded, part.location));
      } else if (part.type !== undefined) {
        if (!rpc && r.parts.length > 1) {
          this.diagnostics.push({
            kind: "wsdl-unsupported",
            message: `part "${part.name}" of ${r.where} uses type= in a document-style body with several parts; use element= parts`,
            location: part.location,
          });
          ok = false;
          continue;
        }
        out.push(field({ ns: "", local: part.name }, this.types.typeUse(part.type), r.encoded, part.location));
      } else {
        this.diagnostics.push({
          kind: "wsdl-invalid",
          message: `part "${part.name}" of ${r.where} has neither element= nor type=`,
          location: part.location,
        });
        ok = false;
      }
    }
    const names = new Set<string>();
    for (const f of out) {
      if (names.has(f.qname.local)) {
        this.diagnostics.push({
          kind: "wsdl-unsupported",
          message: `two body parts of ${r.where} are both element "${f.qname.local}"; they would be one property`,
          location: f.source,
        });
        ok = false;
      }
      names.add(f.qname.local);
    }
    return ok ? out : undefined;
  }

  /** Register a wrapper type (one id per distinct content: a SOAP 1.1 and a 1.2 binding share theirs). */
  private synthesize(qname: QName, tag: string, fields: readonly Field[], source: SourceLocation): string {
    const key = JSON.stringify(fields.map((f) => [f.qname, f.type, f.nillable]));
    const base = `complexType:${qnameKey(qname)}#${tag}`;
    let id = base;
    for (let n = 2; ; n++) {
      const known = this.fingerprints.get(id);
      if (known === undefined || known === key) break;
      id = `${base}~${n}`;
    }
    if (!this.fingerprints.has(id)) {
      this.fingerprints.set(id, key);
      this.synthesized.set(id, {
        kind: "complex",
        id,
        qname,
        anonymous: true,
        fields,
        abstract: false,
        isDictionary: false,
        isArrayWrapper: false,
        source,
      });
    }
    return id;
  }
}

function field(qname: QName, type: Field["type"], nillable: boolean, source: SourceLocation): Field {
  return { qname, type, minOccurs: 1, maxOccurs: 1, nillable, source };
}
