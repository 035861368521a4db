import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../../generator/diagnostics/diagnostic.js";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { attributeLocation, deepText, findAttribute, parseXml, XML_NS } from "../../../generator/parse/xml.js";
import { diagnosticsOf, diagnosticsOfSync, where } from "../../helpers/diagnostics.js";
import { repoRoot } from "../../helpers/shared.js";
import { locate } from "../../helpers/wsdl-text.js";

const DOC = `<?xml version="1.0"?>
<a:root xmlns:a="urn:a" xmlns="urn:default" id="r1">
  <child   kind="x"
      a:extra='y'>hello <b>bold</b> world</child>
  <leaf type="q1:ArrayOfint" xmlns:q1="urn:arrays"/>
  <![CDATA[<not markup>]]>
</a:root>`;

describe("parseXml: element tree", () => {
  const root = parseXml(DOC, "doc.xml");
  const [child, leaf] = root.children;

  it("keeps namespace URI, local name and prefix of elements", () => {
    expect(root).toMatchObject({ ns: "urn:a", local: "root", prefix: "a", file: "doc.xml" });
    expect(child).toMatchObject({ ns: "urn:default", local: "child", prefix: "" });
    expect(child?.children[0]).toMatchObject({ ns: "urn:default", local: "b" });
  });

  it("records 1-based line/column of start tags and attributes", () => {
    expect(`${root.line}:${root.column}`).toBe(locate(DOC, "<a:root"));
    expect(`${child?.line}:${child?.column}`).toBe(locate(DOC, "<child"));
    const extra = child && attributeLocation(child, "extra", "urn:a");
    expect(`${extra?.line}:${extra?.column}`).toBe(locate(DOC, "a:extra="));
    const kind = child && attributeLocation(child, "kind");
    expect(`${kind?.line}:${kind?.column}`).toBe(locate(DOC, 'kind="x"'));
  });

  it("resolves attribute namespaces and drops xmlns declarations from attributes", () => {
    expect(root.attributes.map((a) => a.name)).toEqual(["id"]);
    expect(child && findAttribute(child, "extra", "urn:a")).toMatchObject({ prefix: "a", value: "y", ns: "urn:a" });
    // Unprefixed attributes have no namespace, even under a default namespace.
    expect(child && findAttribute(child, "kind")).toMatchObject({ ns: "", value: "x" });
  });

  it("keeps the in-scope namespace map, including declarations on the element itself", () => {
    expect(leaf?.namespaces).toMatchObject({ a: "urn:a", "": "urn:default", q1: "urn:arrays", xml: XML_NS });
    expect(child?.namespaces.q1).toBeUndefined();
    // Elements without declarations share their parent's scope object.
    expect(child?.namespaces).toBe(root.namespaces);
  });

  it("keeps text, CDATA and mixed content in document order", () => {
    expect(child?.text).toBe("hello  world");
    expect(child && deepText(child)).toBe("hello bold world");
    expect(root.text).toContain("<not markup>");
  });

  it("accepts a UTF-8 byte order mark", () => {
    expect(parseXml(`\uFEFF<r/>`, "bom.xml").local).toBe("r");
  });
});

describe("parseXml: bad input", () => {
  const cases: { name: string; text: string; kind: string; at: (t: string) => string }[] = [
    { name: "empty", text: "", kind: "xml-empty", at: () => "1:1" },
    { name: "whitespace only", text: "  \n\t \n", kind: "xml-empty", at: () => "1:1" },
    { name: "mismatched tag", text: "<a>\n  <b></a>", kind: "xml-malformed", at: () => "2:9" },
    { name: "unclosed root", text: "<a>\n<b/>", kind: "xml-malformed", at: () => "2:4" },
    { name: "text after root", text: "<a/>\nxyz", kind: "xml-malformed", at: () => "2:3" },
    { name: "undefined entity", text: "<a>\n &nope;</a>", kind: "xml-malformed", at: () => "2:7" },
    {
      name: "unknown element prefix",
      text: `<r xmlns:a="urn:a">\n  <b:x/>\n</r>`,
      kind: "xml-unknown-prefix",
      at: (t) => locate(t, "<b:x"),
    },
    {
      name: "unknown attribute prefix",
      text: `<r>\n  <x   c:attr="1"/>\n</r>`,
      kind: "xml-unknown-prefix",
      at: (t) => locate(t, "c:attr"),
    },
    { name: "DOCTYPE", text: `<?xml version="1.0"?>\n<!DOCTYPE r>\n<r/>`, kind: "xml-doctype", at: () => "2:1" },
  ];
  it.each(cases)("$name → $kind at line:col", ({ text, kind, at }) => {
    const ds = diagnosticsOfSync(() => parseXml(text, "bad.xml"));
    expect(ds.map(where)).toEqual([`${kind} bad.xml:${at(text)}`]);
  });

  it("malformed messages carry the parser's explanation and file:line:col", () => {
    const [d] = diagnosticsOfSync(() => parseXml("<a>\n  <b></a>", "bad.xml"));
    expect(d && formatDiagnostic(d)).toMatch(/^bad\.xml:2:9: error xml-malformed: malformed XML: unexpected close tag/);
  });
});

describe("parseXml: XXE and entity expansion", () => {
  const fixtures = path.join(repoRoot, "test/fixtures/wsdl-unit/xxe");
  const secret = readFileSync(path.join(fixtures, "secret.txt"), "utf8").trim();

  it("rejects an external entity pointing at a local file without reading it", async () => {
    const file = path.join(fixtures, "xxe.wsdl");
    const ds = await diagnosticsOf(() => loadDocuments(file));
    expect(ds.map(where)).toEqual([`xml-doctype ${file}:2:1`]);
    const output = JSON.stringify(ds) + ds.map(formatDiagnostic).join("\n");
    expect(output).not.toContain(secret);
  });

  it("rejects an inline XXE with an absolute file URL", () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file://${path.join(fixtures, "secret.txt")}">]>\n<d>&x;</d>`;
    const ds = diagnosticsOfSync(() => parseXml(text, "inline.xml"));
    expect(ds.map(where)).toEqual(["xml-doctype inline.xml:2:1"]);
    expect(JSON.stringify(ds)).not.toContain(secret);
  });

  it("rejects billion laughs fast", () => {
    const file = path.join(repoRoot, "test/fixtures/wsdl-unit/billion-laughs.wsdl");
    const text = readFileSync(file, "utf8");
    const t0 = performance.now();
    const ds = diagnosticsOfSync(() => parseXml(text, file));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(ds.map(where)).toEqual([`xml-doctype ${file}:2:1`]);
  });
});
