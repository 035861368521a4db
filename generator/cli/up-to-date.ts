/**
 * The no-op test of one job: the manifest's inputs hash (generator version, options, every
 * recorded document's sha256) still matches and every generated file still has its recorded
 * sha256, so regenerating would write the same bytes. Light on purpose: fast-path.ts decides a
 * no-op run (and `--check` of unchanged output) with this before loading the rest of the CLI.
 */
import { join } from "node:path";
import { inputsHash, rehashRecorded } from "../hash.js";
import type { GenerateOptions } from "../settings.js";
import { MANIFEST_FILE, readManifest, upToDate } from "../write/write-files.js";
import { generatorChangedSince } from "./freshness.js";
import type { Job } from "./invocation.js";

export type Measure = <T>(stage: string, fn: () => Promise<T>) => Promise<T>;

export type NoopVerdict =
  | {
      readonly upToDate: true;
      readonly sources: number;
      readonly operations: number;
      readonly files: number;
      /** Every document the manifest recorded (what --watch watches). */
      readonly documents: readonly string[];
      /** The manifest and every file it lists (absolute paths). */
      readonly outputs: readonly string[];
    }
  | { readonly upToDate: false; readonly reason: string };

/** Is `job`'s output up to date with its inputs? */
export async function noopVerdict(job: Job, options: GenerateOptions, measure: Measure): Promise<NoopVerdict> {
  const manifest = await measure("read-manifest", () => readManifest(job.out));
  const hashed = manifest?.inputsHash
    ? await measure("rehash", () => rehashRecorded(job.sources, manifest.recorded, options))
    : undefined;
  if (!manifest || !hashed) return { upToDate: false, reason: manifest ? "inputs changed" : "no manifest" };
  const state = await measure("verify-output", () => upToDate(job.out, inputsHash(hashed, options), manifest));
  if (!state.upToDate) return { upToDate: false, reason: state.reason };
  if (await generatorChangedSince(manifest.mtimeMs)) return { upToDate: false, reason: "soapkit's own code changed" };
  return {
    upToDate: true,
    sources: manifest.sources,
    operations: manifest.operations,
    files: manifest.files.length + 1,
    documents: hashed.flatMap((h) => h.documents.map((d) => d.path)),
    outputs: [MANIFEST_FILE, ...manifest.files.map((f) => f.path)].map((p) => join(job.out, p)),
  };
}
