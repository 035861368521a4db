/**
 * The vendor's SOAP example pages (../shared/wsdl/superoffice/examples/*.md) against soapkit.
 *
 * The pages show a documentation artefact: the SOAP 1.2 envelope namespace and the headers
 * directly under `Envelope`. Each page is transformed to what the binding puts on the wire
 * (envelope namespace SOAP 1.1, header elements moved into `<Header>`), then:
 * - responses: a `node:http` server on 127.0.0.1 answers with the transformed response page,
 *   and the real client (ClientCore with the real WSDL's metadata, and the committed
 *   generated client) must return the typed result with the values the page shows;
 * - requests: soapkit's request for the page's values equals the page's request
 *   (canonically; the page's `xsi:type` annotations, which name the declared types, dropped).
 */
import { readFile } from "node:fs/promises";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { soapCore } from "../helpers/soap-core.js";
import { decodeBody, decodeHeaders } from "../../runtime/codec/decode.js";
import { parseEnvelope } from "../../runtime/envelope.js";
import { SOAP11_ENV_NS, SOAP12_ENV_NS, type ServiceMetadata } from "../../runtime/metadata.js";
import { createEMailClient } from "../../generated/index.js";
import { requireShared } from "../helpers/shared.js";
import { canonical, XSI_TYPE, type Canon } from "./helpers/canonical.js";
import { clientRequest } from "./helpers/cases.js";
import { metadataOf } from "./helpers/metadata.js";
import { soapHttpTransport } from "../../runtime/index.js";

const examplesDir = requireShared("wsdl/superoffice/examples");
const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");
const PAGES = [
  "GetEMail",
  "GetEMailEnvelopes",
  "GetEMailAsStream",
  "HasNewMail",
  "SyncEmailAccount",
  "SyncEmailAccounts",
] as const;
type Page = (typeof PAGES)[number];

/** The ```xml block under `## <op> Request|Response` of a page. */
export function pageXml(markdown: string, op: string, kind: "Request" | "Response"): string {
  const heading = markdown.indexOf(`## ${op} ${kind}`);
  if (heading < 0) throw new Error(`no "## ${op} ${kind}" section`);
  const m = /```xml\n([\s\S]*?)\n```/.exec(markdown.slice(heading));
  if (m === null) throw new Error(`no xml block under "## ${op} ${kind}"`);
  return m[1]!;
}

/** SOAP 1.2 namespace → the binding's SOAP 1.1; header elements under Envelope → inside Header. */
export function toBindingEnvelope(xml: string): string {
  const prefix = /<([\w.-]+):Envelope\b/.exec(xml)?.[1];
  if (prefix === undefined) throw new Error("no Envelope start tag");
  const p = prefix;
  let out = xml.replace(`xmlns:${p}="${SOAP12_ENV_NS}"`, `xmlns:${p}="${SOAP11_ENV_NS}"`);
  const root = /<[\w.-]+:Envelope\b[^>]*>/.exec(out)!;
  const start = root.index + root[0].length;
  const body = out.indexOf(`<${p}:Body`, start);
  const between = out.slice(start, body);
  if (between.trim() !== "" && !between.includes(`<${p}:Header`)) {
    out = `${out.slice(0, start)}<${p}:Header>${between}</${p}:Header>${out.slice(body)}`;
  }
  return out;
}

/** Drop `xsi:type` attributes (the pages annotate every value with its declared type). */
function withoutXsiType(c: Canon): Canon {
  const { [XSI_TYPE]: _t, ...attrs } = c.attrs;
  return { ...c, attrs, children: c.children.map(withoutXsiType) };
}

