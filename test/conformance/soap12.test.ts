/**
 * SOAP 1.2 as a client option. The EMail binding is SOAP 1.1; with `soapVersion: "1.2"` the
 * client must send a SOAP 1.2 envelope with `Content-Type: application/soap+xml;
 * charset=utf-8; action="<soapAction>"` (no SOAPAction header), read SOAP 1.2 replies and
 * turn SOAP 1.2 faults (Code/Subcode/Reason/Detail) into `SoapFaultError`s. Checked against
 * node-soap's `soap.listen` in SOAP 1.2 mode (`forceSoap12Headers: true`) serving the EMail
 * WSDL with a soap12 binding, and representative operations against the emulator in SOAP 1.2
 * mode.
 */
import { readFile } from "node:fs/promises";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";
import * as soap from "soap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { soapCore } from "../helpers/soap-core.js";
import { ProtocolError, SoapFaultError } from "../../runtime/errors.js";
import { SOAP11_ENV_NS, SOAP12_ENV_NS, type ServiceMetadata } from "../../runtime/metadata.js";
import { sampleInput, sampleOutput } from "soapkit/mock";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { requireShared } from "../helpers/shared.js";
import { at, canonical, childNames } from "./helpers/canonical.js";
import { sampleHeaders } from "./helpers/cases.js";
import { metadataOf } from "./helpers/metadata.js";

const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");
const FAULT_NS = "urn:example:faults";
const DETAIL = `<e:TicketFault xmlns:e="${FAULT_NS}"><e:Reason>expired</e:Reason><e:Code>42</e:Code></e:TicketFault>`;
const HEADERS = { ApplicationToken: "app-12", Credentials: { Ticket: "7T:soap12" } };
/** Largest input (SaveEMail), largest output (GetEMail), arrays, bytes, boolean, empty input, void output. */
const ROUND_TRIP = [
  "SaveEMail",
  "GetEMail",
  "GetEMailEnvelopes",
  "GetEMailAsStream",
  "HasNewMail",
  "CreateDefaultEMailEntity",
  "SyncEmailAccount",
  "SyncEmailAccounts",
];

interface Captured {
  headers: http.IncomingHttpHeaders;
  body: string;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}
