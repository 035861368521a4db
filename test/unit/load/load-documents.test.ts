import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { resolveLocation } from "../../../generator/load/resolve.js";
import { diagnosticsOf, where } from "../../helpers/diagnostics.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { repoRoot } from "../../helpers/shared.js";
import { locate } from "../../helpers/wsdl-text.js";

const W = `xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"`;
const X = `xmlns:xs="http://www.w3.org/2001/XMLSchema"`;

function wsdl(body: string): string {
  return `<wsdl:definitions targetNamespace="urn:t" ${W} ${X}>\n${body}\n</wsdl:definitions>\n`;
}
function wsdlImport(location: string): string {
  return `  <wsdl:import namespace="urn:t" location="${location}"/>`;
}
function typesWith(schemaBody: string): string {
  return `  <wsdl:types>\n    <xs:schema targetNamespace="urn:t">\n${schemaBody}\n    </xs:schema>\n  </wsdl:types>`;
}
function xsd(body: string, tns = "urn:t"): string {
  return `<xs:schema targetNamespace="${tns}" ${X}>\n${body}\n</xs:schema>\n`;
}

describe("loadDocuments: following imports", () => {
  it("follows wsdl:import, xsd:import and xsd:include relative to the importing document, each once", async () => {
    const files = {
      "/svc/root.wsdl": wsdl(
        [
          wsdlImport("parts/port.wsdl"),
          typesWith(
            `      <xs:import namespace="urn:arrays"/>\n      <xs:import namespace="urn:a" schemaLocation="xsd/a.xsd"/>\n      <xs:include schemaLocation="xsd/inc.xsd"/>`,
          ),
        ].join("\n"),
      ),
      "/svc/parts/port.wsdl": wsdl(typesWith(`      <xs:import namespace="urn:a" schemaLocation="../xsd/a.xsd"/>`)),
      "/svc/xsd/a.xsd": xsd(`  <xs:import namespace="urn:b" schemaLocation="b.xsd"/>`, "urn:a"),
      // b imports a back: xsd:import cycles are legal and must not load a twice.
      "/svc/xsd/b.xsd": xsd(`  <xs:import namespace="urn:a" schemaLocation="./a.xsd"/>`, "urn:b"),
      "/svc/xsd/inc.xsd": xsd(""),
    };
    const reader = memoryReader(files);
    const docs = await loadDocuments("/svc/root.wsdl", { reader });
    expect(docs.map((d) => d.path)).toEqual([
      "/svc/root.wsdl",
      "/svc/parts/port.wsdl",
      "/svc/xsd/a.xsd",
      "/svc/xsd/b.xsd",
      "/svc/xsd/inc.xsd",
    ]);
    expect(reader.requests).toHaveLength(5);
    expect(docs[0]?.root.local).toBe("definitions");
    expect(docs[2]).toMatchObject({
      text: files["/svc/xsd/a.xsd"],
      sha256: createHash("sha256").update(files["/svc/xsd/a.xsd"]).digest("hex"),
    });
  });

  it("resolves imports of a URL root against the URL and allows the same origin", async () => {
    const reader = memoryReader({
      "https://h.example/svc/Service.svc?wsdl": wsdl(wsdlImport("Service.svc?wsdl=wsdl0")),
      "https://h.example/svc/Service.svc?wsdl=wsdl0": wsdl(
        typesWith(`      <xs:import namespace="urn:a" schemaLocation="/xsd/a.xsd"/>`),
      ),
      "https://h.example/xsd/a.xsd": xsd("", "urn:a"),
    });
    const docs = await loadDocuments("https://h.example/svc/Service.svc?wsdl", { reader });
    expect(docs.map((d) => d.path)).toEqual([
      "https://h.example/svc/Service.svc?wsdl",
      "https://h.example/svc/Service.svc?wsdl=wsdl0",
      "https://h.example/xsd/a.xsd",
    ]);
  });

  it("allows other origins with allowRemoteOrigins", async () => {
    const reader = memoryReader({
      "/local/root.wsdl": wsdl(wsdlImport("https://other.example/x.wsdl")),
      "https://other.example/x.wsdl": wsdl(""),
    });
    const docs = await loadDocuments("/local/root.wsdl", { reader, allowRemoteOrigins: true });
    expect(docs).toHaveLength(2);
  });

  it("reads files from disk with the default reader (relative paths stay relative)", async () => {
    const root = path.relative(process.cwd(), path.join(repoRoot, "test/fixtures/wsdl-unit/imports/root.wsdl"));
    const docs = await loadDocuments(root);
    const dir = path.dirname(root);
    expect(docs.map((d) => d.path)).toEqual([
      root,
      path.join(dir, "port.wsdl"),
      path.join(dir, "xsd/types.xsd"),
      path.join(dir, "xsd/common.xsd"),
    ]);
  });
});