const address = {
  ContactId: 0,
  ContactName: "",
  PersonId: 0,
  PersonName: "",
  AssociateId: 0,
  Address: "",
  EmailId: 0,
  DuplicatePersonIds: [0],
  Name: "",
};
const soInfo = {
  DocumentId: 0,
  AppointmentId: 0,
  ProjectId: 0,
  SaleId: 0,
  Archived: false,
  ArchivedAt: "2021-11-30T13:22:10Z",
  ArchivedBy: 0,
  ArchivedDisplayName: "",
};
const envelope = {
  ServerId: 0,
  MessageId: "",
  Subject: "",
  From: address,
  To: [address],
  Sent: "2021-11-30T13:22:10Z",
  Priority: "NoPriority",
  Flags: ["Seen"],
  Size: 0,
  EMailSOInfo: soInfo,
};
/** What the response pages show, as typed values. */
const EXPECTED: Record<Page, unknown> = {
  GetEMail: {
    To: [address],
    Cc: [address],
    Bcc: [address],
    Subject: "",
    HTMLBody: "",
    From: address,
    Sent: "2021-11-30T13:22:10Z",
    Size: 0,
    Priority: "NoPriority",
    Flags: ["Seen"],
    MessageID: "",
    PlainBody: "",
    IsSent: false,
    EMailSOInfo: soInfo,
    ServerId: 0,
    Attachments: [
      {
        Description: "",
        Filename: "",
        Size: 0,
        Type: "",
        Encoding: "",
        Id: "",
        Disposition: "",
        Stream: Buffer.alloc(0),
      },
    ],
    CustomHeaderList: [{ Name: "", Values: [""] }],
    FolderName: "",
    EmailItemId: 0,
    AccountId: 0,
    ReceivedAt: "2021-11-30T13:22:10Z",
    InReplyTo: envelope,
    RepliedAt: "2021-11-30T13:22:10Z",
  },
  GetEMailEnvelopes: [envelope],
  GetEMailAsStream: Buffer.alloc(0),
  HasNewMail: false,
  SyncEmailAccount: undefined,
  SyncEmailAccounts: undefined,
};
/** The request pages' values. */
const REQUESTS: Record<Page, Record<string, unknown>> = {
  GetEMail: { Id: 0, IncludeAttachments: false },
  GetEMailEnvelopes: {
    ConnectionInfo: { ServerName: "", UserName: "", Password: "", Folder: "", UseSSL: false },
    MessageServerIds: [0],
  },
  GetEMailAsStream: {
    ConnectionInfo: { ServerName: "", UserName: "", Password: "", Folder: "", UseSSL: false },
    MessageServerId: 0,
    StripAttachments: false,
  },
  HasNewMail: { MailItemId: 0, FolderId: 0 },
  SyncEmailAccount: { SyncUserAccount: { AccountId: 0, AssociateName: "", AssociateId: 0 } },
  SyncEmailAccounts: { SyncUserAccounts: [{ AccountId: 0, AssociateName: "", AssociateId: 0 }] },
};
const PAGE_HEADERS = { ApplicationToken: "1234567-1234-9876", Credentials: { Ticket: "7T:1234abcxyzExample==" } };

