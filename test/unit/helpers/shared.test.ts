import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { repoRoot, requireShared, sharedDir } from "../../helpers/shared.js";

describe("test helper requireShared", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("points at ../shared next to the repo root", () => {
    expect(sharedDir).toBe(path.resolve(repoRoot, "../shared"));
  });

  it("skips with a printed reason when the corpus is absent", () => {
    vi.stubEnv("CI", "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(requireShared("no-such-dir-for-soapkit-tests")).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("no-such-dir-for-soapkit-tests"));
  });

  it("fails instead of skipping when CI=true", () => {
    vi.stubEnv("CI", "true");
    expect(() => requireShared("no-such-dir-for-soapkit-tests")).toThrow(/CI=true/);
  });
});
