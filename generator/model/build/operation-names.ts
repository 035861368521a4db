/**
 * The operation names a WSDL offers, read from the symbol tables alone (no schema type is
 * resolved): the operations of every SOAP binding a `wsdl:port` uses, in service, port and
 * binding order, without duplicates. Lookups that fail are skipped here; building the model
 * reports them.
 */
import { qnameKey } from "../types.js";
import type { SymbolTables } from "./symbols.js";

/** Every operation name of the SOAP-bound ports, in document order, without duplicates. */
export function soapOperationNames(tables: SymbolTables): string[] {
  const names: string[] = [];
  for (const defs of tables.definitions) {
    for (const service of defs.services) {
      for (const port of service.ports) {
        const ref = port.binding?.qname;
        const binding = ref === undefined ? undefined : tables.bindings.get(qnameKey(ref));
        if (binding?.protocol.kind !== "soap") continue;
        names.push(...binding.operations.map((o) => o.name));
      }
    }
  }
  return [...new Set(names)];
}
