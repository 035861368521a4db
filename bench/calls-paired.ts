/**
 * One paired round of the call benchmark: a client and its floor, each in a fresh process
 * (bench/calls-worker.ts, served), warmed up, then alternating in short blocks of calls — A B,
 * B A, A B, … — so that other load on the machine falls on both alike. Each side's blocks of one
 * concurrency make its result (percentiles over all its calls, throughput = calls / time in its
 * blocks); the ratio of the two is the round's.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import type { ClientKind, WorkerConfig } from "./calls-worker.js";
import { blocksResult, type Block, type ConfigResult } from "./calls-blocks.js";
import { pinnedCpus } from "./calls-pin.js";
import { ROOT, TUNE } from "./config.js";

/** Blocks per measured concurrency (the configured call count split evenly among them). */
export const BLOCKS = { c1: 10, c50: 6 } as const;

interface Served {
  block(c: number, n: number): Promise<Block>;
  close(): void;
}

function serveWorker(client: ClientKind, url: string, warmup: number, root: string): Promise<Served> {
  const cpus = pinnedCpus("client");
  const cfg: WorkerConfig = {
    client,
    url,
    configs: [],
    warmup,
    maxConfigMs: TUNE.maxConfigMs,
    serve: true,
    ...(cpus ? { cpus } : {}),
  };
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "bench", "calls-worker.ts"), JSON.stringify(cfg)],
    { cwd: root, stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  const waiting: Array<(line: string) => void> = [];
  const failed = new Promise<never>((_, reject) =>
    child.on("close", (code) => reject(new Error(`calls-worker ${client} exited (${code})\n${err.slice(-2000)}`))),
  );
  failed.catch(() => undefined);
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    for (let nl = out.indexOf("\n"); nl >= 0; nl = out.indexOf("\n")) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  const nextLine = (): Promise<string> =>
    Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), failed]);
  return nextLine().then((ready) => {
    if (ready !== "READY") throw new Error(`calls-worker ${client}: ${ready}`);
    return {
      async block(c, n) {
        child.stdin.write(`${JSON.stringify([c, n])}\n`);
        const line = await nextLine();
        if (!line.startsWith("BLOCK ")) throw new Error(`calls-worker ${client}: ${line}`);
        return JSON.parse(line.slice("BLOCK ".length)) as Block;
      },
      close: () => child.stdin.end(),
    };
  });
}

/**
 * One round of `a` and its floor `f` at each `[concurrency, calls]`: both processes warmed up
 * (one after the other), then blocks alternating, the first side flipped per block pair and per
 * round. `roots`: the checkouts `a` and `f` run from (a before/after comparison runs one client
 * from two). Returns the results of `a` and of `f`, in `configs` order.
 */
export async function pairedRound(
  a: ClientKind,
  f: ClientKind,
  url: string,
  configs: ReadonlyArray<readonly [number, number]>,
  warmup: number,
  round: number,
  roots: readonly [string, string] = [ROOT, ROOT],
): Promise<[ConfigResult[], ConfigResult[]]> {
  const [rootA, rootF] = roots;
  const first = await serveWorker(round % 2 === 0 ? a : f, url, warmup, round % 2 === 0 ? rootA : rootF);
  const second = await serveWorker(round % 2 === 0 ? f : a, url, warmup, round % 2 === 0 ? rootF : rootA).catch(
    (e: unknown) => {
      first.close();
      throw e;
    },
  );
  const [wa, wf] = round % 2 === 0 ? [first, second] : [second, first];
  try {
    const ra: ConfigResult[] = [];
    const rf: ConfigResult[] = [];
    for (const [c, n] of configs) {
      const blocks = c === 1 ? BLOCKS.c1 : BLOCKS.c50;
      const per = Math.ceil(n / blocks);
      const ba: Block[] = [];
      const bf: Block[] = [];
      for (let i = 0; i < blocks; i++) {
        const aFirst = (i + round) % 2 === 0;
        if (aFirst) ba.push(await wa.block(c, per));
        bf.push(await wf.block(c, per));
        if (!aFirst) ba.push(await wa.block(c, per));
      }
      ra.push(blocksResult(c, ba));
      rf.push(blocksResult(c, bf));
    }
    return [ra, rf];
  } finally {
    wa.close();
    wf.close();
  }
}
