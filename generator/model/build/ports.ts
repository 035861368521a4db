/**
 * WSDL services/ports/bindings → IR ports and operations (document/literal wrapped or bare,
 * rpc/literal, rpc/encoded), with bodies (see bodies.ts), binding-only SOAP headers and
 * declared faults resolved to elements and types. Overloaded operation names get distinct keys.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { QNameRef } from "../../parse/qname.js";
import type {
  RawBinding,
  RawBindingMessage,
  RawBindingOperation,
  RawMessage,
  RawOperationMessage,
  RawPart,
  RawPolicyNode,
  RawPort,
  RawPortType,
  RawPortTypeOperation,
  RawSoapHeader,
} from "../../parse/raw-wsdl.js";
import {
  qnameKey,
  type BodyPart,
  type ComplexType,
  type HeaderPart,
  type Note,
  type Operation,
  type Port,
  type SourceLocation,
} from "../types.js";
import { lookup, type SymbolTables } from "./symbols.js";
import { isObjectMember } from "../../naming/identifiers.js";
import type { TypeResolver } from "./type-resolver.js";
import { BodyBuilder, type BodyStyle } from "./bodies.js";
import { noteUntypedFaults, operationFaults } from "./faults.js";
import { overloadKey } from "./overload-keys.js";
import { portPolicy } from "./policy.js";
import type { PolicyScope } from "./policy-alternatives.js";
import type { PortPolicy } from "@soapkit/runtime";

const SOAPENC_STYLE = "http://schemas.xmlsoap.org/soap/encoding/";

/** The note for a port whose binding is not SOAP 1.1/1.2 (an HTTP GET/POST binding, or none known). */
function skippedPort(service: string, port: RawPort, binding: RawBinding): Note {
  const what =
    binding.protocol.kind === "http"
      ? `an HTTP binding "${binding.name}" (http:binding)`
      : `binding "${binding.name}", which has no SOAP binding element`;
  return {
    kind: "wsdl-binding-skipped",
    message: `wsdl:port "${port.name}" of service "${service}" uses ${what}; skipped: soapkit generates clients for SOAP 1.1 and SOAP 1.2 bindings only`,
    location: port.location,
  };
}

export class PortBuilder {
  /** Ports skipped because their binding is not SOAP (reported as notes). */
  readonly notes: Note[] = [];
  private readonly bodies: BodyBuilder;
  /** Policy per binding (bindings shared by several ports are read once, noted once). */
  private readonly policies = new Map<RawBinding, PortPolicy | undefined>();
  private scope: PolicyScope | undefined;

  constructor(
    private readonly tables: SymbolTables,
    private readonly types: TypeResolver,
    private readonly diagnostics: Diagnostic[],
    /** Operation names to model (all when absent); the others are skipped before any lookup. */
    private readonly keep?: ReadonlySet<string>,
    /** Set when typed faults failed to build: faults are then only noted, with this cause. */
    private readonly untypedFaults?: Diagnostic,
  ) {
    this.bodies = new BodyBuilder(types, diagnostics);
  }

  /** Body wrapper types synthesised for rpc and bare bodies (added to the model's types). */
  get synthesizedTypes(): ReadonlyMap<string, ComplexType> {
    return this.bodies.synthesized;
  }

