/**
 * Tiny `.cpuprofile` summariser (the V8 format written by `node --cpu-prof`).
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top=15]
 *
 * Reports self time by function, self time by package/area, and inclusive ("total") time of
 * soapkit's own functions. Percentages are of busy time: `(idle)` is excluded (in a call loop
 * it is the time spent waiting for the server).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Entry {
  name: string;
  where: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  /** Wall time covered by the profile. */
  totalMs: number;
  /** Busy (non-idle) time. */
  busyMs: number;
  idleMs: number;
  self: Entry[];
  byArea: Entry[];
  /** Inclusive time of soapkit's own functions (generator/, runtime/, generated/, bin/, templates). */
  ownTotal: Entry[];
}

const ROOT_URL = pathToFileURL(fileURLToPath(new URL("..", import.meta.url))).href;

/** Short location: `generator/format/prettier.ts:12`, `prettier/index.mjs:301`, `node:internal/...`. */
function where(cf: CallFrame): string {
  let u = cf.url;
  if (u === "") return "(native)";
  // TypeScript run through tsx: V8 positions refer to the transformed text, not the source,
  // so a line number would mislead; keep lines for plain JS only.
  const line = cf.lineNumber >= 0 && !/\.[cm]?tsx?$/.test(u) ? `:${cf.lineNumber + 1}` : "";
  const nm = u.lastIndexOf("/node_modules/");
  if (nm >= 0) u = u.slice(nm + "/node_modules/".length);
  else if (u.startsWith(ROOT_URL)) u = u.slice(ROOT_URL.length);
  else if (u.startsWith("file://")) u = u.slice("file://".length);
  return `${u}${line}`;
}

/** Package or project area a frame belongs to. */
function area(cf: CallFrame): string {
  const u = cf.url;
  if (u === "") {
    const n = cf.functionName;
    return n.startsWith("(") ? n : "(native/builtins)";
  }
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (nm) return nm[1]!;
  if (u.startsWith("node:")) return "node: internals";
  if (u.startsWith(ROOT_URL)) {
    const rel = u.slice(ROOT_URL.length);
    const parts = rel.split("/");
    // soapkit: two levels (generator/format, runtime/codec) or the file for top-level ones
    return `soapkit ${parts.length > 2 ? `${parts[0]}/${parts[1]}` : rel}`;
  }
  return "other";
}

function isOwn(cf: CallFrame): boolean {
  if (!cf.url.startsWith(ROOT_URL)) return false;
  const rel = cf.url.slice(ROOT_URL.length);
  return (
    /^(generator|runtime|generated|bin|templates)\//.test(rel) ||
    (rel.startsWith("bench/.out/") && !rel.includes("node_modules"))
  );
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of prof.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  // Duration of sample i = timeDeltas[i + 1] (the time until the next sample), in µs.
  const selfUs = new Map<number, number>();
  const { samples, timeDeltas } = prof;
  for (let i = 0; i < samples.length; i++) {
    const d = timeDeltas[i + 1] ?? 0;
    const id = samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + d);
  }

  let idleUs = 0;
  let totalUs = 0;
  const selfByFn = new Map<string, { name: string; where: string; us: number }>();
  const selfByArea = new Map<string, number>();
  const ownTotal = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const cf = node.callFrame;
    totalUs += us;
    if (cf.functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    const name = cf.functionName || "(anonymous)";
    const w = where(cf);
    const key = `${name}@${w}`;
    const e = selfByFn.get(key) ?? { name, where: w, us: 0 };
    e.us += us;
    selfByFn.set(key, e);
    const a = area(cf);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + us);
    // inclusive time: every distinct own function on the stack gets this sample once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!isOwn(f) || !f.functionName) continue;
      const k = `${f.functionName}@${where(f)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const t = ownTotal.get(k) ?? { name: f.functionName, where: where(f), us: 0 };
      t.us += us;
      ownTotal.set(k, t);
    }
  }
  const busyUs = totalUs - idleUs;
  const entry = (name: string, w: string, us: number): Entry => ({
    name,
    where: w,
    ms: us / 1000,
    pct: busyUs > 0 ? (100 * us) / busyUs : 0,
  });
  const sortTop = <T extends { us: number }>(xs: Iterable<T>): T[] => [...xs].sort((a, b) => b.us - a.us).slice(0, top);
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    self: sortTop(selfByFn.values()).map((e) => entry(e.name, e.where, e.us)),
    byArea: sortTop([...selfByArea].map(([name, us]) => ({ name, us }))).map((e) => entry(e.name, "", e.us)),
    ownTotal: sortTop(ownTotal.values()).map((e) => entry(e.name, e.where, e.us)),
  };
}

/** Markdown for one profile. */
export function profileMarkdown(title: string, s: ProfileSummary, rows = 12): string {
  const pct = (e: Entry): string => `${e.pct.toFixed(1)}%`;
  const lines = [
    `#### ${title}`,
    "",
    `Profiled ${(s.totalMs / 1000).toFixed(2)} s, busy ${(s.busyMs / 1000).toFixed(2)} s${s.idleMs > 1 ? ` (idle ${(s.idleMs / 1000).toFixed(2)} s = waiting for I/O)` : ""}; percentages are of busy time.`,
    "",
    "Self time by area:",
    "",
    "| area | self ms | % |",
    "|---|---:|---:|",
    ...s.byArea.slice(0, 8).map((e) => `| ${e.name} | ${e.ms.toFixed(0)} | ${pct(e)} |`),
    "",
    "Top self-time functions:",
    "",
    "| function | where | self ms | % |",
    "|---|---|---:|---:|",
    ...s.self.slice(0, rows).map((e) => `| \`${e.name}\` | ${e.where} | ${e.ms.toFixed(0)} | ${pct(e)} |`),
    "",
    "soapkit's own functions by inclusive time (self + callees):",
    "",
    "| function | where | total ms | % |",
    "|---|---|---:|---:|",
    ...s.ownTotal.slice(0, rows).map((e) => `| \`${e.name}\` | ${e.where} | ${e.ms.toFixed(0)} | ${pct(e)} |`),
    "",
  ];
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: profile-summary.ts <file.cpuprofile> [top]\n");
    process.exit(64);
  }
  const top = Number.parseInt(process.argv[3] ?? "15", 10);
  process.stdout.write(profileMarkdown(file, summarizeProfile(file, top), top));
}
