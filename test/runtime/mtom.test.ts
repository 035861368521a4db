/**
 * Issue 16, MTOM/XOP responses over both SOAP transports: a `multipart/related` reply whose
 * `xs:base64Binary` is an `xop:Include` of a binary part decodes to the same bytes as inline
 * base64; a missing part is a ProtocolError; unreferenced (SwA) parts do not disturb decoding.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProtocolError } from "../../runtime/index.js";
import { SOAP11_ENV_NS } from "../../runtime/metadata.js";
import { TNS, demoMeta } from "./fixtures/demo.js";
import { startServer, type TestServer } from "./fixtures/server.js";
import { soapCore } from "../helpers/soap-core.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const XOP = "http://www.w3.org/2004/08/xop/include";

function mtomReply(bytes: Buffer, cid: string, extraPart = false): { type: string; body: Buffer } {
  const boundary = "uuid:0ca0e16e-feb1-426c-97d8-c4508ada5e82+id=1";
  const root =
    `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><GetEMailResponse xmlns="${TNS}"><Response>` +
    `<Id>7</Id><Content><xop:Include xmlns:xop="${XOP}" href="cid:${encodeURIComponent(cid)}"/></Content>` +
    `</Response></GetEMailResponse></s:Body></s:Envelope>`;
  const part = (headers: string, content: Buffer | string): Buffer =>
    Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from("\r\n")]);
  const body = Buffer.concat([
    part(
      `Content-ID: <root.message@cxf.apache.org>\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"`,
      root,
    ),
    part(`Content-ID: <${cid}>\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary`, bytes),
    ...(extraPart ? [part("Content-ID: <swa-1>\r\nContent-Type: text/plain", "not referenced")] : []),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const type = `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<root.message@cxf.apache.org>"; start-info="text/xml"`;
  return { type, body };
}

describe.each(["http", "fetch", "node"] as const)("MTOM responses over the %s transport", (kind) => {
  const fetch = kind === "fetch";
  const node = kind === "node";
  it("a 3 MiB xop:Include decodes to the attachment's bytes", async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    bytes[0] = 13; // CR, LF and "--" inside the payload must not confuse the parser
    bytes[1] = 10;
    bytes[2] = 45;
    bytes[3] = 45;
    const reply = mtomReply(bytes, "attachment-1@example.com", true);
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": reply.type });
      res.end(reply.body);
    };
    const core = soapCore(demoMeta, { endpoint: server.url, fetch, node, maxResponseBytes: 8 * 1024 * 1024 });
    const { result } = await core.invoke<{ Id: number; Content: Uint8Array }>("GetEMail", { EMailId: 1 });
    expect(result.Id).toBe(7);
    expect(Buffer.from(result.Content).equals(bytes)).toBe(true);
  });

  it("an Include naming a part that is not there is a ProtocolError", async () => {
    const reply = mtomReply(Buffer.from("x"), "present@example.com");
    const broken = Buffer.from(
      reply.body.toString("latin1").replace("cid:present%40example.com", "cid:absent"),
      "latin1",
    );
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": reply.type });
      res.end(broken);
    };
    const e = await soapCore(demoMeta, { endpoint: server.url, fetch, node })
      .invoke("GetEMail", { EMailId: 1 })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as Error).message).toContain("cid:absent");
  });
});