function close(server: http.Server | undefined): Promise<void> {
  return new Promise((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
}

describe.skipIf(!emailWsdl)('SOAP 1.2 (client option soapVersion: "1.2")', () => {
  let meta: ServiceMetadata;
  let wsdl12: string;
  let soapServer: http.Server;
  let soapUrl = "";
  const captured: Captured[] = [];
  let plainServer: http.Server;
  let plainUrl = "";
  let emulator: Emulator;

  beforeAll(async () => {
    meta = await metadataOf(emailWsdl!);
    const wsdl = await readFile(emailWsdl!, "utf8");
    wsdl12 = wsdl.replace(
      'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
      'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap12/"',
    );
    expect(wsdl12).not.toBe(wsdl);

    // node-soap in SOAP 1.2 mode.
    soapServer = http.createServer();
    soapUrl = await listen(soapServer);
    const fault = (): never => {
      throw {
        Fault: {
          Code: {
            Value: "soap:Sender",
            Subcode: { Value: { attributes: { "xmlns:a": FAULT_NS }, $value: "a:InvalidTicket" } },
          },
          Reason: { Text: { attributes: { "xml:lang": "en" }, $value: "The ticket is not valid" } },
          Detail: { $xml: DETAIL },
          statusCode: 400,
        },
      };
    };
    const services = { [meta.service]: { [meta.port]: { HasNewMail: () => ({ Response: true }), GetEMail: fault } } };
    await new Promise<void>((resolve, reject) => {
      soap.listen(soapServer, {
        path: "/EMail.svc",
        services,
        xml: wsdl12,
        forceSoap12Headers: true,
        callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      } as soap.IServerOptions);
    });
    // soap.listen takes over the 'request' listeners; a second one, added after it, records
    // exactly what arrived.
    soapServer.prependListener("request", (req: http.IncomingMessage) => {
      const entry: Captured = { headers: req.headers, body: "" };
      captured.push(entry);
      req.on("data", (c: Buffer) => (entry.body += c.toString("utf8")));
    });

    // A server that answers a SOAP 1.2 request with a SOAP 1.1 envelope (version mismatch).
    plainServer = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.setHeader("Content-Type", "text/xml; charset=utf-8");
        res.end(
          `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><HasNewMailResponse xmlns="${meta.targetNamespace}"><Response>true</Response></HasNewMailResponse></s:Body></s:Envelope>`,
        );
      });
    });
    plainUrl = await listen(plainServer);

    emulator = await startEmulator({
      validTickets: () => true,
      services: [
        { metadata: { ...meta, soapVersion: "1.2" }, wsdlXml: wsdl12, path: "/Emulated/EMail.svc", implementation: {} },
      ],
    });
  });

  afterAll(async () => {
    await close(soapServer);
    await close(plainServer);
    await emulator?.close();
  });

  it("sends a SOAP 1.2 envelope with the action in the Content-Type, and reads the SOAP 1.2 reply", async () => {
    expect(meta.soapVersion).toBe("1.1"); // the binding's; the option overrides it
    const client = soapCore(meta, { endpoint: `${soapUrl}/EMail.svc`, soapVersion: "1.2", headers: HEADERS });
    const { result, status } = await client.invoke("HasNewMail", { MailItemId: 7, FolderId: 3 });
    expect(status).toBe(200);
    expect(result).toBe(true);

    const req = captured.at(-1)!;
    expect(req.headers["content-type"]).toBe(
      `application/soap+xml; charset=utf-8; action="${meta.operations["HasNewMail"]!.soapAction}"`,
    );
    expect(req.headers["soapaction"]).toBeUndefined();
    const env = canonical(req.body);
    expect(env.name).toBe(`{${SOAP12_ENV_NS}}Envelope`);
    expect(env.children.map((c) => c.name)).toStrictEqual([`{${SOAP12_ENV_NS}}Header`, `{${SOAP12_ENV_NS}}Body`]);
    expect(childNames(at(env, "Header"))).toStrictEqual(["ApplicationToken", "Credentials"]);
    expect(childNames(at(env, "Body", "HasNewMail"))).toStrictEqual(["MailItemId", "FolderId"]);
  });

  it("the fetch transport speaks SOAP 1.2 too", async () => {
    const client = soapCore(meta, {
      endpoint: `${soapUrl}/EMail.svc`,
      headers: HEADERS,
      soapVersion: "1.2",
      fetch: true,
    });
    expect((await client.invoke("HasNewMail", { MailItemId: 1, FolderId: 1 })).result).toBe(true);
    expect(captured.at(-1)!.headers["content-type"]).toMatch(/^application\/soap\+xml; charset=utf-8; action="/);
    expect(canonical(captured.at(-1)!.body).name).toBe(`{${SOAP12_ENV_NS}}Envelope`);
  });

  it("a SOAP 1.2 fault (Code/Subcode/Reason/Detail) becomes a SoapFaultError with those fields", async () => {
    const client = soapCore(meta, { endpoint: `${soapUrl}/EMail.svc`, soapVersion: "1.2", headers: HEADERS });
    const err = await client.invoke("GetEMail", { Id: 1, IncludeAttachments: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SoapFaultError);
    const f = err as SoapFaultError;
    expect(f.code).toBe("ERR_SOAP_FAULT");
    expect(f.soapVersion).toBe("1.2");
    expect(f.operation).toBe("GetEMail");
    expect(f.status).toBe(400);
    expect(f.faultCode).toStrictEqual({ value: "soap:Sender", ns: SOAP12_ENV_NS, local: "Sender" });
    expect(f.subcodes).toStrictEqual([{ value: "a:InvalidTicket", ns: FAULT_NS, local: "InvalidTicket" }]);
    expect(f.faultString).toBe("The ticket is not valid");
    expect(canonical(f.detail!)).toStrictEqual(canonical(DETAIL));
    expect(f.message).toContain("The ticket is not valid");
  });

  it("a SOAP 1.1 reply to a SOAP 1.2 request is a ProtocolError", async () => {
    const client = soapCore(meta, { endpoint: plainUrl, soapVersion: "1.2" });
    await expect(client.invoke("HasNewMail", { MailItemId: 1, FolderId: 1 })).rejects.toThrow(ProtocolError);
  });

  it("representative operations round-trip over SOAP 1.2 against the emulator's SOAP 1.2 binding", async () => {
    // (xsd-validation.test.ts validates the SOAP 1.2 requests of all 77 operations.)
    const client = soapCore(meta, { endpoint: emulator.endpoint("/Emulated/EMail.svc"), soapVersion: "1.2" });
    const failures: string[] = [];
    for (const name of ROUND_TRIP) {
      const op = meta.operations[name]!;
      const input = op.input.empty ? {} : sampleInput(meta, op.name);
      const { result } = await client.invoke(op.name, input, { headers: sampleHeaders(meta, op.inputHeaders) });
      const call = emulator.calls(op.name).at(-1);
      const wrapper = sampleOutput(meta, op.name);
      const expected =
        op.output === null || op.output.empty
          ? undefined
          : op.output.unwrap !== null
            ? wrapper?.[op.output.unwrap]
            : wrapper;
      const problems = [
        call?.outcome !== "ok" && `outcome ${call?.outcome}: ${call?.error}`,
        call?.httpHeaders["content-type"] !== `application/soap+xml; charset=utf-8; action="${op.soapAction}"` &&
          `content-type ${call?.httpHeaders["content-type"]}`,
        call?.httpHeaders["soapaction"] !== undefined && "SOAPAction header sent",
        call !== undefined &&
          canonical(call.rawRequest).name !== `{${SOAP12_ENV_NS}}Envelope` &&
          "not a SOAP 1.2 envelope",
        call !== undefined && !isDeepStrictEqual(call.input, input) && "server decoded a different input",
        !isDeepStrictEqual(result, expected) && "typed result differs",
      ].filter((p): p is string => typeof p === "string");
      if (problems.length > 0) failures.push(`${op.name}: ${problems.join("; ")}`);
    }
    expect(failures).toStrictEqual([]);
  });
});
