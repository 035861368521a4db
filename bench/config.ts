/** Shared constants and tunables of the benchmark (env overrides for quick runs). */
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BENCH = fileURLToPath(new URL(".", import.meta.url));
export const OUT = fileURLToPath(new URL("./.out/", import.meta.url));

export const PROJECT_WSDL = fileURLToPath(new URL("../wsdl/services84/EMail.wsdl", import.meta.url));
export const FULL_WSDL =
  process.env["SOAPKIT_BENCH_FULL_WSDL"] ?? "/work/shared/wsdl/superoffice/Services84-EMail.wsdl";

/**
 * More head-to-head inputs of the generation goal: the project's Services88 EMail contract
 * and the largest public corpus WSDL both tools generate (virtualbox, 1,158 operations).
 */
export const MORE_GEN_WSDLS: readonly { label: string; wsdl: string }[] = [
  {
    label: "project wsdl/services88/EMail.wsdl",
    wsdl: fileURLToPath(new URL("../wsdl/services88/EMail.wsdl", import.meta.url)),
  },
  { label: "virtualbox vboxweb.wsdl (public corpus)", wsdl: "/work/shared/wsdl/public/virtualbox/vboxweb.wsdl" },
];

export const APP_TOKEN = "app-token-1234567-1234-9876";
export const TICKET = "7T:1234abcxyzExample==";
export const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
export const SYNC_ACTION = `${TNS}/EMail/SyncEmailAccount`;
/** The SyncEmailAccount request every client sends. */
export const SYNC_INPUT = { SyncUserAccount: { AccountId: 42, AssociateName: "ANNE", AssociateId: 5 } };

function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : dflt;
}

/** `SOAPKIT_BENCH_QUICK=1` shrinks everything (smoke test of the harness). */
const QUICK = process.env["SOAPKIT_BENCH_QUICK"] === "1";

export const TUNE = {
  /** Cold generation runs per tool (head-to-head). */
  genRuns: envInt("SOAPKIT_BENCH_GEN_RUNS", QUICK ? 2 : 5),
  /** Cold generation runs per tool on each of MORE_GEN_WSDLS. */
  moreGenRuns: envInt("SOAPKIT_BENCH_MORE_GEN_RUNS", QUICK ? 1 : 3),
  /** Runs for the size-scaling rows other than the full WSDL (which reuses the head-to-head runs). */
  scaleRuns: envInt("SOAPKIT_BENCH_SCALE_RUNS", QUICK ? 1 : 3),
  noopRuns: envInt("SOAPKIT_BENCH_NOOP_RUNS", QUICK ? 2 : 5),
  /** Size factor of the synthetic WSDL. */
  synthFactor: 4,
  /** Call rounds (one fresh process per client per round, clients interleaved). */
  callRounds: envInt("SOAPKIT_BENCH_CALL_ROUNDS", QUICK ? 1 : 3),
  callsC1: envInt("SOAPKIT_BENCH_CALLS_C1", QUICK ? 200 : 1000),
  callsC50: envInt("SOAPKIT_BENCH_CALLS_C50", QUICK ? 1000 : 3000),
  warmupCalls: envInt("SOAPKIT_BENCH_WARMUP", QUICK ? 100 : 400),
  /** Warm-up of the steady-state rounds (the goal clients only): past the JIT's warm-up of the runtime. */
  steadyWarmupCalls: envInt("SOAPKIT_BENCH_STEADY_WARMUP", QUICK ? 1000 : 10_000),
  /** Upper bound per measured configuration; the call count is cut short beyond it. */
  maxConfigMs: envInt("SOAPKIT_BENCH_MAX_CONFIG_MS", 10_000),
  /** Calls per client for the emulator-versus-lean-responder comparison (c=1). */
  emulatorCalls: envInt("SOAPKIT_BENCH_EMULATOR_CALLS", QUICK ? 100 : 200),
  coldRuns: envInt("SOAPKIT_BENCH_COLD_RUNS", QUICK ? 2 : 5),
  /** Rounds of the consumer type-check (each runs every project once, in rotated order). */
  typecheckRounds: envInt("SOAPKIT_BENCH_TYPECHECK_ROUNDS", QUICK ? 1 : 9),
};
