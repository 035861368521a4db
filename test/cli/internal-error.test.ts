/** A bug (any error that is not a GeneratorError) prints the stack trace and exits 70. */
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../generator/cli/main.js";
import { captureIO, removeDir, SHOP, snapshotTree, tempDir } from "./helpers.js";

vi.mock("../../generator/write/write-files.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../generator/write/write-files.js")>()),
  writeOutput: async () => {
    throw new TypeError("simulated bug in the writer");
  },
}));

const dir = tempDir("internal");
afterAll(() => removeDir(dir));

describe("internal errors", () => {
  it("exit 70 with the stack trace", async () => {
    const c = captureIO();
    expect(await main(["generate", SHOP, "--out", join(dir, "gen")], c.io)).toBe(70);
    const text = c.err.join("\n");
    expect(text).toMatch(/^soapkit: internal error \(this is a bug in soapkit/);
    expect(text).toContain("TypeError: simulated bug in the writer");
    expect(text).toMatch(/\n\s+at /);
    expect(snapshotTree(dir)).toEqual({});
  });
});
