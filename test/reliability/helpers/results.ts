/**
 * Figures measured by the reliability tests, collected in `test/reliability/.results.json`
 * (gitignored) and turned into the tables of RELIABILITY.md by `npm run reliability:report`.
 *
 * Test files run in parallel worker processes, so every write is a read-merge-write under a
 * lock directory (mkdir is atomic), followed by an atomic rename.
 */
import { mkdir, readFile, rename, rmdir, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const RESULTS_FILE = fileURLToPath(new URL("../.results.json", import.meta.url));
const LOCK = `${RESULTS_FILE}.lock`;

/** One row of a results table. */
export interface ResultRow {
  readonly case: string;
  /** What the case gets: a diagnostic kind, an error class/kind/status, "ok"... */
  readonly outcome: string;
  /** Extra columns (numbers are formatted by the reporter). */
  readonly [column: string]: string | number | boolean;
}

export interface ResultSection {
  readonly title: string;
  /** When the section was recorded (ISO). */
  readonly recordedAt: string;
  readonly node: string;
  readonly rows: readonly ResultRow[];
  /** Free-form figures (load test: duration, calls/s, rss...). */
  readonly figures?: Readonly<Record<string, string | number>>;
  readonly notes?: readonly string[];
}

export type Results = Record<string, ResultSection>;

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock left behind by a killed run: older than 30 s is stale.
      const st = await stat(LOCK).catch(() => undefined);
      if (st !== undefined && Date.now() - st.mtimeMs > 30_000) await rmdir(LOCK).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`could not lock ${LOCK}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

export async function readResults(): Promise<Results> {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, "utf8")) as Results;
  } catch {
    return {};
  }
}

/** Replace one section of the results file. */
export async function recordSection(key: string, section: Omit<ResultSection, "recordedAt" | "node">): Promise<void> {
  await withLock(async () => {
    const all = await readResults();
    all[key] = { ...section, recordedAt: new Date().toISOString(), node: process.version };
    const tmp = `${RESULTS_FILE}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`);
    await rename(tmp, RESULTS_FILE);
  });
}
