/**
 * The fast path of parseXml (runtime/xml/fast-tree.ts) against the saxes path: whatever the
 * fast scanner accepts, saxes must accept too and build the same tree (names, attributes in
 * order, text, line, column, namespace scopes); everything else must fall back (undefined).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fastParseXml } from "../../runtime/xml/fast-tree.js";
import { parseXml, saxesParseXml, type XmlElement, type XmlNamespaceScope } from "../../runtime/xml/parse.js";

const MAX_DEPTH = 256;
const MAX_NODES = 200_000;

interface Plain {
  ns: string;
  local: string;
  attrs: [string, string][];
  text: string;
  line: number;
  column: number;
  scope: { decls: [string, string][]; nullProto: boolean }[];
  children: Plain[];
}

function scopeChain(scope: XmlNamespaceScope): Plain["scope"] {
  const out: Plain["scope"] = [];
  for (let s: XmlNamespaceScope | null = scope; s !== null; s = s.parent)
    out.push({ decls: Object.entries(s.decls), nullProto: Object.getPrototypeOf(s.decls) === null });
  return out;
}

function plain(el: XmlElement): Plain {
  return {
    ns: el.ns,
    local: el.local,
    attrs: [...el.attrs],
    text: el.text,
    line: el.line,
    column: el.column,
    scope: scopeChain(el.scope),
    children: el.children.map(plain),
  };
}

/** Saxes's tree, or the error it throws. */
function viaSaxes(xml: string): Plain | Error {
  try {
    return plain(saxesParseXml(xml, MAX_DEPTH, MAX_NODES));
  } catch (e) {
    return e as Error;
  }
}

/** Checks the contract on one document; returns whether the fast path took it. */
function agree(xml: string): boolean {
  const fast = fastParseXml(xml, MAX_DEPTH, MAX_NODES);
  if (fast === undefined) return false;
  const slow = viaSaxes(xml);
  if (slow instanceof Error)
    throw new Error(`fast path accepted what saxes rejects (${slow.message}): ${JSON.stringify(xml)}`);
  expect(plain(fast), JSON.stringify(xml)).toEqual(slow);
  return true;
}

const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
const ACCEPTED = [
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${TNS}">true</Succeeded></s:Header><s:Body><SyncEmailAccountResponse xmlns="${TNS}"/></s:Body></s:Envelope>`,
  `<?xml version="1.0" encoding="utf-8"?>\n<a:root xmlns:a="urn:a" xmlns="urn:d" x="1" a:y="2">\n  <child>hi &amp; &lt;b&gt; &#65;&#x42;&#x1F600;</child><a:e/>\n</a:root>\n`,
  `<?xml version='1.0' standalone='yes' ?><r  a = 'x&quot;y' b="it&apos;s"\n c="tab\there\nline" d="&#9;&#10;&#13;"/>`,
  `<r xmlns:p="urn:1"><s xmlns:q="urn:2" xmlns=""><t v="p:A" p:w="1" q:w="2" xml:lang="en">  x  </t></s></r>`,
  `<r xmlns:p=" urn:padded "><p:s xmlns="urn:d">é ü 漢字 ÿ\u00a0</p:s></r>`,
  `<r>text<a/>more<b>in</b>tail</r>`,
  `<r><a></a ><b\n/><c\n\n  x="1"\n>\n</c></r>`,
  `<_r-1.x a_b="" c.d-e='>'/>`,
  `\n\n  <r/>  \n`,
  `<r xmlns:a="urn:x" xmlns:b="urn:y"><e a:k="1" b:k="2"/></r>`,
  `<r>]]&gt; and ]] > and ]]</r>`,
  `<r attr="a &amp; b &lt; c">&#xD7FF;&#xE000;&#xFFFD;&#x10FFFF;</r>`,
];
const FALLBACK = [
  `<r><!-- c --></r>`,
  `<r><![CDATA[x]]></r>`,
  `<?xml version="1.0"?><?pi x?><r/>`,
  `<?xml version="1.1"?><r/>`,
  `<r>\r\n</r>`,
  `\ufeff<r/>`,
  `<r>\u0001</r>`,
  `<r>\u0085</r>`,
  `<r>😀</r>`,
  `<é/>`,
  `<r a="1" a="2"/>`,
  `<r xmlns:p="urn:1" xmlns:q="urn:1" p:a="1" q:a="2"/>`,
  `<r xmlns:p="urn:1" xmlns:p="urn:2"/>`,
  `<r xmlns="a" xmlns="b"/>`,
  `<p:r/>`,
  `<r p:a="1"/>`,
  `<r xmlns:p=""/>`,
  `<r xmlns:xml="http://www.w3.org/XML/1998/namespace"/>`,
  `<r xmlns:x="http://www.w3.org/2000/xmlns/"/>`,
  `<xmlns:r xmlns:xmlns="urn:x"/>`,
  `<xml:r/>`,
  `<r a="1"b="2"/>`,
  `<r a=1/>`,
  `<r a="<"/>`,
  `<r>&nbsp;</r>`,
  `<r>&#0;</r>`,
  `<r>&#X41;</r>`,
  `<r>a & b</r>`,
  `<r>]]></r>`,
  `<r></s>`,
  `<r>`,
  `<r/><s/>`,
  `<r/>x`,
  `x<r/>`,
  `<r/><!-- after -->`,
  `<a:b:c xmlns:a="u"/>`,
  `<1r/>`,
  ``,
];

