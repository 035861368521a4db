/**
 * Keys of overloaded operations (WSDL 1.1 §2.4.6: one portType declares a name twice, told
 * apart by input/output names). The first bound overload (binding order) keeps the name; the
 * others append their input's name (`wsdl:input/@name`, else the input message's local name),
 * then a number if that is taken too. Deterministic; the WSDL name stays in the metadata (`op`).
 */
import type { RawPortTypeOperation } from "../../parse/raw-wsdl.js";

export function overloadKey(name: string, op: RawPortTypeOperation, taken: Set<string>): string {
  let key = name;
  if (taken.has(name)) {
    const suffix = (op.input?.name ?? op.input?.message?.local ?? "").replace(/[^A-Za-z0-9_]/g, "");
    key = `${name}${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}`;
  }
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}${n}`;
  taken.add(candidate);
  return candidate;
}