  /** One port per `wsdl:port` bound to a SOAP 1.1/1.2 binding, in document order. */
  ports(): Port[] {
    const out: Port[] = [];
    const services = new Map<string, SourceLocation>();
    for (const defs of this.tables.definitions) {
      for (const service of defs.services) {
        // by local name, across imported definitions too: generated names derive from it
        if (this.duplicate(services, service.name, `wsdl:service "${service.name}"`, service.location)) continue;
        const portNames = new Map<string, SourceLocation>();
        for (const port of service.ports) {
          if (
            this.duplicate(portNames, port.name, `wsdl:port "${port.name}" of service "${service.name}"`, port.location)
          )
            continue;
          if (port.binding === undefined) {
            this.invalid(`wsdl:port "${port.name}" has no binding attribute`, port.location);
            continue;
          }
          const binding = this.lookupWsdl(this.tables.bindings, port.binding, "binding");
          if (binding === undefined) continue;
          if (binding.protocol.kind !== "soap") {
            this.notes.push(skippedPort(service.name, port, binding));
            continue;
          }
          if (binding.type === undefined) {
            this.invalid(`wsdl:binding "${binding.name}" has no type attribute`, binding.location);
            continue;
          }
          const portType = this.lookupWsdl(this.tables.portTypes, binding.type, "portType");
          if (portType === undefined) continue;
          const operations = this.portOperations(binding, portType);
          const policy = this.policyOf(binding);
          const documentation = port.documentation ?? portType.documentation ?? service.documentation;
          out.push({
            service: service.name,
            name: port.name,
            binding: binding.name,
            portType: portType.name,
            soapVersion: binding.protocol.version,
            address: port.address ?? "",
            ...(documentation === undefined ? {} : { documentation }),
            ...(policy === undefined ? {} : { policy }),
            operations,
            source: port.location,
          });
        }
      }
    }
    return out;
  }

  /** Definitions-level policies by id (the first of an id wins), indexed once per model. */
  private policyScope(): PolicyScope {
    if (this.scope !== undefined) return this.scope;
    const byId = new Map<string, RawPolicyNode>();
    for (const defs of this.tables.definitions)
      for (const p of defs.policies) if (!byId.has(p.id)) byId.set(p.id, p.policy);
    return (this.scope = { byId: (id) => byId.get(id), notes: this.notes });
  }

  private policyOf(binding: RawBinding): PortPolicy | undefined {
    if (this.policies.has(binding)) return this.policies.get(binding);
    const policy = portPolicy(binding, this.policyScope(), this.notes);
    this.policies.set(binding, policy);
    return policy;
  }

  private portOperations(binding: RawBinding, portType: RawPortType): Operation[] {
    const operations: Operation[] = [];
    const opNames = new Map<string, SourceLocation>();
    const keys = new Set<string>();
    for (const op of binding.operations) {
      if (this.keep !== undefined && !this.keep.has(op.name)) continue;
      // the same binding operation twice (same name, same input/output names) is a duplicate; overloads differ
      const what = `operation "${op.name}" of binding "${binding.name}"`;
      const id = `${op.name}\u0000${op.input?.name ?? ""}\u0000${op.output?.name ?? ""}`;
      if (this.duplicate(opNames, id, what, op.location)) continue;
      if (isObjectMember(op.name)) {
        // Operation names are keys of the metadata's `ops` record: `__proto__` would set its
        // prototype, and any other Object.prototype member (`constructor`, `toString`, ...)
        // loses the key's contextual type, so the generated metadata.ts would not compile (TS2322).
        this.unsupported(
          `operation name "${op.name}" is not supported (it is an Object.prototype member)`,
          op.location,
        );
        continue;
      }
      const built = this.operation(binding, op, portType, keys);
      if (built !== undefined) operations.push(built);
    }
    return operations;
  }

