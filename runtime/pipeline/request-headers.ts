/**
 * Request headers of one call (the operation's declared header parts): the client's, replaced
 * part by part by the call's; an undeclared per-call part is an error; a credential value
 * (under a secret name) with CR or LF is refused before anything is sent.
 */
import type { OperationMeta } from "../metadata.js";
import { SerializationError } from "../errors.js";

export function mergeRequestHeaders(
  op: OperationMeta,
  client: Readonly<Record<string, unknown>>,
  call: Readonly<Record<string, unknown>> | undefined,
  secretNames: ReadonlySet<string>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const h of op.inputHeaders) {
    const v = call !== undefined && call[h.name] !== undefined ? call[h.name] : client[h.name];
    if (v !== undefined) merged[h.name] = v;
  }
  checkUnknownParts(op, call);
  checkCredentials(merged, secretNames, op.name);
  return merged;
}

function checkUnknownParts(op: OperationMeta, call: Readonly<Record<string, unknown>> | undefined): void {
  if (call === undefined) return;
  for (const key in call) {
    if (call[key] === undefined || op.inputHeaders.some((h) => h.name === key)) continue;
    const expected = op.inputHeaders.map((h) => h.name).join(", ") || "(none)";
    throw new SerializationError(key, `unknown SOAP header; expected one of: ${expected}`, { operation: op.name });
  }
}

/** Credentials never span lines: a CR or LF means a copy/paste or injection bug. The value is not quoted. */
function checkCredentials(
  headers: Readonly<Record<string, unknown>>,
  secretNames: ReadonlySet<string>,
  operation: string,
): void {
  const walk = (v: unknown, path: string, secret: boolean, depth: number): void => {
    if (typeof v === "string") {
      if (secret && /[\r\n]/.test(v)) {
        throw new SerializationError(path, "a credential value must not contain CR or LF (refused before sending)", {
          operation,
        });
      }
      return;
    }
    if (v === null || typeof v !== "object" || depth > 16) return;
    for (const [k, x] of Object.entries(v))
      walk(x, path === "" ? k : `${path}.${k}`, secret || secretNames.has(k.toLowerCase()), depth + 1);
  };
  walk(headers, "", false, 0);
}
