/**
 * rpc/literal and rpc/encoded end to end: generated clients against real HTTP servers on
 * 127.0.0.1 answering with hand-written envelopes. cxf-rpclit is Apache CXF's rpc/literal
 * sample (../shared corpus); Jira.wsdl is a JIRA-like Axis 1 rpc/encoded service written for
 * these tests (soapenc:Array response, multiRef response, a declared fault). zeep builds the
 * same requests independently and the body structures must match.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { SoapFaultError, soapHttpTransport } from "../../runtime/index.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { bodyOf, soap11, startCannedServer, type CannedServer } from "../helpers/canned-server.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { bodyCanon, zeepBody } from "../helpers/zeep-message.js";

type AnyClient = Record<string, (params?: unknown) => Promise<unknown>>;

async function generated(wsdl: string, out: string, dir: string): Promise<{ mod: Record<string, unknown> }> {
  const { files } = await generate([wsdl], { outDir: out });
  await writeOutput(out, files);
  return { mod: (await import(join(out, dir, "index.ts"))) as Record<string, unknown> };
}

const ENC = 'soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"';

const cxfDir = requireShared("wsdl/public/cxf-rpclit");
describe.skipIf(cxfDir === undefined)("rpc/literal: cxf-rpclit (Apache CXF sample)", () => {
  const WSDL = join(cxfDir ?? "", "hello_world_RPCLit.wsdl");
  const NS = "http://apache.org/hello_world_rpclit";
  const TYPES = "http://apache.org/hello_world_rpclit/types";
  let server: CannedServer;
  let client: AnyClient;

  beforeAll(async () => {
    server = await startCannedServer((req) => {
      const wrapper = parseXml(req.body).children.find((c) => c.local === "Body")!.children[0]!;
      if (wrapper.local === "sayHi")
        return { body: soap11(`<ns:sayHiResponse xmlns:ns="${NS}"><out>Bonjour</out></ns:sayHiResponse>`) };
      if (wrapper.local === "greetMe") {
        const name = wrapper.children[0]!.text;
        return { body: soap11(`<ns:greetMeResponse xmlns:ns="${NS}"><out>Hello ${name}</out></ns:greetMeResponse>`) };
      }
      // sendReceiveData: echo the struct back, fields swapped
      const s = wrapper.children[0]!.children.map((c) => c.text);
      return {
        body: soap11(
          `<ns:sendReceiveDataResponse xmlns:ns="${NS}" xmlns:t="${TYPES}"><out><t:elem1>${s[1]}</t:elem1><t:elem2>${s[0]}</t:elem2><t:elem3>${Number(s[2]) + 1}</t:elem3></out></ns:sendReceiveDataResponse>`,
        ),
      };
    });
    const { mod } = await generated(WSDL, join(repoRoot, "test/.out/styles-cxf-rpclit"), "hello-world-rpclit");
    const create = mod["createGreeterRPCLitClient"] as (o: object) => AnyClient;
    client = create({ transport: soapHttpTransport({ endpoint: server.endpoint }) });
  });
  afterAll(() => server?.close());

  it("calls each operation and decodes the unqualified part accessors", async () => {
    expect(await client["sayHi"]!()).toBe("Bonjour");
    expect(await client["greetMe"]!({ in: "World" })).toBe("Hello World");
    expect(await client["sendReceiveData"]!({ in: { elem1: "a", elem2: "b", elem3: 41 } })).toEqual({
      elem1: "b",
      elem2: "a",
      elem3: 42,
    });
  });

  it("sends the operation wrapper in the soap:body namespace with unqualified parts", async () => {
    await client["sendReceiveData"]!({ in: { elem1: "a", elem2: "b", elem3: 3 } });
    expect(bodyOf(server.requests.at(-1)!.body)).toBe(
      `<q1:sendReceiveData><in><tns:elem1>a</tns:elem1><tns:elem2>b</tns:elem2><tns:elem3>3</tns:elem3></in></q1:sendReceiveData>`
        .replace(/q1:/g, "tns:")
        .replace(/<tns:elem/g, "<q1:elem")
        .replace(/<\/tns:elem/g, "</q1:elem"),
    );
  });

  it("builds the same body as zeep (create_message)", async () => {
    await client["greetMe"]!({ in: "World" });
    expect(bodyCanon(server.requests.at(-1)!.body)).toEqual(zeepBody(WSDL, "greetMe", ["World"]));
    await client["sendReceiveData"]!({ in: { elem1: "a", elem2: "b", elem3: 3 } });
    expect(bodyCanon(server.requests.at(-1)!.body)).toEqual(
      zeepBody(WSDL, "sendReceiveData", [{ elem1: "a", elem2: "b", elem3: 3 }]),
    );
  }, 60_000);
});

describe("rpc/encoded: a JIRA-like Axis 1 service (test/fixtures/wsdl-styles/Jira.wsdl)", () => {
  const WSDL = join(repoRoot, "test/fixtures/wsdl-styles/Jira.wsdl");
  const OUT = join(repoRoot, "test/.out/styles-jira");
  const RPC = "urn:soapkit:jira:rpc";
  let server: CannedServer;
  let client: AnyClient;
  let metadata: CompactMetadata;

  const reply = (body: string): { body: string } => ({ body: soap11(body) });
  const issue = (id: string, key: string): string =>
    `<multiRef id="${id}" soapenc:root="0" ${ENC} xsi:type="ns2:RemoteIssue" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="urn:soapkit:jira:beans">` +
    `<id xsi:type="xsd:string">1000${id.slice(2)}</id><key xsi:type="xsd:string">${key}</key><summary xsi:type="xsd:string" xsi:nil="true"/>` +
    `<votes href="#v${id}"/><labels xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[2]"><labels xsi:type="xsd:string">a</labels><labels xsi:type="xsd:string">b</labels></labels></multiRef>` +
    `<multiRef id="v${id}" soapenc:root="0" ${ENC} xsi:type="xsd:long" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">7</multiRef>`;

  beforeAll(async () => {
    server = await startCannedServer((req) => {
      const wrapper = parseXml(req.body).children.find((c) => c.local === "Body")!.children[0]!;
      const parts = wrapper.children.map((c) => c.text);
      switch (wrapper.local) {
        case "login":
          if (parts[1] === "right")
            return reply(
              `<ns1:loginResponse ${ENC} xmlns:ns1="urn:soapkit:jira"><loginReturn xsi:type="xsd:string">tok-${parts[0]}</loginReturn></ns1:loginResponse>`,
            );
          return {
            status: 500,
            body: soap11(
              `<soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>RemoteAuthenticationException: Invalid username or password.</faultstring>` +
                `<detail><com.atlassian.jira.rpc.exception.RemoteAuthenticationException xsi:type="ns1:RemoteAuthenticationException" xmlns:ns1="urn:soapkit:jira:exception">` +
                `<message xsi:type="xsd:string">bad password ${parts[1]} for ${parts[0]}</message></com.atlassian.jira.rpc.exception.RemoteAuthenticationException>` +
                `<ns2:hostname xmlns:ns2="http://xml.apache.org/axis/">jira</ns2:hostname></detail></soapenv:Fault>`,
            ),
          };
        case "getIssue":
          return reply(
            `<ns1:getIssueResponse ${ENC} xmlns:ns1="urn:soapkit:jira"><getIssueReturn href="#id0"/></ns1:getIssueResponse>${issue("id0", parts[1]!)}`,
          );
        case "getIssuesFromJqlSearch":
          return reply(
            `<ns1:getIssuesFromJqlSearchResponse ${ENC} xmlns:ns1="urn:soapkit:jira">` +
              `<getIssuesFromJqlSearchReturn soapenc:arrayType="ns2:RemoteIssue[2]" xsi:type="soapenc:Array" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="urn:soapkit:jira:beans">` +
              `<getIssuesFromJqlSearchReturn href="#id1"/><getIssuesFromJqlSearchReturn href="#id2"/></getIssuesFromJqlSearchReturn>` +
              `</ns1:getIssuesFromJqlSearchResponse>${issue("id1", "JRA-1")}${issue("id2", "JRA-2")}`,
          );
        default:
          return reply(`<ns1:addLabelsResponse ${ENC} xmlns:ns1="urn:soapkit:jira"/>`);
      }
    });
    const { mod } = await generated(WSDL, OUT, "jira");
    metadata = ((await import(join(OUT, "jira/metadata.ts"))) as Record<string, CompactMetadata>)[
      "JiraSoapServiceMetadata"
    ]!;
    if (!runtimeReadsEncodedArrays()) withoutArrayEnc(metadata);
    const create = mod["createJiraSoapServiceClient"] as (o: object) => AnyClient;
    client = create({ transport: soapHttpTransport({ endpoint: server.endpoint }), secrets: ["wrong-S3cret"] });
  });
  afterAll(() => server?.close());

  it("generates v3 metadata with enc: 1 on operations and soapenc arrays", async () => {
    const { files } = await generate([WSDL], { outDir: OUT });
    const text = files.find((f) => f.path === "jira/metadata.ts")!.content;
    expect(text).toContain('"v": 3,');
    expect(text).toContain(
      '"login": {\n      "in": ["loginRequest", "login", 3],\n      "action": "",\n      "enc": 1,',
    );
    expect(text).toContain('"ArrayOf_tns1_RemoteIssue": { "item": ["item", "RemoteIssue", "*n", -1], "enc": 1 }');
    expect(metadata.ops["login"]).toMatchObject({ in: ["loginRequest", "login", 3], enc: 1 });
  });

  it("writes encodingStyle on the wrapper and xsi:type on every part", async () => {
    expect(await client["login"]!({ in0: "bob", in1: "right" })).toBe("tok-bob");
    expect(bodyOf(server.requests.at(-1)!.body)).toBe(
      `<q3:login xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">` +
        `<in0 xsi:type="xsd:string">bob</in0><in1 xsi:type="xsd:string">right</in1></q3:login>`,
    );
    expect(server.requests.at(-1)!.body).toContain(`xmlns:q3="${RPC}"`);
  });

  it("has the body structure zeep builds", async () => {
    await client["login"]!({ in0: "bob", in1: "right" });
    expect(bodyCanon(server.requests.at(-1)!.body)).toEqual(zeepBody(WSDL, "login", ["bob", "right"]));
  }, 60_000);

  it("resolves href → multiRef (Axis style), nested too, ignoring xsi:type on known types", async () => {
    expect(await client["getIssue"]!({ in0: "tok", in1: "JRA-9" })).toEqual({
      id: "10000",
      key: "JRA-9",
      summary: null,
      votes: 7n,
      labels: ["a", "b"],
    });
  });

  it("decodes a soapenc:Array response whose items are multiRefs", async () => {
    const issues = (await client["getIssuesFromJqlSearch"]!({ in0: "t", in1: "project = JRA", in2: 2 })) as {
      key: string;
    }[];
    expect(issues.map((i) => i.key)).toEqual(["JRA-1", "JRA-2"]);
    expect(bodyOf(server.requests.at(-1)!.body)).toContain('<in2 xsi:type="xsd:int">2</in2>');
  });

  it("writes a soapenc:Array argument with arrayType and items", async () => {
    await client["addLabels"]!({ in0: "t", in1: ["x", "y"] });
    expect(bodyOf(server.requests.at(-1)!.body)).toContain(
      `<in1 xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[2]"><item xsi:type="xsd:string">x</item><item xsi:type="xsd:string">y</item></in1>`,
    );
  });

  it("types a declared fault's detail (Axis: matched by xsi:type) and masks secrets in it", async () => {
    const err = await client["login"]!({ in0: "bob", in1: "wrong-S3cret" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    const f = err as SoapFaultError;
    expect(f.declared?.fault).toBe("RemoteAuthenticationException");
    const value = f.declared?.value as { message: string };
    expect(value.message).toMatch(/^bad password .+ for bob$/);
    expect(value.message).not.toContain("wrong-S3cret");
    expect(f.detail).not.toContain("wrong-S3cret");
    expect(f.detail).toContain("hostname");
  });
});

/**
 * Until the runtime expands `enc: 1` on array types (h-rt's half of metadata v3), drop those
 * keys from the generated literal (the rpc/encoded codec treats every array of an encoded
 * operation as a soapenc:Array, so the calls are the same).
 */
function withoutArrayEnc(m: CompactMetadata): void {
  for (const t of Object.values(m.types)) if ("item" in t) delete (t as { enc?: 1 }).enc;
}

/** Whether this runtime expands `enc: 1` on array types (metadata format v3, runtime/metadata/expand-types.ts). */
function runtimeReadsEncodedArrays(): boolean {
  const probe = {
    v: 3,
    service: "S",
    port: "P",
    portType: "T",
    address: "",
    ns: ["urn:x"],
    actionBase: "",
    ops: {},
    types: { A: { item: ["item", "xs:string", "*"], enc: 1 } },
  };
  try {
    loadMetadata(probe as unknown as CompactMetadata);
    return true;
  } catch {
    console.warn("[skip] this runtime does not expand enc: 1 on array types yet (metadata v3, h-rt's part)");
    return false;
  }
}
