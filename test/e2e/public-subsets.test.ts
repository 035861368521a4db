/**
 * Operation subsets on the public corpus (../shared/wsdl/public): WSDLs that an unsupported
 * construct blocks as a whole generate the operations whose messages and headers do not reach
 * it (issue 12, "operation subsets truly subset"). The subsets were found with
 * scripts/clean-subsets.ts. Each subset exits 0 and compiles under the strict compile gate;
 * the whole WSDL still fails with located diagnostics, and a subset that reaches an
 * unsupported construct fails with a diagnostic located in that component.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import { captureIO, snapshotTree } from "../cli/helpers.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";

const CORPUS = requireShared("wsdl/public");
const OUT = join(repoRoot, "test/.out/public-subsets");

/** WSDL (under the corpus) → operations that avoid its unsupported constructs. */
const SUBSETS: Record<string, readonly string[]> = {
  "onvif-devicemgmt/devicemgmt.wsdl": ["GetDeviceInformation", "GetScopes", "SetSystemDateAndTime", "SystemReboot"],
  "onvif-ptz/ptz.wsdl": ["GetPresets", "ContinuousMove", "Stop"],
  "aws-ec2/ec2.wsdl": ["DescribeRegions", "DescribeAvailabilityZones", "DescribeKeyPairs", "CreateKeyPair"],
  "salesforce-partner/partner.wsdl": ["login", "logout", "getServerTimestamp", "getUserInfo", "describeGlobal"],
  "gs1-epcis-query/EPCglobal-epcis-query-1_2.wsdl": ["getQueryNames", "unsubscribe", "getSubscriptionIDs"],
};

async function run(argv: string[]) {
  const cap = captureIO(repoRoot);
  const code = await main(argv, cap.io);
  return { code, err: cap.err.join("\n"), text: cap.text() };
}

const slug = (wsdl: string): string => wsdl.split("/")[0]!;

describe.skipIf(CORPUS === undefined)("public corpus: operation subsets route around unsupported constructs", () => {
  const results = new Map<string, { code: number; text: string }>();

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    for (const [wsdl, ops] of Object.entries(SUBSETS)) {
      const r = await run([
        "generate",
        join(CORPUS!, wsdl),
        "--out",
        join(OUT, slug(wsdl)),
        "--operations",
        ops.join(","),
      ]);
      results.set(wsdl, r);
    }
  }, 300_000);

  it.each(Object.keys(SUBSETS))("%s: the subset generates (exit 0)", (wsdl) => {
    const r = results.get(wsdl)!;
    expect(r.code, r.text).toBe(0);
    expect(r.text).toContain(`${SUBSETS[wsdl]!.length} operations`);
  });

  it("every subset compiles under the strict compile gate", async () => {
    const files = (await Promise.all(Object.keys(SUBSETS).map((w) => tsFiles(join(OUT, slug(w)))))).flat();
    expect(files.length).toBeGreaterThan(0);
    expect(typecheck(files)).toEqual([]);
  }, 120_000);

  it.each([
    ["onvif-devicemgmt/devicemgmt.wsdl", 82],
    ["aws-ec2/ec2.wsdl", 151],
    ["salesforce-partner/partner.wsdl", 63],
    ["ews/services.wsdl", 101],
  ])(
    "%s: the whole WSDL generates now that content models are supported (exit 0)",
    async (wsdl, operations) => {
      const r = await run(["generate", join(CORPUS!, wsdl), "--out", join(OUT, "whole", slug(wsdl))]);
      expect(r.code, r.text).toBe(0);
      expect(r.text).toContain(`${operations} operations`);
    },
    300_000,
  );

  it("a subset that reaches an unsupported construct fails there, and the output is untouched", async () => {
    const out = join(OUT, "reached");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "keep.txt"), "mine\n");
    const before = snapshotTree(out);
    // devicemgmt.wsdl with one type of GetSystemDateAndTime's response restricted from an undefined base
    const source = readFileSync(join(CORPUS!, "onvif-devicemgmt/devicemgmt.wsdl"), "utf8");
    const broken = join(OUT, "broken", "devicemgmt.wsdl");
    mkdirSync(join(OUT, "broken"), { recursive: true });
    writeFileSync(
      broken,
      source
        .replace('schemaLocation="./onvif.xsd"', `schemaLocation="${join(CORPUS!, "onvif-devicemgmt", "onvif.xsd")}"`)
        .replace(
          /<xs:element name="GetSystemDateAndTimeResponse">\s*<xs:complexType>/,
          (m) =>
            `${m}<xs:complexContent><xs:restriction base="tds:Elsewhere"/></xs:complexContent></xs:complexType></xs:element><xs:element name="Unused"><xs:complexType>`,
        ),
    );
    const r = await run([
      "generate",
      broken,
      "--out",
      out,
      "--operations",
      "GetDeviceInformation,GetSystemDateAndTime",
    ]);
    expect(r.code, r.text).toBe(2);
    expect(r.err).toMatch(
      /devicemgmt\.wsdl:\d+:\d+: error xsd-unsupported: xs:complexContent\/xs:restriction of tds:Elsewhere/,
    );
    expect(r.err.match(/error /g)).toHaveLength(1); // only what GetSystemDateAndTime reaches
    expect(snapshotTree(out)).toEqual(before);
  }, 120_000);

  it("an unknown operation lists the valid ones (exit 64) without modelling any type", async () => {
    const wsdl = join(CORPUS!, "ews/services.wsdl");
    const r = await run(["generate", wsdl, "--out", join(OUT, "unknown"), "--operations", "GetFolders"]);
    expect(r.code, r.text).toBe(64);
    expect(r.err).toContain("unknown operation 'GetFolders' in the operations option (did you mean GetFolder?)");
    expect(r.err).toMatch(/hint: valid operations: .*GetFolder, /);
    expect(r.err).not.toContain("xsd-unsupported");
  }, 120_000);

  it("wsdot-ferries: its two HTTP bindings are skipped with located notes, not in silence", async () => {
    const wsdl = join(CORPUS!, "wsdot-ferries/ferry.wsdl");
    const r = await run(["generate", wsdl, "--out", join(OUT, "ferries"), "--operations", "GetAllTerminals"]);
    expect(r.code, r.text).toBe(0);
    const notes = r.err.split("\n").filter((l) => l.includes(" note "));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(
      /ferry\.wsdl:\d+:\d+: note wsdl-binding-skipped: wsdl:port "WSF_x0020_ScheduleHttpGet" .*HTTP binding/,
    );
    expect(notes[1]).toMatch(
      /ferry\.wsdl:\d+:\d+: note wsdl-binding-skipped: wsdl:port "WSF_x0020_ScheduleHttpPost" .*HTTP binding/,
    );
  }, 120_000);

  it("a per-source operations list in the config routes around them too", async () => {
    const dir = join(OUT, "config");
    mkdirSync(dir, { recursive: true });
    const input = join(CORPUS!, "onvif-devicemgmt/devicemgmt.wsdl");
    const config = { sources: [{ input, out: "gen", operations: ["GetDeviceInformation"] }] };
    writeFileSync(join(dir, "soapkit.config.json"), JSON.stringify(config));
    const cap = captureIO(dir);
    const code = await main(["generate"], cap.io);
    expect(code, cap.text()).toBe(0);
    expect(cap.text()).toContain("1 operation,");
  }, 120_000);
});
