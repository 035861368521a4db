/**
 * `soapkit mock` as a real child process: serves every SOAP port of the WSDL, prints the URLs
 * and one line per call (never header values), stops cleanly on SIGTERM/SIGINT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { soapHttpTransport } from "@soapkit/runtime";
import { createEMailClient } from "../../generated/index.js";
import { repoRoot } from "../helpers/shared.js";

interface Running {
  child: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
}

function run(args: string[]): Running {
  const child = spawn(process.execPath, [join(repoRoot, "bin/soapkit.mjs"), "mock", ...args], { cwd: repoRoot });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (d: string) => out.push(d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => err.push(d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out, err, exited };
}

async function waitFor(r: Running, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 600; i++) {
    const m = pattern.exec(r.out.join(""));
    if (m !== null) return m;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${pattern}; stdout: ${r.out.join("")} stderr: ${r.err.join("")}`);
}

describe("soapkit mock (CLI)", () => {
  it("serves a WSDL, prints one line per call without header values, stops on SIGTERM", async () => {
    const r = run(["wsdl/services84/EMail.wsdl", "--port", "0", "--seed", "3"]);
    try {
      const [, url] = await waitFor(r, /WcfEMailService\/BasicHttpBinding_EMail at (\S+)/);
      await waitFor(r, /listening on http:\/\/127\.0\.0\.1:\d+; Ctrl-C to stop/);
      const secret = "7T:do-not-print-this-ticket-0123456789";
      const client = createEMailClient({
        transport: soapHttpTransport({ endpoint: url! }),
        headers: { ApplicationToken: "app-token-not-printed-either", Credentials: { Ticket: secret } },
      });
      const answer = await client.hasNewMail({ FolderId: 1 });
      expect(typeof answer).toBe("boolean");
      await waitFor(r, /HasNewMail → ok 200/);
      const wsdl = await fetch(`${url!}?wsdl`);
      expect(await wsdl.text()).toContain(`location="${url!}"`);
      expect(r.out.join("") + r.err.join("")).not.toContain("do-not-print");
      expect(r.out.join("") + r.err.join("")).not.toContain("not-printed");
    } finally {
      r.child.kill("SIGTERM");
    }
    expect(await r.exited).toBe(0);
    expect(r.out.join("")).toMatch(/soapkit mock: stopped \(SIGTERM\)/);
  });

  it("notes skipped HTTP bindings and serves the SOAP ports; SIGINT stops it", async () => {
    const r = run([join("test/fixtures/wsdl-styles/Styles.wsdl"), "--port", "0"]);
    try {
      await waitFor(r, /listening on/);
      expect(r.out.join("")).toMatch(/StylesService\/StylesSoap at http:\/\/127\.0\.0\.1:\d+\/styles\n/);
      expect(r.out.join("")).toMatch(/StylesService\/StylesSoap12 at http:\/\/127\.0\.0\.1:\d+\/styles12\n/);
      expect(r.err.join("")).toMatch(/Styles\.wsdl:116:5: note wsdl-binding-skipped: .*StylesHttp/);
    } finally {
      r.child.kill("SIGINT");
    }
    expect(await r.exited).toBe(0);
  });

  it("rejects bad options with the usage exit code", async () => {
    const r = run(["--port", "x", "a.wsdl"]);
    expect(await r.exited).toBe(64);
    expect(r.err.join("")).toContain("--port expects a non-negative integer, got 'x'");
  });
});
