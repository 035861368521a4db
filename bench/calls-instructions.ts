/**
 * Instructions per call of the SOAP call pipeline without the network (bench/calls-pipeline.ts)
 * under valgrind's callgrind, main thread and all threads (the JIT compiles on its own threads):
 * a measure of the warm-up that other load on the machine does not move, unlike wall or CPU
 * time. For each checkout given (this one by default), the process runs 0 and then N calls;
 * the difference over N is reported, per window. Slow (about a minute per run); needs valgrind.
 *
 *   npx tsx bench/calls-instructions.ts [calls=1400] [root ...]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./config.js";

/** Instructions of one run of the pipeline with `calls` calls: [main thread, all threads]. */
function instructions(root: string, calls: number): [number, number] {
  const dir = mkdtempSync(join(tmpdir(), "soapkit-callgrind-"));
  try {
    execFileSync(
      "valgrind",
      [
        "--tool=callgrind",
        "--separate-threads=yes",
        `--callgrind-out-file=${join(dir, "out")}`,
        process.execPath,
        "--import",
        "tsx",
        join(root, "bench", "calls-pipeline.ts"),
        String(calls),
      ],
      { cwd: root, stdio: "ignore" },
    );
    let main = 0;
    let all = 0;
    for (const f of readdirSync(dir)) {
      const m = /^totals: (\d+)/m.exec(readFileSync(join(dir, f), "utf8"));
      const n = m ? Number(m[1]) : 0;
      all += n;
      if (f.endsWith("-01")) main = n;
    }
    return [main, all];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const calls = Number(process.argv[2] ?? 1400);
const roots = process.argv.length > 3 ? process.argv.slice(3) : [ROOT];
for (const root of roots) {
  const [main0, all0] = instructions(root, 0);
  const [main1, all1] = instructions(root, calls);
  const k = (v: number): string => `${Math.round(v / calls / 1000)}k`;
  process.stdout.write(
    `${root}: calls 0–${calls}: ${k(main1 - main0)} instructions/call on the main thread, ${k(all1 - all0)} on all threads\n`,
  );
}
