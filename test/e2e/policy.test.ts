/**
 * Policy-driven defaults (issue 16 point 3), end to end over test/fixtures/policy/Policies.wsdl:
 * the generator reads WS-Policy (WS-SecurityPolicy 1.1 and 1.2, WS-Addressing metadata, WCF's
 * HTTP and encoding policies) per binding into the port metadata (format v4), with located
 * warnings for what soapkit cannot meet; the SOAP transports then fail fast with a `PolicyError`
 * before sending when a required credential is not configured, and send WS-Addressing headers
 * when the binding requires them. Generated clients call a real server on 127.0.0.1.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { loadModel } from "../../generator/model/load-model.js";
import {
  PolicyError,
  loadMetadata,
  nodeHttpTransport,
  soapFetchTransport,
  soapHttpTransport,
  type Transport,
} from "../../runtime/index.js";
import { wsSecurity } from "../../runtime/ws-security.js";
import { soap11, startCannedServer, type CannedServer } from "../helpers/canned-server.js";
import { repoRoot } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";

const WSDL = join(repoRoot, "test/fixtures/policy/Policies.wsdl");
const OUT = join(repoRoot, "test/.out/policy");
const PASSWORD = "Pa55-policy-secret";
const REPLY = soap11(`<PingResponse xmlns="urn:soapkit:policy"><PingResult>pong</PingResult></PingResponse>`);

type Ping = { ping(input: { text?: string }): Promise<unknown> };
type Factory = (options: { transport: Transport }) => Ping;

let server: CannedServer;
let files: { path: string; content: string }[];
let factories: Record<string, Factory>;
let metadata: Record<string, unknown>;

beforeAll(async () => {
  server = await startCannedServer(() => ({ body: REPLY }));
  ({ files } = await generate([WSDL], { outDir: OUT }));
  await writeOutput(OUT, files);
  factories = (await import(join(OUT, "policies/index.ts"))) as Record<string, Factory>;
  metadata = (await import(join(OUT, "policies/metadata.ts"))) as Record<string, unknown>;
});
afterAll(() => server?.close());

const client = (port: string, transport: Transport): Ping => factories[`create${port}Client`]!({ transport });

async function refusal(call: Promise<unknown>): Promise<PolicyError> {
  const sent = server.requests.length;
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PolicyError);
  expect(server.requests.length).toBe(sent); // nothing reached the wire
  expect((e as Error).message).not.toContain(PASSWORD);
  return e as PolicyError;
}

describe("model: what each binding's policy requires", () => {
  it("reads WS-SecurityPolicy 1.1 and 1.2, addressing, NTLM, alternatives and references", async () => {
    const m = await loadModel(WSDL);
    expect(Object.fromEntries(m.ports.map((p) => [p.name, p.policy ?? null]))).toEqual({
      UsernameOverHttps: { addressing: true, usernameToken: "text", timestamp: true, https: true },
      DigestWithAddressing: { addressing: true, usernameToken: "digest" },
      Signed: { timestamp: true, x509: true },
      SecureConversation: {
        addressing: true,
        unsupported: [
          "sp:SymmetricBinding (message security with derived or secure-conversation keys)",
          "message encryption (sp:EncryptedParts)",
          "WCF binary message encoding (BinaryEncoding)",
        ],
      },
      Optional: null,
      Ntlm: { httpAuth: "ntlm" },
      BrokenReference: { addressing: true, unsupported: ['the unresolved policy "#NoSuchPolicy"'] },
      Mtom: { mtom: true },
    });
  });

  it("reports what it cannot meet or does not know as located warnings and notes", async () => {
    const m = await loadModel(WSDL);
    expect(m.notes?.map((n) => [n.kind, n.severity ?? "note", n.location.line, n.location.column])).toEqual([
      ["wsdl-policy-unsupported", "warning", 85, 9],
      ["wsdl-policy-unsupported", "warning", 91, 9],
      ["wsdl-policy-unsupported", "warning", 92, 9],
      ["wsdl-policy-unknown", "note", 103, 5],
      ["wsdl-policy-unresolved", "warning", 196, 5],
    ]);
    expect(m.notes?.[3]?.message).toContain("{urn:example:acme}Throttle");
  });
});

describe("generated code", () => {
  it("compiles, carries the policy in metadata v4, and says it in the client's JSDoc", async () => {
    expect(typecheck(await tsFiles(OUT))).toEqual([]);
    const digest = metadata["DigestWithAddressingMetadata"] as { v: number; policy: unknown };
    expect(digest.v).toBe(4);
    expect(digest.policy).toEqual({ addressing: true, usernameToken: "digest" });
    expect((metadata["OptionalMetadata"] as { v: number }).v).toBe(1);
    const doc = files.find((f) => f.path === "policies/client-digest-with-addressing.ts")!.content;
    expect(doc).toContain(
      " * The binding's WS-Policy requires WS-Addressing headers (sent automatically) and a WS-Security UsernameToken (PasswordDigest); SOAP transports check this before sending and throw a `PolicyError` naming what to configure.\n",
    );
    expect(files.find((f) => f.path === "policies/client-optional.ts")!.content).not.toContain("WS-Policy");
  });

  it("refuses a policy in a metadata literal older than version 4", () => {
    const digest = metadata["DigestWithAddressingMetadata"] as Record<string, unknown>;
    expect(() => loadMetadata({ ...digest, v: 3 } as never)).toThrow(/policy: needs metadata format version 4/);
  });
});

describe("transports check the policy before sending", () => {
  const endpoint = (): string => server.endpoint;

  it("a missing or wrong UsernameToken fails fast, naming what to pass", async () => {
    const none = await refusal(client("DigestWithAddressing", soapHttpTransport({ endpoint: endpoint() })).ping({}));
    expect(none.requirement).toBe("usernameToken");
    expect(none.code).toBe("ERR_SOAP_POLICY");
    expect(none.message).toBe(
      'Ping: the WS-Policy of binding "DigestWithAddressing" requires a WS-Security UsernameToken (PasswordDigest): pass `security: wsSecurity({ usernameToken: { username, password, passwordType: "digest" } })` (from `@soapkit/runtime/ws-security`) to the transport',
    );
    const text = wsSecurity({ usernameToken: { username: "u", password: PASSWORD } });
    const wrong = await refusal(
      client("DigestWithAddressing", soapFetchTransport({ endpoint: endpoint(), security: text })).ping({}),
    );
    expect(wrong.requirement).toBe("usernameToken");
  });

  it("with the credential, sends the token and the required WS-Addressing headers without being asked", async () => {
    const security = wsSecurity({ usernameToken: { username: "u", password: PASSWORD, passwordType: "digest" } });
    await client("DigestWithAddressing", soapHttpTransport({ endpoint: endpoint(), security })).ping({ text: "hi" });
    const sent = server.requests.at(-1)!.body;
    expect(sent).toMatch(/<wsse:Password Type="[^"]*#PasswordDigest">/);
    expect(sent).toContain(
      `<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing" soap:mustUnderstand="1">urn:soapkit:policy/IPing/Ping</wsa:Action>`,
    );
    expect(sent).toContain(
      `<wsa:To xmlns:wsa="http://www.w3.org/2005/08/addressing" soap:mustUnderstand="1">${endpoint()}</wsa:To>`,
    );
    expect(sent).toMatch(/<wsa:MessageID [^>]*>urn:uuid:[0-9a-f-]{36}<\/wsa:MessageID>/);
    await client("DigestWithAddressing", soapHttpTransport({ endpoint: endpoint(), security, addressing: false })).ping(
      {},
    );
    expect(server.requests.at(-1)!.body).not.toContain("wsa:");
  });

  it('HTTPS, signatures, timestamps, NTLM and unsupported requirements fail fast; `policy: "ignore"` sends', async () => {
    const https = await refusal(client("UsernameOverHttps", soapHttpTransport({ endpoint: endpoint() })).ping({}));
    expect(https.requirement).toBe("https");
    expect(https.message).toContain(`but the endpoint is ${endpoint()}`);
    const signed = await refusal(
      client("Signed", soapHttpTransport({ endpoint: endpoint(), security: wsSecurity({ timestamp: true }) })).ping({}),
    );
    expect(signed.requirement).toBe("x509");
    const ntlm = await refusal(client("Ntlm", soapHttpTransport({ endpoint: endpoint() })).ping({}));
    expect(ntlm.requirement).toBe("httpAuth");
    const sc = await refusal(client("SecureConversation", soapHttpTransport({ endpoint: endpoint() })).ping({}));
    expect(sc.requirement).toBe("unsupported");
    expect(sc.message).toContain(
      "requires sp:SymmetricBinding (message security with derived or secure-conversation keys); message encryption (sp:EncryptedParts); WCF binary message encoding (BinaryEncoding), which soapkit does not implement",
    );
    const broken = await refusal(client("BrokenReference", soapHttpTransport({ endpoint: endpoint() })).ping({}));
    expect(broken.message).toContain('the unresolved policy "#NoSuchPolicy"');

    const before = server.requests.length;
    await client(
      "SecureConversation",
      soapFetchTransport({ endpoint: endpoint(), policy: "ignore", soapVersion: "1.1" }),
    ).ping({});
    expect(server.requests.length).toBe(before + 1);
    expect(server.requests.at(-1)!.body).not.toContain("wsa:"); // ignored policy: no implied addressing either
  });

  it('a binding that requires MTOM sends multipart/related XOP without being asked; `mtom: false` and `policy: "ignore"` send plain', async () => {
    const doc = files.find((f) => f.path === "policies/client-mtom.ts")!.content;
    expect(doc).toContain("The binding's WS-Policy requires MTOM-encoded requests (sent automatically);");
    for (const transport of [
      nodeHttpTransport({ endpoint: endpoint() }),
      soapHttpTransport({ endpoint: endpoint() }),
      soapFetchTransport({ endpoint: endpoint() }),
    ]) {
      await client("Mtom", transport).ping({ text: "hi" });
      const sent = server.requests.at(-1)!;
      expect(sent.headers["content-type"]).toMatch(/^multipart\/related;.*type="application\/xop\+xml"/);
      expect(sent.body).toContain("Content-Type: application/xop+xml");
      expect(sent.body).toContain("<tns:text>hi</tns:text>");
    }
    for (const transport of [
      nodeHttpTransport({ endpoint: endpoint(), mtom: false }),
      soapHttpTransport({ endpoint: endpoint(), mtom: false }),
      soapHttpTransport({ endpoint: endpoint(), policy: "ignore" }),
    ]) {
      await client("Mtom", transport).ping({ text: "plain" });
      expect(server.requests.at(-1)!.headers["content-type"]).toMatch(/^text\/xml/);
    }
  });

  it("a port whose policy requires nothing sends plain requests", async () => {
    await client("Optional", soapHttpTransport({ endpoint: endpoint() })).ping({});
    expect(server.requests.at(-1)!.body).not.toMatch(/wsse:|wsa:/);
  });
});