describe("fast XML path", () => {
  it("builds the saxes tree for plain documents", () => {
    for (const xml of ACCEPTED) expect(agree(xml), JSON.stringify(xml)).toBe(true);
  });

  it("leaves everything outside the subset (and every malformed document) to saxes", () => {
    for (const xml of FALLBACK) expect(fastParseXml(xml, MAX_DEPTH, MAX_NODES), JSON.stringify(xml)).toBeUndefined();
  });

  it("shares a single declaration's scope between documents, never across different bindings", () => {
    const doc = (uri: string): string =>
      `<s:E xmlns:s="urn:env"><s:B><p:R xmlns:p="${uri}"><p:C xmlns:p="urn:inner"/></p:R></s:B></s:E>`;
    const one = fastParseXml(doc("urn:one"), MAX_DEPTH, MAX_NODES)!;
    const two = fastParseXml(doc("urn:two"), MAX_DEPTH, MAX_NODES)!;
    const again = fastParseXml(doc("urn:one"), MAX_DEPTH, MAX_NODES)!;
    const r = (root: XmlElement): XmlElement => root.children[0]!.children[0]!;
    expect([r(one).ns, r(two).ns, r(again).ns]).toEqual(["urn:one", "urn:two", "urn:one"]);
    expect([r(one).children[0]!.ns, r(two).children[0]!.ns]).toEqual(["urn:inner", "urn:inner"]);
    expect(one.scope).toBe(two.scope);
    expect(r(one).scope).toBe(r(again).scope);
    expect(r(one).scope).not.toBe(r(two).scope);
    // A child's own declaration is a scope of its own, even when it repeats its parent's.
    const nested = fastParseXml(`<a xmlns="urn:x"><b xmlns="urn:x"/></a>`, MAX_DEPTH, MAX_NODES)!;
    expect(nested.children[0]!.scope).not.toBe(nested.scope);
    expect(nested.children[0]!.scope.parent).toBe(nested.scope);
    for (const xml of [doc("urn:one"), doc("urn:two")]) expect(agree(xml), xml).toBe(true);
  });

  it("falls back at the limits, so that saxes reports them", () => {
    expect(fastParseXml("<a><b><c/></b></a>", 2, MAX_NODES)).toBeUndefined();
    expect(fastParseXml("<a><b/><c/></a>", MAX_DEPTH, 2)).toBeUndefined();
    expect(fastParseXml("<a><b/><c/></a>", MAX_DEPTH, 3)).toBeDefined();
    expect(() => parseXml("<a><b/><c/></a>", { maxNodes: 2 })).toThrow(/2/);
  });

  it("agrees with saxes on thousands of mutated documents", () => {
    let seed = 13;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = [
      "<",
      ">",
      "/",
      "=",
      '"',
      "'",
      "&",
      ";",
      ":",
      " ",
      "\n",
      "\t",
      "x",
      "a:",
      "xmlns",
      "&amp;",
      "#",
      "]]>",
      "é",
    ];
    let accepted = 0;
    let mutants = 0;
    for (let round = 0; round < 60; round++) {
      for (const base of ACCEPTED) {
        let xml = base;
        const edits = 1 + rand(3);
        for (let e = 0; e < edits; e++) {
          const at = rand(xml.length + 1);
          const op = rand(3);
          const piece = pieces[rand(pieces.length)]!;
          xml =
            op === 0
              ? xml.slice(0, at) + piece + xml.slice(at)
              : op === 1
                ? xml.slice(0, at) + xml.slice(at + 1)
                : xml.slice(0, at) + piece + xml.slice(at + 1);
        }
        mutants++;
        if (agree(xml)) accepted++;
      }
    }
    // Both sides of the contract were exercised: many mutants taken by the fast path, many left to saxes.
    expect(accepted).toBeGreaterThan(mutants / 10);
    expect(accepted).toBeLessThan(mutants);
  });

  it("agrees with saxes on the project's WSDL and XML files", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(wsdl|xsd|xml)$/.test(name)) files.push(path);
      }
    };
    walk(join(import.meta.dirname, "../../wsdl"));
    expect(files.length).toBeGreaterThan(3);
    let taken = 0;
    for (const f of files) {
      const xml = readFileSync(f, "utf8");
      // Comments make the fast path decline; the same document without them must agree.
      if (agree(xml)) taken++;
      if (agree(xml.replace(/<!--[\s\S]*?-->/g, "").replace(/\r/g, ""))) taken++;
    }
    expect(taken).toBeGreaterThan(0);
  });
});
