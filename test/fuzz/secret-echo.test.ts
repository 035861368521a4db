/**
 * Seeded secret-echo fuzzing (issue 10, "High"): a real server on 127.0.0.1 echoes the
 * call's secrets (ticket, application token, passwords in the request and in `authenticate()`)
 * whole, truncated, escaped (character references, entities, URL-encoding, JSON escapes,
 * base64), split by a comment, in fault strings, HTML error pages (the 200-character snippet
 * cut on every offset around the echo), response headers, an `xs:int` field, ExceptionInfo
 * and WebAPI error bodies — over SOAP (soap's HTTP client and fetch), REST and login.
 * No 6-character piece of any secret may reach an error's message, stack, JSON or
 * util.inspect form, a hook event, or the console.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer, type TestServer } from "../runtime/fixtures/server.js";
import { findLeak } from "./helpers/leaks.js";
import { Prng } from "./helpers/prng.js";
import { runScenario } from "./helpers/run-scenario.js";
import { cutScenarios, echoScenarios, type Scenario, type TransportName } from "./helpers/scenarios.js";

const SEED = Number(process.env["SOAPKIT_FUZZ_SEED"] ?? 20261129);
const TRANSPORTS: readonly TransportName[] = ["soap-http", "soap-fetch", "soap-node", "rest", "rest-node", "login"];

let server: TestServer;
let scenario: Scenario | undefined;
const consoleOutput: string[] = [];

beforeAll(async () => {
  server = await startServer();
  server.handler = (_req, res) => {
    const reply = scenario!.reply;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void consoleOutput.push(args.map(String).join(" ")),
    );
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.info(
    `secret echo: seed ${SEED}, ${total} scenarios (${[...counts].map(([t, n]) => `${t} ${n}`).join(", ")})`,
  );
});
afterEach(() => {
  consoleOutput.length = 0;
});

/** Scenarios run per transport, printed at the end (seed and counts make a run reproducible). */
const counts = new Map<string, number>();

async function leaksOf(scenarios: readonly Scenario[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const s of scenarios) counts.set(s.transport, (counts.get(s.transport) ?? 0) + 1);
  for (const s of scenarios) {
    scenario = s;
    const observed = await runScenario(s, `http://127.0.0.1:${server.port}`);
    const { ticket, appToken, password } = s.secrets;
    const leak = findLeak(`${observed.text}\n${consoleOutput.join("\n")}`, [ticket, appToken, password]);
    if (leak !== undefined) leaks.push(`${s.name}: ${leak}`);
  }
  return leaks;
}

describe(`secret echo (seed ${SEED})`, () => {
  TRANSPORTS.forEach((transport, i) => {
    it(`${transport}: every place × every echo form`, async () => {
      const scenarios = echoScenarios(new Prng(SEED + i), transport);
      expect(scenarios.length).toBeGreaterThanOrEqual(60);
      expect(await leaksOf(scenarios)).toEqual([]);
    });

    it(`${transport}: the snippet cut at every offset around an echoed secret`, async () => {
      const scenarios = cutScenarios(new Prng(SEED + 100 + i), transport);
      expect(scenarios.length).toBeGreaterThanOrEqual(transport === "login" ? 15 : 60);
      expect(await leaksOf(scenarios)).toEqual([]);
    });
  });
});
