/**
 * `wsdl:fault`s of a portType operation → typed fault parts. A fault whose message has one
 * part resolves to its element (or, for a `type=` part, to the type, expected under the type's
 * name). Anything else stays untyped at run time (raw detail XML) and is reported as a note.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { QNameRef } from "../../parse/qname.js";
import type { RawMessage, RawPortTypeOperation } from "../../parse/raw-wsdl.js";
import type { FaultPart, Note } from "../types.js";
import type { TypeResolver } from "./type-resolver.js";

export function operationFaults(
  op: RawPortTypeOperation,
  types: TypeResolver,
  message: (ref: QNameRef) => RawMessage | undefined,
  notes: Note[],
  diagnostics: Diagnostic[],
): FaultPart[] {
  const out: FaultPart[] = [];
  for (const f of op.faults) {
    if (f.name === undefined || f.message === undefined) {
      diagnostics.push({
        kind: "wsdl-invalid",
        message: `wsdl:fault of operation "${op.name}" needs both name and message attributes`,
        location: f.location,
      });
      continue;
    }
    const msg = message(f.message);
    if (msg === undefined) continue;
    const part = msg.parts.length === 1 ? msg.parts[0] : undefined;
    if (part?.element !== undefined) {
      const decl = types.element(part.element);
      if (decl !== undefined) out.push({ name: f.name, element: decl.qname, type: decl.type, source: f.location });
    } else if (part?.type?.qname !== undefined) {
      out.push({ name: f.name, element: part.type.qname, type: types.typeUse(part.type), source: f.location });
    } else {
      notes.push({
        kind: "wsdl-fault-untyped",
        message: `wsdl:fault "${f.name}" of operation "${op.name}": message ${msg.name} has ${msg.parts.length} parts (one is needed to type the detail); its detail stays raw XML`,
        location: f.location,
      });
    }
  }
  return out;
}

/** Faults left untyped because typing them failed (`cause`): one note each; returns no fault parts. */
export function noteUntypedFaults(op: RawPortTypeOperation, cause: Diagnostic, notes: Note[]): FaultPart[] {
  const where = cause.location ? ` at ${cause.location.file}:${cause.location.line}:${cause.location.column}` : "";
  for (const f of op.faults) {
    notes.push({
      kind: "wsdl-fault-untyped",
      message: `wsdl:fault "${f.name ?? ""}" of operation "${op.name}" is not typed: the declared faults need a construct soapkit does not model yet (${cause.message}${where}); its detail stays raw XML`,
      location: f.location,
    });
  }
  return [];
}