  /** Report `key` when `seen` already has it (a `wsdl-duplicate` naming the first); else remember it. */
  private duplicate(seen: Map<string, SourceLocation>, key: string, what: string, location: SourceLocation): boolean {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, location);
      return false;
    }
    this.diagnostics.push({
      kind: "wsdl-duplicate",
      message: `${what} is declared twice (first at line ${first.line}:${first.column})`,
      location,
    });
    return true;
  }

  private invalid(message: string, location: SourceLocation): void {
    this.diagnostics.push({ kind: "wsdl-invalid", message, location });
  }

  private unsupported(message: string, location: SourceLocation): void {
    this.diagnostics.push({ kind: "wsdl-unsupported", message, location });
  }

  private lookupWsdl<T>(map: ReadonlyMap<string, T>, ref: QNameRef, label: string): T | undefined {
    return lookup(this.tables, map, ref, label, label, "wsdl-unresolved", this.diagnostics);
  }

  private portTypeOperation(
    binding: RawBinding,
    op: RawBindingOperation,
    portType: RawPortType,
  ): RawPortTypeOperation | undefined {
    const candidates = portType.operations.filter((o) => o.name === op.name);
    if (candidates.length > 1) return this.overload(binding, op, portType, candidates);
    const match = candidates[0];
    if (match === undefined) {
      this.diagnostics.push({
        kind: "wsdl-unresolved",
        message: `operation "${op.name}" of binding "${binding.name}" is not declared in portType "${portType.name}"`,
        location: op.location,
      });
    }
    return match;
  }

  /**
   * Overloaded operations (WSDL 1.1 §2.4.6) are told apart by their input/output names: the
   * binding operation must name exactly one of them, or it is a located error (never the first).
   */
  private overload(
    binding: RawBinding,
    op: RawBindingOperation,
    portType: RawPortType,
    candidates: readonly RawPortTypeOperation[],
  ): RawPortTypeOperation | undefined {
    const matches = candidates.filter((o) => o.input?.name === op.input?.name && o.output?.name === op.output?.name);
    if (matches.length === 1) return matches[0];
    this.invalid(
      `operation "${op.name}" of binding "${binding.name}" matches ${matches.length} of the ${candidates.length} overloaded operations "${op.name}" of portType "${portType.name}"; name its wsdl:input and wsdl:output to select one`,
      op.location,
    );
    return undefined;
  }

  private operation(
    binding: RawBinding,
    op: RawBindingOperation,
    portType: RawPortType,
    keys: Set<string>,
  ): Operation | undefined {
    const ptOp = this.portTypeOperation(binding, op, portType);
    if (ptOp === undefined) return undefined;
    if (ptOp.input === undefined || ptOp.outputFirst) {
      this.unsupported(
        `operation "${op.name}" is a notification or solicit-response operation (no input first)`,
        ptOp.location,
      );
      return undefined;
    }
    const style = op.style ?? (binding.protocol.kind === "soap" ? binding.protocol.style : undefined) ?? "document";
    if (style !== "document" && style !== "rpc") {
      this.unsupported(`operation "${op.name}" uses style="${style}"; only document and rpc are`, op.location);
      return undefined;
    }
    const encoded = this.encoded(op, style);
    if (encoded === undefined) return undefined;
    const input = this.body(ptOp.input, op.input, op.name, style, encoded, "input");
    const output =
      ptOp.output === undefined ? null : this.body(ptOp.output, op.output, op.name, style, encoded, "output");
    const inputHeaders = this.headers(op.input);
    const outputHeaders = this.headers(op.output);
    const faults =
      this.untypedFaults === undefined
        ? operationFaults(
            ptOp,
            this.types,
            (ref) => this.lookupWsdl(this.tables.messages, ref, "message"),
            this.notes,
            this.diagnostics,
          )
        : noteUntypedFaults(ptOp, this.untypedFaults, this.notes);
    if (input === undefined || output === undefined) return undefined;
    const documentation = ptOp.documentation ?? op.documentation;
    const key = overloadKey(op.name, ptOp, keys);
    return {
      name: key,
      ...(key === op.name ? {} : { wsdlName: op.name }),
      ...(encoded ? { encoded: true } : {}),
      ...(faults.length === 0 ? {} : { faults }),
      soapAction: op.soapAction ?? "",
      ...(documentation === undefined ? {} : { documentation }),
      input,
      output,
      inputHeaders,
      outputHeaders,
      source: op.location,
    };
  }

  /**
   * Whether the operation is rpc/encoded: every `soap:body` of it must agree; encoded bodies
   * need rpc style and the SOAP 1.1 section 5 encoding. Undefined after a diagnostic.
   */
  private encoded(op: RawBindingOperation, style: BodyStyle): boolean | undefined {
    const bodies = [op.input?.body, op.output?.body].filter((b) => b !== undefined);
    const enc = bodies.filter((b) => b.use === "encoded");
    if (enc.length === 0) return false;
    const first = enc[0]!;
    if (enc.length !== bodies.length) {
      this.unsupported(`operation "${op.name}" mixes use="encoded" and use="literal" bodies`, first.location);
      return undefined;
    }
    if (style !== "rpc") {
      this.unsupported(
        `operation "${op.name}" is document/encoded; use="encoded" is supported with style="rpc" only`,
        first.location,
      );
      return undefined;
    }
    const other = enc.find(
      (b) => b.encodingStyle !== undefined && !b.encodingStyle.split(/\s+/).includes(SOAPENC_STYLE),
    );
    if (other !== undefined) {
      this.unsupported(
        `soap:body encodingStyle="${other.encodingStyle}" is not supported; only ${SOAPENC_STYLE} is`,
        other.location,
      );
      return undefined;
    }
    return true;
  }

  private body(
    msg: RawOperationMessage,
    bound: RawBindingMessage | undefined,
    opName: string,
    style: BodyStyle,
    encoded: boolean,
    direction: "input" | "output",
  ): BodyPart | undefined {
    for (const u of bound?.unsupported ?? [])
      this.unsupported(`${u.construct} in operation "${opName}" is not supported`, u.location);
    if (msg.message === undefined) {
      this.invalid(
        `wsdl:${msg.name ?? "input/output"} of operation "${opName}" has no message attribute`,
        msg.location,
      );
      return undefined;
    }
    const message = this.lookupWsdl(this.tables.messages, msg.message, "message");
    if (message === undefined) return undefined;
    const parts = this.bodyParts(message, bound, msg.message);
    if (parts === undefined) return undefined;
    return this.bodies.body({
      style,
      encoded,
      operation: opName,
      direction,
      namespace: bound?.body?.namespace,
      messageNs: msg.message.qname?.ns ?? "",
      parts,
      where: `message ${msg.message.qname ? qnameKey(msg.message.qname) : msg.message.text}`,
      location: message.location,
    });
  }

  /** Parts that go in the body: `soap:body@parts`, else all parts not bound as headers. */
  private bodyParts(message: RawMessage, bound: RawBindingMessage | undefined, ref: QNameRef): RawPart[] | undefined {
    const listed = bound?.body?.parts;
    if (listed !== undefined) {
      const out: RawPart[] = [];
      for (const name of listed) {
        const p = message.parts.find((x) => x.name === name);
        if (p) out.push(p);
        else {
          this.diagnostics.push({
            kind: "wsdl-unresolved",
            message: `soap:body parts names "${name}", which is not a part of message ${ref.text}`,
            location: bound?.body?.location ?? message.location,
          });
          return undefined;
        }
      }
      return out;
    }
    // WSDL 1.1 says "all parts", but tools put header parts in the same message and omit
    // `parts`; a part bound as soap:header is never also the body.
    const key = ref.qname ? qnameKey(ref.qname) : undefined;
    const headerParts = new Set(
      (bound?.headers ?? []).filter((h) => h.message?.qname && qnameKey(h.message.qname) === key).map((h) => h.part),
    );
    return message.parts.filter((p) => !headerParts.has(p.name));
  }

  private headers(bound: RawBindingMessage | undefined): HeaderPart[] {
    const out: HeaderPart[] = [];
    for (const h of bound?.headers ?? []) {
      const built = this.header(h);
      if (built !== undefined) out.push(built);
    }
    return out;
  }

  private header(h: RawSoapHeader): HeaderPart | undefined {
    if (h.use === "encoded") {
      this.unsupported('soap:header uses use="encoded"; only use="literal" headers are supported', h.location);
      return undefined;
    }
    if (h.message === undefined || h.part === undefined) {
      this.invalid("soap:header needs both message and part attributes", h.location);
      return undefined;
    }
    const message = this.lookupWsdl(this.tables.messages, h.message, "message");
    if (message === undefined) return undefined;
    const part = message.parts.find((p) => p.name === h.part);
    if (part === undefined) {
      this.diagnostics.push({
        kind: "wsdl-unresolved",
        message: `soap:header part "${h.part}" is not a part of message ${h.message.text}`,
        location: h.location,
      });
      return undefined;
    }
    if (part.element === undefined) {
      this.unsupported(`header part "${part.name}" uses type=; only element= parts are supported`, part.location);
      return undefined;
    }
    const decl = this.types.element(part.element);
    if (decl === undefined) return undefined;
    return { name: part.name, element: decl.qname, type: decl.type, nillable: decl.nillable, source: h.location };
  }
}
