/**
 * The public WSDL corpus (../shared/wsdl/public, see its README.md and corpus.tsv) as the corpus
 * tests and scripts/corpus-report.ts see it: the list of WSDLs with their expected operation
 * counts, and which of them soapkit is expected to generate today (`EXPECTED`).
 *
 * When a WSDL starts (or stops) generating, flip its entry here: the generate-compile test fails
 * until the table matches reality, in either direction. Every other corpus test covers a WSDL
 * as soon as its entry says `generates: true`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** One row of corpus.tsv. */
export interface CorpusEntry {
  readonly name: string;
  /** Absolute path of the root WSDL. */
  readonly wsdl: string;
  /** Distinct operation names over every SOAP 1.1/1.2 binding (corpus.tsv column 3). */
  readonly ops: number;
  /** The same over bindings a `wsdl:port` uses (column 4). */
  readonly portOps: number;
}

export type ExpectedStatus =
  | { readonly generates: true }
  | {
      readonly generates: false;
      /** The construct that stops it today (documentation; printed, not matched). */
      readonly reason: string;
    };

/** Which corpus WSDLs generate today. Update after merging generator work. */
export const EXPECTED: Readonly<Record<string, ExpectedStatus>> = {
  "eu-vies": { generates: true },
  netsuite: { generates: true },
  "usda-awdb": { generates: true },
  virtualbox: { generates: true },
  "wsdot-ferries": { generates: true },
  "aws-ec2": { generates: true },
  "cxf-rpclit": { generates: true },
  "cz-eet": { generates: true },
  ews: { generates: true },
  "gs1-epcis-query": { generates: true },
  "jira-v2": { generates: true },
  "noaa-ndfd": { generates: true },
  "onvif-devicemgmt": { generates: true },
  "onvif-ptz": { generates: true },
  "salesforce-partner": { generates: true },
};

/** The rows of `<dir>/corpus.tsv`, in file order (synchronous: tests are declared from it). */
export function readCorpus(dir: string): CorpusEntry[] {
  const text = readFileSync(join(dir, "corpus.tsv"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [name, root, ops, portOps] = line.split("\t");
      if (name === undefined || root === undefined || ops === undefined || portOps === undefined)
        throw new Error(`corpus.tsv: malformed row ${JSON.stringify(line)}`);
      return { name, wsdl: join(dir, name, root), ops: Number(ops), portOps: Number(portOps) };
    });
}

/** The entries expected to generate (throws when a corpus WSDL has no entry in `EXPECTED`). */
export function generating(entries: readonly CorpusEntry[]): CorpusEntry[] {
  return entries.filter((e) => {
    const status = EXPECTED[e.name];
    if (status === undefined) throw new Error(`corpus WSDL ${e.name} has no entry in EXPECTED (test/corpus/corpus.ts)`);
    return status.generates;
  });
}

/** A deterministic sample of `n` items spread evenly over `items` (all of them when n ≥ length). */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_x, i) => items[Math.floor((i * items.length) / n)]!);
}
