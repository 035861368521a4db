/**
 * `soapkit mock <wsdl or URL>... [--port N] [--host H] [--seed N] [--validate]`: serves every SOAP
 * port of the WSDLs with sample responses, prints each port's URL and one line per call (never
 * header values), and stops on SIGINT/SIGTERM. The mock is imported only when this command runs.
 */
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { MockService } from "../mock/types.js";
import { noteText, type CliIO } from "./report.js";
import { EXIT } from "./run.js";

export const MOCK_HELP = [
  "Usage: soapkit mock <wsdl file or URL>... [options]",
  "",
  "Serves every SOAP port of the WSDLs (SOAP 1.1 and 1.2; HTTP bindings are skipped with a note),",
  "answering each operation with a deterministic, schema-valid sample response. GET <port>?wsdl",
  "returns the WSDL. One line is printed per call. Ctrl-C stops it.",
  "",
  "Options:",
  "  --port <n>        port to listen on (default 0: a free one)",
  "  --host <host>     interface to listen on (default 127.0.0.1)",
  "  --seed <n>        seed of the sample values (default 1)",
  "  --validate        check each request against the schema; answer a Client fault naming the first violation",
  "  -h, --help        this text",
].join("\n");

interface MockArgs {
  sources: string[];
  port: number;
  host: string;
  seed: number;
  validate: boolean;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} expects a non-negative integer, got '${text}'`);
  return Number(text);
}

class UsageError extends Error {}

function parse(argv: readonly string[], cwd: string): MockArgs | "help" {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      validate: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) return "help";
  if (positionals.length === 0) throw new UsageError("soapkit mock needs at least one WSDL file or URL");
  const sources = positionals.map((s) => (/^https?:\/\//i.test(s) || isAbsolute(s) ? s : resolve(cwd, s)));
  return {
    sources,
    port: integer("port", values.port, 0),
    host: values.host ?? "127.0.0.1",
    seed: integer("seed", values.seed, 1),
    validate: values.validate === true,
  };
}

/** Waits for SIGINT or SIGTERM. */
function untilSignal(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export async function mockCommand(argv: readonly string[], io: CliIO, cwd: string): Promise<number> {
  let args: MockArgs | "help";
  try {
    args = parse(argv, cwd);
  } catch (e) {
    io.err(`soapkit mock: error: ${e instanceof Error ? e.message : String(e)}\n\n${MOCK_HELP}`);
    return EXIT.usage;
  }
  if (args === "help") {
    io.out(MOCK_HELP);
    return EXIT.ok;
  }
  const { loadWsdl } = await import("../mock/wsdl-source.js");
  const { startMock } = await import("../mock/start.js");
  const services: MockService[] = [];
  for (const source of args.sources) {
    const loaded = await loadWsdl(source);
    loaded.notes.forEach((n) => io.err(noteText(n, cwd)));
    services.push(...loaded.services);
  }
  const mock = await startMock(services, {
    port: args.port,
    host: args.host,
    seed: args.seed,
    validate: args.validate,
    log: io.out,
  });
  for (const s of services) {
    const m = s.metadata as { service: string; port: string };
    io.out(`soapkit mock: ${m.service}/${m.port} at ${mock.endpoint(m.port)}`);
  }
  io.out(`soapkit mock: listening on ${mock.url}; Ctrl-C to stop`);
  const signal = await untilSignal();
  await mock.close();
  io.out(`soapkit mock: stopped (${signal})`);
  return EXIT.ok;
}