describe("resolveLocation", () => {
  const cases: [string, string, string][] = [
    ["a/root.wsdl", "b.xsd", path.join("a", "b.xsd")],
    ["/x/a/root.wsdl", "../b.xsd", "/x/b.xsd"],
    ["/x/root.wsdl", "/abs/b.xsd", "/abs/b.xsd"],
    ["/x/root.wsdl", "file:///abs/c.xsd", "/abs/c.xsd"],
    ["/x/root.wsdl", "http://h/b.xsd", "http://h/b.xsd"],
    ["http://h/svc/a.wsdl", "b.xsd", "http://h/svc/b.xsd"],
    ["http://h/svc/a.wsdl", "../c.xsd", "http://h/c.xsd"],
    ["http://h/svc/a.svc?wsdl", "a.svc?xsd=xsd0", "http://h/svc/a.svc?xsd=xsd0"],
  ];
  it.each(cases)("%s + %s → %s", (base, loc, want) => {
    expect(resolveLocation(base, loc)).toBe(want);
  });
});

describe("loadDocuments: bad import graphs", () => {
  it("reports a missing import at the importing attribute (io-not-found) and keeps going", async () => {
    const root = wsdl(
      [wsdlImport("missing.wsdl"), typesWith(`      <xs:include schemaLocation="gone.xsd"/>`)].join("\n"),
    );
    const ds = await diagnosticsOf(() =>
      loadDocuments("/r/root.wsdl", { reader: memoryReader({ "/r/root.wsdl": root }) }),
    );
    expect(ds.map(where)).toEqual([
      `io-not-found /r/root.wsdl:${locate(root, 'location="missing')}`,
      `io-not-found /r/root.wsdl:${locate(root, 'schemaLocation="gone')}`,
    ]);
    expect(ds[0]?.message).toContain("/r/missing.wsdl");
  });

  it("reports a missing root without location", async () => {
    const ds = await diagnosticsOf(() => loadDocuments("/nope.wsdl", { reader: memoryReader({}) }));
    expect(ds.map(where)).toEqual(["io-not-found -"]);
  });

  it("reports a missing file on disk with the default reader", async () => {
    const ds = await diagnosticsOf(() =>
      loadDocuments(path.join(repoRoot, "test/fixtures/wsdl-unit/does-not-exist.wsdl")),
    );
    expect(ds.map((d) => d.kind)).toEqual(["io-not-found"]);
  });

  it("reports other read errors as io-read", async () => {
    const reader = async (): Promise<string> => {
      throw new Error("EACCES: permission denied");
    };
    const ds = await diagnosticsOf(() => loadDocuments("/r.wsdl", { reader }));
    expect(ds.map((d) => d.kind)).toEqual(["io-read"]);
    expect(ds[0]?.message).toContain("permission denied");
  });

  it("detects a wsdl:import cycle (wsdl-import-cycle at the closing import)", async () => {
    const b = wsdl(wsdlImport("a.wsdl"));
    const reader = memoryReader({ "/c/a.wsdl": wsdl(wsdlImport("b.wsdl")), "/c/b.wsdl": b });
    const ds = await diagnosticsOf(() => loadDocuments("/c/a.wsdl", { reader }));
    expect(ds.map(where)).toEqual([`wsdl-import-cycle /c/b.wsdl:${locate(b, 'location="a.wsdl"')}`]);
    expect(ds[0]?.message).toContain("/c/a.wsdl -> /c/b.wsdl -> /c/a.wsdl");
  });

  it("detects a self-import", async () => {
    const a = wsdl(wsdlImport("a.wsdl"));
    const ds = await diagnosticsOf(() => loadDocuments("/c/a.wsdl", { reader: memoryReader({ "/c/a.wsdl": a }) }));
    expect(ds.map(where)).toEqual([`wsdl-import-cycle /c/a.wsdl:${locate(a, 'location="a.wsdl"')}`]);
  });

  it("allows a diamond of wsdl:imports (not a cycle)", async () => {
    const reader = memoryReader({
      "/d/a.wsdl": wsdl([wsdlImport("b.wsdl"), wsdlImport("c.wsdl")].join("\n")),
      "/d/b.wsdl": wsdl(wsdlImport("d.wsdl")),
      "/d/c.wsdl": wsdl(wsdlImport("d.wsdl")),
      "/d/d.wsdl": wsdl(""),
    });
    expect((await loadDocuments("/d/a.wsdl", { reader })).map((d) => d.path)).toEqual([
      "/d/a.wsdl",
      "/d/b.wsdl",
      "/d/d.wsdl",
      "/d/c.wsdl",
    ]);
  });

  it("limits the number of documents (io-too-many-documents)", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`/m/${i}.wsdl`] = wsdl(wsdlImport(`${i + 1}.wsdl`));
    const ds = await diagnosticsOf(() => loadDocuments("/m/0.wsdl", { reader: memoryReader(files), maxDocuments: 3 }));
    expect(ds.map(where)).toEqual([`io-too-many-documents /m/2.wsdl:${locate(files["/m/2.wsdl"] ?? "", "location=")}`]);
  });

  it("limits the total size (io-too-large)", async () => {
    const big = xsd(`  <!-- ${"x".repeat(2000)} -->`);
    const root = wsdl(typesWith(`      <xs:import namespace="urn:t" schemaLocation="big.xsd"/>`));
    const ds = await diagnosticsOf(() =>
      loadDocuments("/s/root.wsdl", {
        reader: memoryReader({ "/s/root.wsdl": root, "/s/big.xsd": big }),
        maxBytes: 1000,
      }),
    );
    expect(ds.map(where)).toEqual([`io-too-large /s/root.wsdl:${locate(root, "schemaLocation=")}`]);
  });

  it("the default reader refuses a file larger than maxBytes before reading it", async () => {
    const file = path.join(repoRoot, "test/fixtures/wsdl-unit/billion-laughs.wsdl");
    const ds = await diagnosticsOf(() => loadDocuments(file, { maxBytes: 100 }));
    expect(ds.map((d) => d.kind)).toEqual(["io-too-large"]);
  });

  it("refuses imports from another origin than the root's (io-remote-origin)", async () => {
    const local = wsdl(wsdlImport("http://evil.example/x.wsdl"));
    const remote = wsdl(typesWith(`      <xs:import namespace="urn:x" schemaLocation="https://other.example/x.xsd"/>`));
    const reader = memoryReader({ "/l/root.wsdl": local, "https://h.example/root.wsdl": remote });
    const ds1 = await diagnosticsOf(() => loadDocuments("/l/root.wsdl", { reader }));
    expect(ds1.map(where)).toEqual([`io-remote-origin /l/root.wsdl:${locate(local, "location=")}`]);
    const ds2 = await diagnosticsOf(() => loadDocuments("https://h.example/root.wsdl", { reader }));
    expect(ds2.map(where)).toEqual([
      `io-remote-origin https://h.example/root.wsdl:${locate(remote, "schemaLocation=")}`,
    ]);
    // The refused documents were never requested.
    expect(reader.requests).toEqual(["/l/root.wsdl", "https://h.example/root.wsdl"]);
  });

  it("refuses file: imports from a URL root", async () => {
    const remote = wsdl(wsdlImport("file:///etc/passwd"));
    const reader = memoryReader({ "https://h.example/root.wsdl": remote });
    const ds = await diagnosticsOf(() => loadDocuments("https://h.example/root.wsdl", { reader }));
    expect(ds.map((d) => d.kind)).toEqual(["io-remote-origin"]);
  });

  it("collects XML errors of imported documents with the other diagnostics", async () => {
    const root = wsdl([wsdlImport("bad.wsdl"), wsdlImport("missing.wsdl")].join("\n"));
    const reader = memoryReader({ "/e/root.wsdl": root, "/e/bad.wsdl": "<wsdl:definitions>\n<oops>" });
    const ds = await diagnosticsOf(() => loadDocuments("/e/root.wsdl", { reader }));
    expect(ds.map((d) => `${d.kind} ${d.location?.file}`)).toEqual([
      "xml-unknown-prefix /e/bad.wsdl",
      "io-not-found /e/root.wsdl",
    ]);
  });
});
