/** The manifest's `notes`: every located remark that did not stop generation, per source. */
import { dirname, relative } from "node:path";
import { isHttpUrl } from "../load/resolve.js";
import type { SourceRecord } from "../sources.js";

export interface ManifestNote {
  readonly source: string;
  /** The document, relative to the source's root WSDL (its own name for the root). */
  readonly document: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  /** Present for a diagnostic `--lenient` downgraded. */
  readonly severity?: "warning";
  readonly message: string;
}

function documentOf(rootFile: string, file: string): string {
  if (isHttpUrl(rootFile) || isHttpUrl(file)) return file === rootFile ? (file.split("/").pop() ?? file) : file;
  return relative(dirname(rootFile), file).split("\\").join("/");
}

/** The notes of every source, in source order (empty when there are none). */
export function manifestNotes(records: readonly SourceRecord[]): ManifestNote[] {
  return records.flatMap(({ model, label }) =>
    (model.notes ?? []).map((n) => ({
      source: label,
      document: documentOf(model.rootFile, n.location.file),
      line: n.location.line,
      column: n.location.column,
      kind: n.kind,
      ...(n.severity === undefined ? {} : { severity: n.severity }),
      message: n.message,
    })),
  );
}
