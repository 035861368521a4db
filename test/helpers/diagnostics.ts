/** Helpers to assert on thrown `GeneratorError`s. */
import { GeneratorError, type Diagnostic } from "../../generator/diagnostics/diagnostic.js";

/** Run `fn` (sync or async) and return the diagnostics of the GeneratorError it throws. */
export async function diagnosticsOf(fn: () => unknown): Promise<readonly Diagnostic[]> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof GeneratorError) return e.diagnostics;
    throw e;
  }
  throw new Error("expected a GeneratorError, but nothing was thrown");
}

/** Synchronous variant of `diagnosticsOf`. */
export function diagnosticsOfSync(fn: () => unknown): readonly Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof GeneratorError) return e.diagnostics;
    throw e;
  }
  throw new Error("expected a GeneratorError, but nothing was thrown");
}

/** `kind file:line:col` of a diagnostic, for compact assertions. */
export function where(d: Diagnostic): string {
  return `${d.kind} ${d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : "-"}`;
}
