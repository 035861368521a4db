/** Human-readable lines for run results and diagnostics (the CLI's only output format). */
import { isAbsolute, relative } from "node:path";
import { formatDiagnostic, formatNote, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Note } from "../model/types.js";
import type { SourceReport } from "../index.js";
import { duration, upToDateLine } from "./noop-stamp.js";
import type { JobResult } from "./run.js";

/** Where CLI output goes. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Working folder (default `process.cwd()`): relative paths resolve against it. */
  readonly cwd?: string;
}

/** A path relative to `cwd` when it is inside it (URLs unchanged). */
export function displayPath(p: string, cwd: string): string {
  if (/^https?:\/\//i.test(p) || !isAbsolute(p)) return p;
  const r = relative(cwd, p);
  return r === "" ? "." : r.startsWith("..") || isAbsolute(r) ? p : r.split("\\").join("/");
}

/** `file:line:col: error KIND: message` + hint; `soapkit: error KIND: ...` without a location. */
export function diagnosticText(d: Diagnostic, cwd: string): string {
  if (!d.location) return `soapkit: ${formatDiagnostic(d)}`;
  return formatDiagnostic({ ...d, location: { ...d.location, file: displayPath(d.location.file, cwd) } });
}

/** `file:line:col: note|warning KIND: message`, the file shown like a diagnostic's. */
export function noteText(n: Note, cwd: string): string {
  return formatNote({ ...n, location: { ...n.location, file: displayPath(n.location.file, cwd) } });
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One progress line per source. */
export function sourceLine(out: string, r: SourceReport, cwd: string): string {
  return `soapkit: ${displayPath(r.input, cwd)} → ${displayPath(out, cwd)}/${r.module}: ${plural(r.operations, "operation")}, ${plural(r.types, "type")} (${duration(r.ms)})`;
}

/** The lines reporting one job (diagnostics included). */
export function jobLines(r: JobResult, cwd: string): { out: string[]; err: string[] } {
  const dir = displayPath(r.out, cwd);
  switch (r.status) {
    case "up-to-date":
      return {
        out: [upToDateLine({ dir, sources: r.sources, operations: r.operations, files: r.files }, r.ms)],
        err: [],
      };
    case "written": {
      const w = r.write;
      const what =
        w.changed.length === 0 && w.removed.length === 0
          ? `unchanged, ${plural(w.written, "file")} verified`
          : `${plural(w.written, "file")} (${w.changed.length} changed${w.removed.length ? `, ${w.removed.length} removed` : ""})`;
      const kept = w.kept.length > 0 ? `, ${plural(w.kept.length, "user file")} kept` : "";
      return {
        out: [`soapkit: ${dir}: ${what}${kept} from ${plural(r.sources.length, "source")} in ${duration(r.ms)}`],
        err: [],
      };
    }
    case "checked": {
      const c = r.check;
      const bad = [
        ...c.stale.map((p) => `  stale    ${dir}/${p}`),
        ...c.missing.map((p) => `  missing  ${dir}/${p}`),
        ...c.orphan.map((p) => `  orphan   ${dir}/${p}`),
      ];
      if (bad.length === 0)
        return {
          out: [
            `soapkit: ${dir} is up to date (${plural(r.files, "file")}, ${plural(r.operations, "operation")}, ${plural(r.types, "type")})`,
          ],
          err: [],
        };
      return {
        out: [],
        err: [
          `soapkit: error check-stale: ${dir} does not match its inputs (${plural(bad.length, "file")}):`,
          ...bad,
          "  hint: run soapkit generate (here: npm run generate) and commit the result",
        ],
      };
    }
    case "failed":
      return {
        out: [],
        err: [
          ...r.diagnostics.map((d) => diagnosticText(d, cwd)),
          `soapkit: ${dir}: ${plural(r.diagnostics.length, "error")}; nothing under ${dir} was changed`,
        ],
      };
  }
}

/** The one line a --watch run is reported with. */
export function watchLine(results: readonly JobResult[], trigger: readonly string[], ms: number, cwd: string): string {
  const parts = results.map((r) => {
    const dir = displayPath(r.out, cwd);
    switch (r.status) {
      case "up-to-date":
        return `${dir} up to date`;
      case "written":
        return r.write.changed.length + r.write.removed.length === 0
          ? `${dir} unchanged`
          : `${dir} regenerated (${r.write.changed.length} changed${r.write.removed.length ? `, ${r.write.removed.length} removed` : ""})`;
      case "checked":
        return `${dir} checked`;
      case "failed":
        return `${dir} failed (${plural(r.diagnostics.length, "error")}; last good output kept)`;
    }
  });
  const why = trigger.length === 0 ? "initial run" : `${trigger.map((t) => displayPath(t, cwd)).join(", ")} changed`;
  return `soapkit watch: ${parts.join("; ")} — ${why}, ${duration(ms)}`;
}
