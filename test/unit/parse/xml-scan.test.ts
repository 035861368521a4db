/**
 * Differential test of the fast XML scanner (generator/parse/xml-scan.ts) against the saxes
 * reader (xml-saxes.ts): on every real document and on hand-made edge cases the scanner
 * builds the very same tree (values, key order, frozen scopes shared where saxes shares
 * them); on what it declines, parseXml falls back to saxes and reports what saxes reports.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseWithSaxes } from "../../../generator/parse/xml-saxes.js";
import { scanXml } from "../../../generator/parse/xml-scan.js";
import { MAX_DEPTH, type XmlNode } from "../../../generator/parse/xml-tree.js";
import { parseXml } from "../../../generator/parse/xml.js";
import { diagnosticsOfSync } from "../../helpers/diagnostics.js";
import { repoRoot, requireShared } from "../../helpers/shared.js";

function documentsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...documentsUnder(p));
    else if (/\.(wsdl|xsd|xml)$/i.test(entry)) out.push(p);
  }
  return out;
}

/** Where each element's scope object is its parent's (saxes shares it when nothing is declared). */
function scopeSharing(node: XmlNode, out: string[] = []): string[] {
  out.push(`${Object.isFrozen(node.namespaces)}`);
  for (const c of node.children) {
    out.push(c.namespaces === node.namespaces ? "shared" : "own");
    scopeSharing(c, out);
  }
  return out;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The scanner reads `text` and builds exactly saxes' tree. */
function expectSameTree(text: string, file = "doc.xml"): void {
  const fast = scanXml(text, file);
  expect(fast, `scanner declined ${file}`).toBeDefined();
  const reference = parseWithSaxes(text, file);
  expect(fast).toStrictEqual(reference);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
  expect(scopeSharing(fast!)).toEqual(scopeSharing(reference));
}

/** parseXml (scanner or fallback) reads `text` as saxes does: the same tree or the same diagnostics. */
function expectAsSaxes(text: string, file = "doc.xml"): void {
  if (text.trim() === "") return;
  let reference: XmlNode | undefined;
  const saxes = (): XmlNode => (reference = parseWithSaxes(text, file));
  let expected: readonly unknown[] | undefined;
  try {
    saxes();
  } catch {
    expected = diagnosticsOfSync(saxes);
  }
  if (expected === undefined) expect(parseXml(text, file)).toStrictEqual(reference);
  else expect(diagnosticsOfSync(() => parseXml(text, file))).toStrictEqual(expected);
}

function expectCorpus(dir: string, atLeast: number): void {
  const files = documentsUnder(dir);
  expect(files.length).toBeGreaterThanOrEqual(atLeast);
  for (const file of files) expectSameTree(withoutBom(readFileSync(file, "utf8")), file);
}

describe("fast XML scanner: real documents build saxes' tree", () => {
  it("every WSDL and XSD of the project (wsdl/)", () => expectCorpus(path.join(repoRoot, "wsdl"), 4));

  const publicDir = requireShared("wsdl/public");
  it.skipIf(!publicDir)("every document of ../shared/wsdl/public (imported XSDs included)", () =>
    expectCorpus(publicDir!, 15),
  );

  it("every fixture of test/fixtures: parseXml gives saxes' tree or saxes' diagnostics", () => {
    const files = documentsUnder(path.join(repoRoot, "test/fixtures"));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) expectAsSaxes(withoutBom(readFileSync(file, "utf8")), file);
  });

  const superoffice = requireShared("wsdl/superoffice");
  it.skipIf(!superoffice)("every document of ../shared/wsdl/superoffice", () => expectCorpus(superoffice!, 2));
});

const ACCEPTED: Record<string, string> = {
  "xml declaration, encoding, standalone": `<?xml version='1.0' encoding="UTF-8" standalone='yes' ?>\n<r/>`,
  "predefined references in text and attributes": `<r a="&lt;&amp;&gt;&quot;&apos;">x &amp; y &lt;z&gt; &apos;&quot;</r>`,
  "numeric references, decimal and hex, astral": `<r a="&#65;&#x42;&#x1F600;&#9;&#10;&#13;">&#x1f600;&#0065;&#xD;&#x10FFFF;</r>`,
  CDATA: `<r>a<![CDATA[<b>&amp; ]] ]> ]]]]>c<![CDATA[]]></r>`,
  "CDATA with line ends": `<r><![CDATA[a\r\nb\rc\n]\r\n]]></r>`,
  "comments before, between, inside and after": `<!-- head --><r><!-- a - b -->t<!---->u<x/><!-- c -->\n</r>\n<!-- tail -->`,
  "comment starting with a dash": `<r><!---> x --></r>`,
  "processing instructions": `<?xml version="1.0"?><?pi one?><r><?pi x ? y?>t<?p?></r><?after  ?>`,
  "attributes with > and the other quote": `<r a="x > y" b='say "hi"' c="it's" d='a>b'/>`,
  "whitespace in tags": `<r\n\t a = "1"\r\n  b\t=\t'2'\n></r\n >`,
  "self-closing, with and without space": `<r><a/><b /><c x="1"/><d\n/></r>`,
  "attribute value normalisation": `<r a="x\ty\nz\r\nw\rv" b="  lead and trail  "/>`,
  "CRLF and lone CR line ends in text": `<r>\r\n  <a>x\r\ny\rz</a>\r\n</r>\r\n`,
  "tabs and non-ASCII before tags (columns in UTF-16 units)": `<r>\n\t\t<a/>é<b/>😀😀<c d="é😀" e="1"/>\n\tü <f/></r>`,
  "namespace redeclaration and default undeclaration": `<p:r xmlns:p="urn:1" xmlns="urn:d"><p:a xmlns:p="urn:2"><b xmlns=""><c/></b><d/></p:a><p:e/></p:r>`,
  "declarations after attributes, trimmed": `<r a:x="1" xmlns:a=" urn:a \n" xmlns="\turn:d "><a:y/></r>`,
  "xml: attributes and prefixed attributes": `<r xml:lang="en" xmlns:q="urn:q" q:a="1" a="2"><s q:a="3" xml:space="preserve"/></r>`,
  "mixed content, lead and tail": `<r>lead<a>in</a>mid<b/>tail</r>`,
  "whitespace outside the root": ` \n\t<r/>\r\n \n`,
  "names with dots, dashes, digits and underscores": `<_r.x-1 a.b-c_2="v"><p-1:e_2 xmlns:p-1="urn:p"/></_r.x-1>`,
  "prefix named like an Object.prototype member": `<constructor:r xmlns:constructor="urn:c" constructor:a="1"/>`,
  "multi-line start tags (attribute positions)": `<r\n  a="1"\n    b="2"><s\n c="3"/></r>`,
};

