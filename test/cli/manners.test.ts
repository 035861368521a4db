/**
 * CLI manners: --version/-v and -h; a progress line per source; a spinner only on a TTY; and
 * clear messages for a folder given as a WSDL, an HTTP error status, a refused connection and
 * a URL that never answers (local node:http servers on 127.0.0.1, ephemeral ports).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import { createProgress } from "../../generator/cli/progress.js";
import { GENERATOR_VERSION } from "../../generator/index.js";
import { captureIO, FIXTURES, removeDir, SHOP, tempDir } from "./helpers.js";

let server: Server;
let origin: string;
const held: import("node:http").ServerResponse[] = [];
const dir = tempDir("manners");

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/hang")) return void held.push(res); // never answers
    if (req.url?.startsWith("/slow-body"))
      return void (res.writeHead(200, { "content-type": "text/xml" }), res.write("<wsdl:"), held.push(res));
    res.writeHead(503, "Service Unavailable").end("down for maintenance");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  held.forEach((r) => r.destroy());
  await new Promise((r) => server.close(r));
  removeDir(dir);
});

async function run(argv: string[]) {
  const c = captureIO(dir);
  const code = await main(argv, c.io);
  return { code, out: c.out.join("\n"), err: c.err.join("\n") };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("soapkit CLI manners", () => {
  it("--version and -v print the version; -h prints the help", async () => {
    for (const flag of ["--version", "-v"])
      expect(await run([flag])).toEqual({ code: 0, out: GENERATOR_VERSION, err: "" });
    const help = await run(["-h"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--timeout <ms>/);
    expect(help.out).toMatch(/--import-extension/);
  });

  it("prints one line per source with its timing, without --verbose", async () => {
    const r = await run(["generate", SHOP, "--out", join(dir, "gen")]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^soapkit: .*Shop\.wsdl → gen\/shop: 3 operations, \d+ types \([\d.]+ m?s\)$/);
  });

  it("a folder given as the WSDL says so", async () => {
    const r = await run(["generate", FIXTURES, "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error io-read: cannot read .*fixtures: it is a directory, not a WSDL file/);
    expect(r.err).toContain("hint: give the WSDL file itself, not the folder it is in");
  });

  it("an HTTP error status is named", async () => {
    const r = await run(["generate", `${origin}/Service.svc?wsdl`, "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `error io-read: cannot fetch ${origin}/Service.svc?wsdl: the server answered HTTP 503 Service Unavailable`,
    );
  });

  it("a refused connection says it was refused and where", async () => {
    const port = await closedPort();
    const r = await run(["generate", `http://127.0.0.1:${port}/EMail.svc?wsdl`, "--out", join(dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`connection refused by 127.0.0.1:${port}`);
  });

  it("a URL that never answers times out (--timeout) and says what it waited for", async () => {
    const t0 = performance.now();
    const r = await run(["generate", `${origin}/hang?wsdl`, "--out", join(dir, "x"), "--timeout", "300"]);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /no answer from 127\.0\.0\.1:\d+ within 300 ms: gave up waiting for the response \(status line and headers\)/,
    );
    expect(r.err).toMatch(/hint: .*--timeout <ms>/);

    const body = await run(["generate", `${origin}/slow-body?wsdl`, "--out", join(dir, "x"), "--timeout", "300"]);
    expect(body.err).toMatch(/gave up waiting for the rest of the response body/);
  });

  it("the spinner draws only on a TTY and erases itself", async () => {
    const written: string[] = [];
    const piped = createProgress({ isTTY: false, write: (t) => written.push(t) }, {});
    piped.update("busy");
    piped.stop();
    expect(written).toEqual([]);

    const tty = createProgress({ isTTY: true, write: (t) => written.push(t) }, {});
    tty.update("soapkit: generating gen…");
    tty.stop();
    // eslint-disable-next-line no-control-regex -- the spinner writes an ANSI escape
    expect(written[0]).toMatch(/^\r\x1b\[K. soapkit: generating gen…$/);
    expect(written.at(-1)).toBe("\r\x1b[K");
    written.length = 0;
    createProgress({ isTTY: true, write: (t) => written.push(t) }, { CI: "true" }).update("x");
    expect(written).toEqual([]);
  });
});
