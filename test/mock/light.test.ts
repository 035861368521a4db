/**
 * `soapkit/mock` with metadata loads the runtime only: no WSDL parser (saxes), no emit stack
 * (ts-morph, prettier, handlebars). A WSDL source loads the parser, still not the emit stack.
 */
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { startMock } from "soapkit/mock";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { repoRoot } from "../helpers/shared.js";

const loaded = vi.hoisted(() => new Set<string>());
for (const name of ["ts-morph", "prettier", "handlebars", "saxes"]) {
  vi.doMock(name, async (importOriginal) => {
    loaded.add(name);
    return importOriginal();
  });
}

describe("soapkit/mock stays light", () => {
  it("serves metadata without loading the generator, and a WSDL without the emit stack", async () => {
    const m = await startMock(EMailMetadata);
    const res = await fetch(m.endpoint(), { method: "POST", body: "<x/>" });
    expect(res.status).toBe(400);
    await m.close();
    expect([...loaded]).toEqual([]);

    const w = await startMock(join(repoRoot, "test/fixtures/wsdl/calculator/Calculator.wsdl"));
    await w.close();
    expect([...loaded]).toEqual(["saxes"]);
  });
});