describe.skipIf(!examplesDir || !emailWsdl)("vendor SOAP example pages", () => {
  let meta: ServiceMetadata;
  const pages = new Map<Page, { request: string; response: string }>();
  let server: http.Server;
  let endpoint = "";
  const received: { soapAction: string | undefined; contentType: string | undefined }[] = [];

  beforeAll(async () => {
    meta = await metadataOf(emailWsdl!);
    for (const op of PAGES) {
      const md = await readFile(join(examplesDir!, `${op}.md`), "utf8");
      pages.set(op, {
        request: toBindingEnvelope(pageXml(md, op, "Request")),
        response: toBindingEnvelope(pageXml(md, op, "Response")),
      });
    }
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const action = String(req.headers["soapaction"] ?? "").replace(/^"|"$/g, "");
        received.push({ soapAction: action, contentType: req.headers["content-type"] });
        const op = PAGES.find((p) => action === meta.operations[p]?.soapAction);
        if (op === undefined) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader("Content-Type", "text/xml; charset=utf-8");
        res.end(pages.get(op)!.response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Remote/Services84/EMail.svc`;
  });

  afterAll(async () => {
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("the transformation: SOAP 1.1 envelope, headers inside Header (request pages)", () => {
    const req = canonical(pages.get("GetEMail")!.request);
    expect(req.name).toBe(`{${SOAP11_ENV_NS}}Envelope`);
    expect(req.children.map((c) => c.name)).toStrictEqual([`{${SOAP11_ENV_NS}}Header`, `{${SOAP11_ENV_NS}}Body`]);
    expect(req.children[0]!.children.map((c) => c.local)).toStrictEqual(["ApplicationToken", "Credentials"]);
    expect(canonical(pages.get("GetEMail")!.response).children.map((c) => c.local)).toStrictEqual(["Body"]);
  });

  for (const op of PAGES) {
    it(`${op}: the response page parses into the typed result shown (real client over HTTP)`, async () => {
      const client = soapCore(meta, { endpoint, headers: PAGE_HEADERS });
      const { result, headers, status } = await client.invoke(op, REQUESTS[op]);
      expect(status).toBe(200);
      expect(result).toStrictEqual(EXPECTED[op]);
      expect(headers).toStrictEqual({}); // the pages show no response headers
      expect(received.at(-1)).toStrictEqual({
        soapAction: meta.operations[op]!.soapAction,
        contentType: "text/xml; charset=utf-8",
      });
    });
  }

  it("concrete values: GetEMail's fields, HasNewMail's boolean, GetEMailAsStream's bytes", async () => {
    const client = soapCore(meta, { endpoint, headers: PAGE_HEADERS });
    const mail = (await client.invoke("GetEMail", REQUESTS.GetEMail)).result as Record<string, unknown>;
    expect(mail["Priority"]).toBe("NoPriority");
    expect(mail["Flags"]).toStrictEqual(["Seen"]);
    expect(mail["Sent"]).toBe("2021-11-30T13:22:10Z");
    expect(mail["IsSent"]).toBe(false);
    expect((mail["From"] as Record<string, unknown>)["DuplicatePersonIds"]).toStrictEqual([0]);
    expect((mail["CustomHeaderList"] as Record<string, unknown>[])[0]!["Values"]).toStrictEqual([""]);
    const stream = (mail["Attachments"] as Record<string, unknown>[])[0]!["Stream"];
    expect(stream).toBeInstanceOf(Uint8Array);
    expect((stream as Uint8Array).byteLength).toBe(0);
    expect((await client.invoke("HasNewMail", REQUESTS.HasNewMail)).result).toBe(false);
    const bytes = (await client.invoke("GetEMailAsStream", REQUESTS.GetEMailAsStream)).result;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect((bytes as Uint8Array).byteLength).toBe(0);
  });

  it("the committed generated client returns the same typed results", async () => {
    const client = createEMailClient({ transport: soapHttpTransport({ endpoint }), headers: PAGE_HEADERS });
    expect(await client.getEMail({ Id: 0, IncludeAttachments: false })).toStrictEqual(EXPECTED.GetEMail);
    expect(
      await client.getEMailEnvelopes({
        ConnectionInfo: REQUESTS.GetEMailEnvelopes["ConnectionInfo"] as object,
        MessageServerIds: [0],
      }),
    ).toStrictEqual(EXPECTED.GetEMailEnvelopes);
    expect(await client.hasNewMail({ MailItemId: 0, FolderId: 0 })).toBe(false);
    expect(await client.getEMailAsStream({ MessageServerId: 0, StripAttachments: false })).toStrictEqual(
      Buffer.alloc(0),
    );
    expect(
      await client.syncEmailAccount({ SyncUserAccount: { AccountId: 0, AssociateName: "", AssociateId: 0 } }),
    ).toBeUndefined();
    expect(
      await client.syncEmailAccounts({ SyncUserAccounts: [{ AccountId: 0, AssociateName: "", AssociateId: 0 }] }),
    ).toBeUndefined();
  });

  for (const op of PAGES) {
    it(`${op}: the request page decodes to its values, and soapkit sends the same request`, async () => {
      const page = pages.get(op)!.request;
      const env = parseEnvelope(page, "1.1");
      const o = meta.operations[op]!;
      expect(decodeHeaders(meta, o.inputHeaders, env.header)).toStrictEqual(PAGE_HEADERS);
      expect(decodeBody(meta, o.input, env.firstBodyChild!)).toStrictEqual(REQUESTS[op]);
      const ours = await clientRequest(meta, op, REQUESTS[op], PAGE_HEADERS);
      expect(withoutXsiType(canonical(ours.xml))).toStrictEqual(withoutXsiType(canonical(page)));
    });
  }
});
