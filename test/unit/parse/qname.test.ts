import { describe, expect, it } from "vitest";
import { describeRef, qnameAttribute, resolveQName, unknownPrefix } from "../../../generator/parse/qname.js";
import { XML_NS, nodeLocation, parseXml } from "../../../generator/parse/xml.js";

const DOC = `<r xmlns:tns="urn:t" xmlns="urn:default">
  <e type="q1:ArrayOfint" xmlns:q1="urn:arrays" base="tns:Base" plain="Local" bad="nope:X" lang="xml:lang"/>
  <n xmlns="" type="NoNs"/>
</r>`;

describe("resolveQName", () => {
  const root = parseXml(DOC, "q.xml");
  const [e, n] = root.children;
  if (!e || !n) throw new Error("fixture");
  const cases: { value: string; node: typeof e; want: { ns: string; local: string } | undefined }[] = [
    { value: "q1:ArrayOfint", node: e, want: { ns: "urn:arrays", local: "ArrayOfint" } },
    { value: "tns:Base", node: e, want: { ns: "urn:t", local: "Base" } },
    { value: "Local", node: e, want: { ns: "urn:default", local: "Local" } },
    { value: " tns:Trimmed ", node: e, want: { ns: "urn:t", local: "Trimmed" } },
    { value: "NoNs", node: n, want: { ns: "", local: "NoNs" } },
    { value: "xml:lang", node: e, want: { ns: XML_NS, local: "lang" } },
    { value: "nope:X", node: e, want: undefined },
    { value: "q1:ArrayOfint", node: n, want: undefined },
  ];
  it.each(cases)("$value", ({ value, node, want }) => {
    expect(resolveQName(value, node, nodeLocation(node)).qname).toEqual(want);
  });

  it("reads attributes with the attribute's own location", () => {
    const ref = qnameAttribute(e, "type");
    expect(ref).toMatchObject({
      text: "q1:ArrayOfint",
      prefix: "q1",
      local: "ArrayOfint",
      location: { file: "q.xml", line: 2, column: 6 },
    });
    expect(qnameAttribute(e, "missing")).toBeUndefined();
  });

  it("reports an undeclared prefix as xml-unknown-prefix at the attribute", () => {
    const ref = qnameAttribute(e, "bad");
    expect(ref?.qname).toBeUndefined();
    const d = ref && unknownPrefix(ref);
    expect(d).toMatchObject({ kind: "xml-unknown-prefix", location: { file: "q.xml", line: 2 } });
    expect(d?.message).toContain('"nope"');
  });

  it("describes references in both {ns}local and prefix:local form", () => {
    const ref = qnameAttribute(e, "type");
    expect(ref && describeRef(ref)).toBe('"q1:ArrayOfint" ({urn:arrays}ArrayOfint)');
  });
});
