/**
 * Issue 16, WS-Addressing headers on both SOAP transports: Action (the operation's SOAP action),
 * a fresh MessageID per request, anonymous ReplyTo and To (the endpoint without credentials),
 * mustUnderstand on Action and To; and together with WS-Security the addressing headers come
 * first in the header, the Security header stays the first child.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "../../runtime/xml/parse.js";
import { wsSecurity } from "../../runtime/ws-security.js";
import { demoMeta } from "./fixtures/demo.js";
import { responseEnvelope, sendXml, startServer, type TestServer } from "./fixtures/server.js";
import { soapCore } from "../helpers/soap-core.js";

const WSA = "http://www.w3.org/2005/08/addressing";
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.handler = (_req, res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }));
});
afterAll(() => server.close());

function headerBlocks(body: string): { local: string; ns: string; text: string; mu: string | undefined }[] {
  const env = parseXml(body);
  const header = env.children.find((c) => c.local === "Header")!;
  return header.children.map((c) => ({
    local: c.local,
    ns: c.ns,
    text: c.children.length > 0 ? c.children.map((x) => x.text).join("") : c.text,
    mu: c.attrs.get("{http://schemas.xmlsoap.org/soap/envelope/}mustUnderstand"),
  }));
}

describe.each([false, true])("WS-Addressing (fetch transport: %s)", (fetch) => {
  it("Action, MessageID, ReplyTo and To; a new MessageID per request; no credentials in To", async () => {
    const endpoint = server.url.replace("http://", "http://user:secret-pw-123@");
    const core = soapCore(demoMeta, { endpoint, fetch, addressing: true });
    await core.invoke("GetEMail", { EMailId: 1 });
    await core.invoke("GetEMail", { EMailId: 1 });
    const [first, second] = server.requests.slice(-2).map((r) => headerBlocks(r.body).filter((b) => b.ns === WSA));
    expect(first!.map((b) => [b.local, b.mu])).toEqual([
      ["Action", "1"],
      ["MessageID", undefined],
      ["ReplyTo", undefined],
      ["To", "1"],
    ]);
    expect(first![0]!.text).toBe(demoMeta.operations.GetEMail!.soapAction);
    expect(first![2]!.text).toBe(`${WSA}/anonymous`);
    expect(first![3]!.text).toBe(`${server.url}`);
    expect(first![1]!.text).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(second![1]!.text).not.toBe(first![1]!.text);
    expect(server.requests.at(-1)!.body).not.toContain("secret-pw-123");
  });

  it("with WS-Security, Security is the first header block and addressing follows the service's own headers", async () => {
    const core = soapCore(demoMeta, {
      endpoint: server.url,
      fetch,
      addressing: { mustUnderstand: false },
      security: wsSecurity({ timestamp: true }),
    });
    await core.invoke("GetEMail", { EMailId: 1 });
    const blocks = headerBlocks(server.requests.at(-1)!.body);
    expect(blocks[0]!.local).toBe("Security");
    expect(blocks.filter((b) => b.ns === WSA).map((b) => b.mu)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
