/**
 * Issue 16, WS-Security: soapkit's UsernameToken, Timestamp and X.509 signature checked by
 * independent implementations — `xmlsec1 --verify` (Debian xmlsec1) and zeep's
 * `verify_envelope` (python3-zeep + python3-xmlsec) accept soapkit's signed envelopes, zeep's
 * `Signature` produces envelopes soapkit's verifier accepts, and tampering is rejected both ways.
 * Calls run through the real SOAP transports against a server on 127.0.0.1.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SoapkitError } from "../../runtime/index.js";
import { SecurityError, wsSecurity, type WsSecurityOptions } from "../../runtime/ws-security.js";
import { demoMeta } from "../runtime/fixtures/demo.js";
import { responseEnvelope, sendXml, startServer, type TestServer } from "../runtime/fixtures/server.js";
import { soapCore } from "../helpers/soap-core.js";
import { repoRoot } from "../helpers/shared.js";

const TOOL = join(repoRoot, "test/security/wss_tool.py");
const PY = "/usr/bin/python3";
const available =
  spawnSync("xmlsec1", ["--version"]).status === 0 && spawnSync(PY, ["-c", "import xmlsec, zeep"]).status === 0;
if (!available && process.env.CI === "true") throw new Error("xmlsec1 and python3-xmlsec are required in CI");
if (!available)
  console.log("ws-security: skipped, xmlsec1 or python3-xmlsec missing (apt-get install -y xmlsec1 python3-xmlsec)");

let dir: string;
let server: TestServer;
let key: string;
let cert: string;
let otherCert: string;
const USERNAME_PASSWORD = "wss-Passw0rd-9931";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "soapkit-wss-"));
  for (const name of ["signer", "other"]) {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`].concat([
        "-out",
        `${name}.crt`,
        "-days",
        "2",
        "-subj",
        `/CN=${name}`,
      ]),
      { cwd: dir, stdio: "pipe" },
    );
  }
  key = readFileSync(join(dir, "signer.key"), "utf8");
  cert = readFileSync(join(dir, "signer.crt"), "utf8");
  otherCert = readFileSync(join(dir, "other.crt"), "utf8");
  server = await startServer();
}, 30_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(security: WsSecurityOptions, fetch = false): Promise<string> {
  server.handler = (_req, res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }));
  const client = soapCore(demoMeta, { endpoint: server.url, fetch, security: wsSecurity(security) });
  await client.invoke("GetEMail", { EMailId: 3 });
  return server.requests.at(-1)!.body;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function xmlsecVerify(envelope: string, certPem: string): { ok: boolean; out: string } {
  const r = spawnSync(
    "xmlsec1",
    [
      "--verify",
      "--pubkey-cert-pem",
      file("verify.crt", certPem),
      "--id-attr:Id",
      "http://schemas.xmlsoap.org/soap/envelope/:Body",
      "--id-attr:Id",
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd:Timestamp",
      file("signed.xml", envelope),
    ],
    { encoding: "utf8" },
  );
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function zeep(args: string[]): string {
  return execFileSync(PY, [TOOL, ...args], { encoding: "utf8" }).trim();
}

const tamper = (xml: string): string => xml.replace("<tns:EMailId>3</tns:EMailId>", "<tns:EMailId>4</tns:EMailId>");

describe.skipIf(!available)("WS-Security", () => {
  it("UsernameToken PasswordText: wsse header with mustUnderstand, the password masked in hooks", async () => {
    const seen: string[] = [];
    server.handler = (_req, res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }));
    const client = soapCore(demoMeta, {
      endpoint: server.url,
      security: wsSecurity({ usernameToken: { username: "anne", password: USERNAME_PASSWORD } }),
      hooks: { onRequest: (e) => void seen.push(e.body ?? "") },
    });
    await client.invoke("GetEMail", { EMailId: 3 });
    const body = server.requests.at(-1)!.body;
    expect(body).toMatch(
      /<soap:Header><wsse:Security xmlns:wsse="[^"]+secext-1.0.xsd" xmlns:wsu="[^"]+" soap:mustUnderstand="1">/,
    );
    expect(body).toContain(
      `<wsse:Username>anne</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${USERNAME_PASSWORD}</wsse:Password>`,
    );
    expect(seen.join("")).not.toContain(USERNAME_PASSWORD);
  });

  it("UsernameToken PasswordDigest equals Python's independent computation; Timestamp spans the TTL", async () => {
    const body = await send(
      {
        usernameToken: { username: "anne", password: USERNAME_PASSWORD, passwordType: "digest" },
        timestamp: { ttlSeconds: 120 },
      },
      true,
    );
    const digest = /#PasswordDigest">([^<]+)</.exec(body)![1]!;
    const nonce = /<wsse:Nonce [^>]*>([^<]+)</.exec(body)![1]!;
    const created = /<wsse:UsernameToken[\s\S]*<wsu:Created>([^<]+)</.exec(body)![1]!;
    expect(body).not.toContain(USERNAME_PASSWORD);
    expect(zeep(["digest", nonce, created, USERNAME_PASSWORD])).toBe(digest);
    const [c, e] = /<wsu:Timestamp[^>]*><wsu:Created>([^<]+)<\/wsu:Created><wsu:Expires>([^<]+)</.exec(body)!.slice(1);
    expect(Date.parse(e!) - Date.parse(c!)).toBe(120_000);
  });

  it.each([
    ["rsa-sha256", "sha256"],
    ["rsa-sha1", "sha1"],
  ] as const)(
    "signed (%s/%s): xmlsec1 and zeep accept it; a tampered body is rejected by both",
    async (alg, digest) => {
      const body = await send({
        timestamp: true,
        sign: { privateKey: key, certificate: cert, signatureAlgorithm: alg, digestAlgorithm: digest },
      });
      expect(body).toContain("<wsse:BinarySecurityToken");
      expect(body.match(/<ds:Reference URI="#/g)).toHaveLength(2);
      const good = xmlsecVerify(body, cert);
      expect(good.out).toContain("OK");
      expect(good.ok).toBe(true);
      expect(zeep(["verify", file("ours.xml", body), join(dir, "signer.crt")])).toBe("OK");
      expect(xmlsecVerify(tamper(body), cert).ok).toBe(false);
      expect(zeep(["verify", file("ours-t.xml", tamper(body)), join(dir, "signer.crt")])).toMatch(/^FAIL/);
    },
  );

  it("soapkit verifies zeep-signed responses; a tampered body, another signer or an unsigned reply is a SecurityError", async () => {
    const plain = responseEnvelope("GetEMail", { Response: null }).replace(/^<\?xml[^>]*\?>/, "");
    const signed = zeep(["sign", file("plain.xml", plain), join(dir, "signer.key"), join(dir, "signer.crt")]);
    const call = async (reply: string, trusted = cert): Promise<unknown> => {
      server.handler = (_req, res) => sendXml(res, reply);
      const client = soapCore(demoMeta, {
        endpoint: server.url,
        security: wsSecurity({ verify: { trustedCert: trusted } }),
      });
      return client.invoke("GetEMail", { EMailId: 3 });
    };
    await expect(call(signed)).resolves.toBeDefined();
    const tampered = signed.replace(
      '<tns:Response xsi:nil="true"/>',
      "<tns:Response><tns:Id>1</tns:Id></tns:Response>",
    );
    expect(tampered).not.toBe(signed);
    for (const [reply, trusted] of [
      [tampered, cert],
      [signed, otherCert],
      [plain, cert],
    ] as const) {
      const e = await call(reply, trusted).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(SecurityError);
      expect(e).toBeInstanceOf(SoapkitError);
    }
  });
});
