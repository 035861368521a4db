/** Which operation a SOAP request calls: its action (SOAPAction or the SOAP 1.2 `action` parameter), else its body element. */
import type { OperationMeta, ServiceMetadata, XmlElement } from "@soapkit/runtime";

/** SOAPAction as sent (quotes removed), else the `action` parameter of a SOAP 1.2 Content-Type. */
export function soapActionOf(headers: Readonly<Record<string, string>>): string | undefined {
  const sa = headers["soapaction"];
  if (sa !== undefined) return sa.length >= 2 && sa.startsWith('"') && sa.endsWith('"') ? sa.slice(1, -1) : sa;
  const m = /;\s*action\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(headers["content-type"] ?? "");
  return m === null ? undefined : (m[2] ?? m[1]);
}

function byBody(ops: readonly OperationMeta[], first: XmlElement | undefined): OperationMeta | undefined {
  if (first === undefined) return ops.find((o) => o.input.empty) ?? (ops.length === 1 ? ops[0] : undefined);
  const named = ops.find((o) => o.input.element === first.local && o.input.ns === first.ns);
  if (named !== undefined) return named;
  // A bare body has no wrapper: its first element is the first part.
  const bare = ops.filter((o) => o.input.element === "");
  return bare.length === 1 ? bare[0] : undefined;
}

export function resolveOperation(
  meta: ServiceMetadata,
  action: string | undefined,
  first: XmlElement | undefined,
): OperationMeta | undefined {
  const ops = Object.values(meta.operations);
  if (action !== undefined && action !== "") {
    const exact = ops.filter((o) => o.soapAction === action);
    // Overloads may share an action: their body elements tell them apart.
    if (exact.length === 1) return exact[0];
    if (exact.length > 1) return byBody(exact, first) ?? exact[0];
  }
  return byBody(ops, first);
}
