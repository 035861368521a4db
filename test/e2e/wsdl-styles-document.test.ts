/**
 * Document/literal beyond "wrapped", end to end (test/fixtures/wsdl-styles/Styles.wsdl):
 * bare bodies, an explicit header declared as an input message part, a one-way operation,
 * an overloaded operation name, typed declared faults (inside `detail` and spyne-style
 * directly in `Fault`), and a SOAP 1.1 + SOAP 1.2 + HTTP binding of one portType. Generated
 * clients call a real HTTP server on 127.0.0.1; the generated TypeScript must compile.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { loadModel } from "../../generator/model/load-model.js";
import { SoapFaultError, soapHttpTransport } from "../../runtime/index.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { bodyOf, soap11, startCannedServer, type CannedServer } from "../helpers/canned-server.js";
import { repoRoot } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";
import { bodyCanon, zeepBody } from "../helpers/zeep-message.js";

const WSDL = join(repoRoot, "test/fixtures/wsdl-styles/Styles.wsdl");
const OUT = join(repoRoot, "test/.out/styles-document");
const NS = "urn:soapkit:styles";

type AnyClient = Record<string, (params?: unknown) => Promise<unknown>>;

let server: CannedServer;
let client: AnyClient;
let client12: AnyClient;
let files: { path: string; content: string }[];

function fault(inner: string): { status: number; body: string } {
  return {
    status: 500,
    body: soap11(
      `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>refused</faultstring>${inner}</soapenv:Fault>`,
    ),
  };
}

beforeAll(async () => {
  server = await startCannedServer((req) => {
    const action = String(
      req.headers["soapaction"] ?? /action="([^"]*)"/.exec(String(req.headers["content-type"]))?.[1],
    )
      .replace(/"/g, "")
      .replace("urn:soapkit:styles/", "");
    const body = parseXml(req.body).children.find((c) => c.local === "Body")!;
    const texts = (el = body): string[] => el.children.map((c) => c.text);
    const env = req.headers["content-type"]?.startsWith("application/soap+xml")
      ? (b: string) =>
          `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>${b}</e:Body></e:Envelope>`
      : soap11;
    const type = req.headers["content-type"]?.startsWith("application/soap+xml") ? "application/soap+xml" : undefined;
    const ok = (b: string) => ({ body: env(`${b}`), ...(type ? { contentType: type } : {}) });
    switch (action) {
      case "Echo":
        return ok(`<t:echoed xmlns:t="${NS}">${texts()[0]}!</t:echoed>`);
      case "Add": {
        const [a, b] = texts().map(Number);
        return ok(`<t:sum xmlns:t="${NS}">${a! + b!}</t:sum>`);
      }
      case "Secure": {
        const auth = parseXml(req.body).children.find((c) => c.local === "Header")!.children[0]!;
        return ok(
          `<t:SecureResponse xmlns:t="${NS}"><t:result>${auth.children[0]!.text}:${body.children[0]!.children[0]!.text}</t:result></t:SecureResponse>`,
        );
      }
      case "Notify":
        return { status: 202, body: "" };
      case "Login": {
        const [user, password] = texts(body.children[0]);
        if (user === "locked")
          // spyne writes fault members directly in Fault, next to faultcode/faultstring
          return fault(
            `<t:LockedFault xmlns:t="${NS}"><t:user>${user}</t:user><t:minutes>15</t:minutes></t:LockedFault>`,
          );
        if (user === "odd") return fault(`<t:Unknown xmlns:t="${NS}">x ${password}</t:Unknown>`);
        if (password !== "right")
          return fault(
            `<detail><t:InvalidUserFault xmlns:t="${NS}"><t:user>${user}</t:user><t:reason>wrong password ${password}</t:reason></t:InvalidUserFault></detail>`,
          );
        return ok(`<t:LoginResponse xmlns:t="${NS}"><t:session>s-${user}</t:session></t:LoginResponse>`);
      }
      case "FindByName":
        return ok(
          `<t:FindResponse xmlns:t="${NS}"><t:found>name ${texts(body.children[0])[0]}</t:found></t:FindResponse>`,
        );
      case "FindById":
        return ok(
          `<t:FindResponse xmlns:t="${NS}"><t:found>id ${texts(body.children[0])[0]}</t:found></t:FindResponse>`,
        );
      default:
        return { status: 404, contentType: "text/plain", body: `no action ${action}` };
    }
  });
  ({ files } = await generate([WSDL], { outDir: OUT }));
  await writeOutput(OUT, files);
  const mod = (await import(join(OUT, "styles/index.ts"))) as Record<string, (o: object) => AnyClient>;
  const opts = { transport: soapHttpTransport({ endpoint: server.endpoint }), secrets: ["S3cret!"] };
  client = mod["createStylesClient"]!(opts);
  client12 = mod["createStyles12Client"]!(opts);
});
afterAll(() => server?.close());

const last = (): string => bodyOf(server.requests.at(-1)!.body);

describe("model", () => {
  it("bare bodies, header parts, one-way, faults, overload keys, and the skipped HTTP binding", async () => {
    const m = await loadModel(WSDL);
    expect(m.ports.map((p) => [p.name, p.soapVersion, p.operations.length])).toEqual([
      ["StylesSoap", "1.1", 7],
      ["StylesSoap12", "1.2", 2],
    ]);
    const ops = new Map(m.ports[0]!.operations.map((o) => [o.name, o]));
    expect(ops.get("Echo")!.input.element).toEqual({ ns: "", local: "" });
    const add = m.types.get(ops.get("Add")!.input.type);
    expect(add?.kind === "complex" && add.fields.map((f) => [f.qname.ns, f.qname.local])).toEqual([
      [NS, "a"],
      [NS, "b"],
    ]);
    expect(ops.get("Secure")!.inputHeaders.map((h) => [h.name, h.element.local])).toEqual([["auth", "Auth"]]);
    expect(ops.get("Secure")!.input.element.local).toBe("Secure");
    expect(ops.get("Notify")!.output).toBeNull();
    expect(ops.get("Login")!.faults!.map((f) => [f.name, f.element.local])).toEqual([
      ["InvalidUser", "InvalidUserFault"],
      ["Locked", "LockedFault"],
    ]);
    expect([...ops.keys()].filter((k) => k.startsWith("Find"))).toEqual(["Find", "FindById"]);
    expect(ops.get("FindById")!.wsdlName).toBe("Find");
    expect(m.notes?.map((n) => [n.kind, n.location.line])).toEqual([["wsdl-binding-skipped", 116]]);
  });
});

describe("emitted TypeScript", () => {
  it("takes the bare parts as one object and exports the declared fault union per method", () => {
    const types = files.find((f) => f.path === "styles/types.ts")!.content;
    expect(types).toContain("export interface AddRequest {\n  a: number;\n  b: number;\n}");
    expect(types).toContain("  Find: { input: FindByNameRequest; output: string };");
    expect(types).toContain("  FindById: { input: FindByIdRequest; output: string };");
    const c = files.find((f) => f.path === "styles/client-styles-soap.ts")!.content;
    expect(c).toContain("export interface StylesClientFaults {");
    expect(c).toMatch(
      /login:\s*\|?\s*\$rt\.DeclaredFault<"InvalidUser", InvalidUserFault>\s*\|\s*\$rt\.DeclaredFault<"Locked", LockedFault>;/,
    );
  });

  it("compiles under strict options", async () => {
    expect(typecheck(await tsFiles(join(OUT, "styles")))).toEqual([]);
  }, 120_000);
});

describe("calls", () => {
  it("bare body with one simple-typed part: the element is the Body's child, the result unwrapped", async () => {
    expect(await client["echo"]!({ text: "hi" })).toBe("hi!");
    expect(last()).toBe("<tns:text>hi</tns:text>");
  });

  it("bare body with several parts", async () => {
    expect(await client["add"]!({ a: 2, b: 40 })).toBe(42);
    expect(last()).toBe("<tns:a>2</tns:a><tns:b>40</tns:b>");
  });

  it("bare bodies are what zeep builds (create_message)", async () => {
    await client["add"]!({ a: 2, b: 40 });
    expect(bodyCanon(server.requests.at(-1)!.body)).toEqual(zeepBody(WSDL, "Add", [2, 40]));
    await client["echo"]!({ text: "hi" });
    expect(bodyCanon(server.requests.at(-1)!.body)).toEqual(zeepBody(WSDL, "Echo", ["hi"]));
  }, 60_000);

  it("an explicit header declared as a part of the input message goes in soap:Header, not the body", async () => {
    const c = client as unknown as {
      secure(p: unknown, o: { headers: Record<string, unknown> }): Promise<unknown>;
    };
    expect(await c.secure({ what: "w" }, { headers: { auth: { user: "ann", token: "t" } } })).toBe("ann:w");
    const env = server.requests.at(-1)!.body;
    expect(env).toContain(
      "<soap:Header><tns:Auth><tns:user>ann</tns:user><tns:token>t</tns:token></tns:Auth></soap:Header>",
    );
    expect(last()).toBe("<tns:Secure><tns:what>w</tns:what></tns:Secure>");
  });

  it("a one-way operation resolves on 202 with no body", async () => {
    expect(await client["notify"]!({ msg: "m" })).toBeUndefined();
    expect(last()).toBe("<tns:Notify><tns:msg>m</tns:msg></tns:Notify>");
  });

  it("overloads are distinct methods with their own bodies and actions", async () => {
    expect(await client["find"]!({ name: "x" })).toBe("name x");
    expect(server.requests.at(-1)!.headers["soapaction"]).toBe('"urn:soapkit:styles/FindByName"');
    expect(await client["findById"]!({ id: 7 })).toBe("id 7");
    expect(last()).toBe("<tns:FindById><tns:id>7</tns:id></tns:FindById>");
  });

  it("the SOAP 1.2 port of the same portType", async () => {
    expect(await client12["echo"]!({ text: "v12" })).toBe("v12!");
    expect(server.requests.at(-1)!.headers["content-type"]).toBe(
      'application/soap+xml; charset=utf-8; action="urn:soapkit:styles/Echo"',
    );
  });
});

describe("declared faults", () => {
  it("a detail child matching a declared fault element is decoded and typed; secrets stay masked", async () => {
    const err = (await client["login"]!({ user: "bob", password: "S3cret!" }).catch(
      (e: unknown) => e,
    )) as SoapFaultError;
    expect(err).toBeInstanceOf(SoapFaultError);
    expect(err.declared).toEqual({
      fault: "InvalidUser",
      value: { user: "bob", reason: expect.stringMatching(/^wrong password (?!S3cret!).+$/) as unknown },
    });
    expect(JSON.stringify(err.declared)).not.toContain("S3cret!");
    expect(err.detail).not.toContain("S3cret!");
    expect(err.message).not.toContain("S3cret!");
  });

  it("spyne-style: a declared fault element directly in Fault (outside detail) is decoded too", async () => {
    const err = (await client["login"]!({ user: "locked", password: "p" }).catch((e: unknown) => e)) as SoapFaultError;
    expect(err.declared).toEqual({ fault: "Locked", value: { user: "locked", minutes: 15 } });
    expect(err.detail).toBeUndefined();
    expect(err.extra).toContain("LockedFault");
  });

  it("an undeclared element outside detail stays raw (redacted) in err.extra", async () => {
    const err = (await client["login"]!({ user: "odd", password: "S3cret!" }).catch(
      (e: unknown) => e,
    )) as SoapFaultError;
    expect(err.declared).toBeUndefined();
    expect(err.extra).toMatch(/^<Unknown xmlns="urn:soapkit:styles">x .+<\/Unknown>$/);
    expect(err.extra).not.toContain("S3cret!");
  });
});
