/** Issue 10 (low): a diagnostic about a huge name stays small. */
import { describe, expect, it } from "vitest";
import { capNames } from "../../../generator/diagnostics/cap.js";
import { formatDiagnostic } from "../../../generator/diagnostics/diagnostic.js";
import { loadModel } from "../../../generator/model/load-model.js";
import { diagnosticsOf } from "../../helpers/diagnostics.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoSchema, echoWsdl } from "../../helpers/wsdl-text.js";

const FILE = "/in/huge.wsdl";

describe("diagnostics cap quoted names", () => {
  it("quoted names longer than 80 characters are cut with an ellipsis and the count left out", () => {
    const name = "N".repeat(500);
    expect(capNames(`type "${name}" is not defined`)).toBe(`type "${"N".repeat(80)}…(+420 chars)" is not defined`);
    expect(capNames(`short "name" stays`)).toBe(`short "name" stays`);
    expect(capNames(`{urn:x}${"L".repeat(1000)}`).length).toBeLessThan(400);
  });

  it("a 200 KB unresolved type name gives diagnostics of a few hundred bytes (was 200–800 KB)", async () => {
    const huge = `T${"x".repeat(200_000)}`;
    const similar = `<xs:complexType name="${huge}y"/>`;
    const wsdl = echoWsdl({ schema: echoSchema(`<xs:element name="a" type="tns:${huge}"/>`, similar) });
    const ds = await diagnosticsOf(() => loadModel(FILE, { reader: memoryReader({ [FILE]: wsdl }) }));
    const text = ds.map(formatDiagnostic).join("\n");
    expect(ds.length).toBeGreaterThan(0);
    expect(text).toContain("…(+");
    expect(text.length).toBeLessThan(2000);
  });
});