describe("fast XML scanner: edge cases build saxes' tree", () => {
  it.each(Object.entries(ACCEPTED))("%s", (_name, text) => expectSameTree(text));

  it(`${MAX_DEPTH} levels of nesting`, () => {
    expectSameTree(`${"<a>".repeat(MAX_DEPTH)}${"</a>".repeat(MAX_DEPTH)}`);
  });
});

/** Documents the scanner declines: saxes reads them (some are fine XML, most are not). */
const DECLINED: Record<string, string> = {
  DOCTYPE: `<?xml version="1.0"?>\n<!DOCTYPE r>\n<r/>`,
  "DOCTYPE with an entity": `<!DOCTYPE d [<!ENTITY x "boom">]>\n<d>&x;</d>`,
  "too deep": `${"<a>".repeat(MAX_DEPTH + 1)}${"</a>".repeat(MAX_DEPTH + 1)}`,
  "XML 1.1": `<?xml version="1.1"?><r/>`,
  "xml declaration not at the start": ` <?xml version="1.0"?><r/>`,
  "bad xml declaration": `<?xml version="1.0" standalone="maybe"?><r/>`,
  "non-ASCII name": `<é/>`,
  "non-ASCII attribute name": `<r é="1"/>`,
  "duplicate attribute": `<r a="1" a="2"/>`,
  "duplicate expanded name": `<r xmlns:p="urn:1" xmlns:q="urn:1" p:a="1" q:a="2"/>`,
  "duplicate declaration": `<r xmlns:p="urn:1" xmlns:p="urn:2"/>`,
  "unbound element prefix": `<r>\n  <b:x/>\n</r>`,
  "unbound attribute prefix": `<r>\n  <x   c:attr="1"/>\n</r>`,
  "undeclaring a prefix": `<r xmlns:p=""/>`,
  "binding xml": `<r xmlns:xml="http://www.w3.org/XML/1998/namespace"/>`,
  "binding the xmlns namespace": `<r xmlns:x="http://www.w3.org/2000/xmlns/"/>`,
  "xmlns element prefix": `<xmlns:r/>`,
  "no space between attributes": `<r a="1"b="2"/>`,
  "unquoted attribute": `<r a=1/>`,
  "< in an attribute": `<r a="<"/>`,
  "undefined entity": `<a>\n &nope;</a>`,
  "character reference to NUL": `<r>&#0;</r>`,
  "uppercase X in a reference": `<r>&#X41;</r>`,
  "bare ampersand": `<r>a & b</r>`,
  "]]> in text": `<r>]]></r>`,
  "mismatched end tag": `<a>\n  <b></a>`,
  "unclosed root": `<a>\n<b/>`,
  "two roots": `<r/><s/>`,
  "text after the root": `<a/>\nxyz`,
  "text before the root": `x<r/>`,
  "CDATA outside the root": `<![CDATA[x]]><r/>`,
  "double dash in a comment": `<r><!-- a -- b --></r>`,
  "comment ending in ---": `<r><!-- a ---></r>`,
  "unterminated comment": `<r><!-- a </r>`,
  "PI named xml": `<r><?xml x?></r>`,
  "PI with a colon": `<r><?a:b x?></r>`,
  "control character": `<r>\u0001</r>`,
  "lone surrogate": `<r>\ud800</r>`,
  "U+FFFE": `<r>\ufffe</r>`,
  "three-part name": `<a:b:c xmlns:a="u"/>`,
  "name starting with a digit": `<1r/>`,
  "space after <": `< r/>`,
  "/ not followed by >": `<r / >`,
  "more than 64 attributes": `<r ${Array.from({ length: 65 }, (_, i) => `a${i}="${i}"`).join(" ")}/>`,
};

describe("fast XML scanner: what it declines goes to saxes", () => {
  it.each(Object.entries(DECLINED))("%s", (_name, text) => {
    expect(scanXml(text, "doc.xml")).toBeUndefined();
    expectAsSaxes(text);
  });

  it("a DOCTYPE is still rejected before any entity is expanded", () => {
    const [d] = diagnosticsOfSync(() => parseXml(DECLINED.DOCTYPE!, "doc.xml"));
    expect(d).toMatchObject({ kind: "xml-doctype", location: { file: "doc.xml", line: 2, column: 1 } });
  });

  it("a mismatched end tag keeps saxes' message and position", () => {
    const [d] = diagnosticsOfSync(() => parseXml(DECLINED["mismatched end tag"]!, "doc.xml"));
    expect(d).toMatchObject({ kind: "xml-malformed", location: { line: 2, column: 9 } });
    expect(d?.message).toMatch(/^malformed XML: unexpected close tag/);
  });
});
