import { describe, expect, it } from "vitest";
import { parseXml, resolveQName, lookupNamespace } from "../../runtime/xml/parse.js";
import { XmlWriter, escapeAttr, escapeText, serializeElement } from "../../runtime/xml/write.js";
import { SerializationError, XmlParseError } from "../../runtime/errors.js";

function parseError(xml: string, opts?: { maxDepth?: number; maxNodes?: number }): XmlParseError {
  try {
    parseXml(xml, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlParseError);
    return e as XmlParseError;
  }
  throw new Error("expected parseXml to throw");
}

describe("parseXml", () => {
  it("builds a namespace-aware tree with attributes, text and positions", () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<a:root xmlns:a="urn:a" xmlns="urn:d" x="1" a:y="2">\n  <child>hi &amp; <![CDATA[<raw>]]></child><a:e/></a:root>',
    );
    expect(root.ns).toBe("urn:a");
    expect(root.local).toBe("root");
    expect([...root.attrs.entries()]).toEqual([
      ["x", "1"],
      ["{urn:a}y", "2"],
    ]);
    expect(root.children).toHaveLength(2);
    const child = root.children[0]!;
    expect(child.ns).toBe("urn:d");
    expect(child.local).toBe("child");
    expect(child.text).toBe("hi & <raw>");
    expect(child.line).toBe(3);
    expect(root.line).toBe(2);
    expect(root.children[1]!.ns).toBe("urn:a");
    expect(root.children[1]!.attrs.size).toBe(0);
  });

  it("resolves prefixes through nested scopes", () => {
    const root = parseXml('<r xmlns:p="urn:1"><s xmlns:q="urn:2"><t v="p:A"/></s></r>');
    const t = root.children[0]!.children[0]!;
    expect(lookupNamespace(t, "p")).toBe("urn:1");
    expect(lookupNamespace(t, "q")).toBe("urn:2");
    expect(lookupNamespace(root, "q")).toBeUndefined();
    expect(resolveQName(t, "p:A")).toEqual({ ns: "urn:1", local: "A" });
    expect(resolveQName(t, "zz:A")).toBeUndefined();
    expect(lookupNamespace(t, "xml")).toBe("http://www.w3.org/XML/1998/namespace");
  });

  it("keeps non-BMP characters and entities", () => {
    const root = parseXml("<r>😀 &#x1F600; &lt;&gt;&quot;&apos;</r>");
    expect(root.text).toBe("😀 😀 <>\"'");
  });

  it("rejects a billion-laughs DOCTYPE before any expansion", () => {
    const bomb =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<lolz>&lol3;</lolz>';
    const err = parseError(bomb);
    expect(err.message).toMatch(/DOCTYPE is not allowed/);
    expect(err.line).toBe(2);
    expect(err.column).toBe(1);
  });

  it("rejects external entities and a DOCTYPE after comments/PIs", () => {
    expect(parseError('<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>').message).toMatch(/DOCTYPE/);
    expect(
      parseError('<!-- c --><?pi x?>\n <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>').message,
    ).toMatch(/DOCTYPE/);
  });

  it("does not resolve undeclared entities", () => {
    expect(parseError("<r>&xxe;</r>").message).toMatch(/undefined entity/);
  });

  it("reports malformed XML with line and column", () => {
    const err = parseError("<r>\n  <a></b>\n</r>");
    expect(err.line).toBe(2);
    expect(err.column).toBeGreaterThan(0);
    expect(err.message).toMatch(/line 2/);
    expect(err.code).toBe("ERR_XML_PARSE");
  });

  it("rejects empty input and text-only input", () => {
    expect(parseError("").message).toMatch(/root|end/);
    expect(parseError("hello").message).toBeTruthy();
  });

  it("enforces depth and node limits", () => {
    const deep = "<a>".repeat(50) + "</a>".repeat(50);
    expect(parseXml(deep, { maxDepth: 50 }).local).toBe("a");
    expect(parseError(deep, { maxDepth: 49 }).message).toMatch(/nested too deeply/);
    const wide = `<r>${"<x/>".repeat(100)}</r>`;
    expect(parseXml(wide, { maxNodes: 101 }).children).toHaveLength(100);
    expect(parseError(wide, { maxNodes: 100 }).message).toMatch(/too many elements/);
  });

  it("parses a large document quickly", () => {
    const items = Array.from({ length: 20000 }, (_, i) => `<item id="${i}"><name>n${i}</name><v>${i}</v></item>`).join(
      "",
    );
    const xml = `<root xmlns="urn:x">${items}</root>`;
    const t0 = performance.now();
    const root = parseXml(xml);
    const ms = performance.now() - t0;
    expect(root.children).toHaveLength(20000);
    expect(root.children[19999]!.children[0]!.text).toBe("n19999");
    expect(ms).toBeLessThan(2000);
  });
});

describe("escaping", () => {
  it("escapes markup, ]]> and CR in text", () => {
    expect(escapeText("plain")).toBe("plain");
    expect(escapeText("a<b&c>d ]]> e\r\nf\tg\"'")).toBe("a&lt;b&amp;c&gt;d ]]&gt; e&#13;\nf\tg\"'");
  });

  it("escapes quotes and whitespace in attributes", () => {
    expect(escapeAttr(`a"b'c<d&e>\tf\ng\rh`)).toBe("a&quot;b&apos;c&lt;d&amp;e&gt;&#9;f&#10;g&#13;h");
  });

  it("keeps non-BMP characters and rejects lone surrogates / control characters with the path", () => {
    expect(escapeText("x😀y")).toBe("x😀y");
    expect(escapeText("a<😀")).toBe("a&lt;😀");
    for (const bad of ["\u0000", "a\u0001", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "x\uDC00y", "\uD83D<"]) {
      let err: unknown;
      try {
        escapeText(bad, "Foo.Bar");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SerializationError);
      expect((err as SerializationError).path).toBe("Foo.Bar");
      expect((err as Error).message).toMatch(
        /^Foo\.Bar: character U\+[0-9A-F]{4} at index \d+ is not allowed in XML 1\.0$/,
      );
    }
    expect(() => escapeAttr("\u0007", "A")).toThrow(SerializationError);
  });

  it("escaped text round-trips through the parser", () => {
    const nasty = `<&>"' ]]> \r\n \t 😀 é \u2028`;
    const root = parseXml(`<r a="${escapeAttr(nasty)}">${escapeText(nasty)}</r>`);
    expect(root.text).toBe(nasty);
    expect(root.attrs.get("a")).toBe(nasty);
  });
});

describe("XmlWriter and serializeElement", () => {
  it("writes self-closing elements for empty content", () => {
    const w = new XmlWriter();
    w.open("a")
      .attr("x", '"')
      .open("b")
      .close("b")
      .open("c")
      .text("")
      .close("c")
      .open("d")
      .text("t")
      .close("d")
      .close("a");
    expect(w.toString()).toBe('<a x="&quot;"><b/><c/><d>t</d></a>');
  });

  it("re-serialises a parsed element with its namespaces", () => {
    const root = parseXml('<p:a xmlns:p="urn:p" xmlns:q="urn:q" q:k="v" xml:lang="en"><b>t&lt;</b></p:a>');
    const xml = serializeElement(root);
    const again = parseXml(xml);
    expect(again.ns).toBe("urn:p");
    expect(again.attrs.get("{urn:q}k")).toBe("v");
    expect(again.attrs.get("{http://www.w3.org/XML/1998/namespace}lang")).toBe("en");
    expect(again.children[0]!.ns).toBe("");
    expect(again.children[0]!.text).toBe("t<");
  });
});
