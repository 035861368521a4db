import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { decodeBody, decodeHeaders } from "../../runtime/codec/decode.js";
import { parseEnvelope } from "../../runtime/envelope.js";
import { sampleOutput, soapFault } from "soapkit/mock";
import { ServiceException } from "soapkit/mock/superoffice";
import { startEmulator, type CallContext, type Emulator } from "../../emulator/index.js";
import { echoMetadata, echoWsdl, TNS } from "./fixtures/metadata.js";
import {
  action,
  child,
  envelope,
  isNil,
  maybeChild,
  post,
  recordedAction,
  SOAP11,
  soapBody,
  soapHeader,
} from "./helpers.js";
import { nodeSoapView } from "./node-soap-view.js";

const PATH = "/Remote/Echo.svc";
const APP = "app-token-1234";
const GOOD = "7T:good-ticket==";

let emu: Emulator;
let url: string;
const seen: { input: Record<string, unknown>; ctx: CallContext }[] = [];

beforeAll(async () => {
  emu = await startEmulator({
    services: [
      {
        metadata: echoMetadata,
        wsdlXml: echoWsdl,
        path: PATH,
        implementation: {
          Echo: (input, ctx) => {
            seen.push({ input, ctx });
            const msg = input["Message"];
            if (msg === "throw") throw new ServiceException("Echo refused", { exceptionType: "EchoException" });
            if (msg === "plain-error") throw new TypeError("boom");
            if (msg === "fault") throw soapFault("bad echo", { code: "Client" });
            if (msg === "extra") ctx.responseHeaders["ExtraInfo"] = [{ Key: "k", Value: "v" }];
            return { Response: `${String(msg)} x${String(input["Count"])} (${ctx.ticket ?? "-"})` };
          },
          PutItem: (input) => {
            const item = input["Item"] as Record<string, unknown>;
            return { Response: (item["BigId"] as bigint) + 1n };
          },
        },
      },
    ],
    applicationToken: APP,
    validTickets: [GOOD],
  });
  url = emu.endpoint(PATH);
});

afterAll(async () => {
  await emu.close();
});

beforeEach(() => {
  emu.clear();
  seen.length = 0;
});

function headersOf(text: string): Record<string, unknown> {
  const env = parseEnvelope(text);
  return decodeHeaders(echoMetadata, echoMetadata.operations["Echo"]!.outputHeaders, env.header);
}

describe("emulator basics", () => {
  it("listens on 127.0.0.1 with an ephemeral port", () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).toBe(`${emu.url}${PATH}`);
  });

  it("serves the WSDL text with only the port address pointing at the emulator, and 404s other paths", async () => {
    const w = await fetch(`${url}?wsdl`);
    expect(w.status).toBe(200);
    const original = `location="https://example.test/Tenant1/Remote/Echo.svc"`;
    expect(echoWsdl).toContain(original);
    expect(await w.text()).toBe(echoWsdl.replace(original, `location="${url}"`));
    const nf = await fetch(`${emu.url}/nope`, { method: "POST", body: "<x/>" });
    expect(nf.status).toBe(404);
    await nf.text();
  });
});

describe("good ticket", () => {
  it("answers 200, Succeeded=true and the handler's response body", async () => {
    const res = await post(
      url,
      action("Echo", "Echo"),
      envelope({
        appToken: APP,
        ticket: GOOD,
        body: `<e:Echo><e:Message>a &lt; b &amp; c</e:Message><e:Count>3</e:Count></e:Echo>`,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
    const header = soapHeader(res.root)!;
    expect(child(header, "Succeeded").text).toBe("true");
    expect(maybeChild(header, "ExceptionInfo")).toBeUndefined();
    const wrapper = child(soapBody(res.root), "EchoResponse");
    expect(wrapper.ns).toBe(TNS);
    expect(child(wrapper, "Response").text).toBe(`a < b & c x3 (${GOOD})`);
    // The runtime codec reads the same thing.
    const env = parseEnvelope(res.text);
    expect(decodeBody(echoMetadata, echoMetadata.operations["Echo"]!.output!, env.firstBodyChild!)).toEqual({
      Response: `a < b & c x3 (${GOOD})`,
    });
    expect(headersOf(res.text)).toEqual({ Succeeded: true });
    expect(seen[0]!.ctx.operation).toBe("Echo");
    expect(seen[0]!.ctx.ticket).toBe(GOOD);
    expect(seen[0]!.ctx.headers).toEqual({ ApplicationToken: APP, Credentials: { Ticket: GOOD } });
  });

  it("answers with sampleOutput when no handler is given", async () => {
    const res = await post(
      url,
      action("Echo", "GetItems"),
      envelope({
        appToken: APP,
        ticket: GOOD,
        body: `<e:GetItems><e:Ids><arr:int>1</arr:int><arr:int>2</arr:int></e:Ids><e:Color>Blue</e:Color></e:GetItems>`,
      }),
    );
    expect(res.status).toBe(200);
    const env = parseEnvelope(res.text);
    const decoded = decodeBody(echoMetadata, echoMetadata.operations["GetItems"]!.output!, env.firstBodyChild!);
    expect(decoded).toEqual(sampleOutput(echoMetadata, "GetItems"));
    expect(emu.received[0]!.output).toEqual(sampleOutput(echoMetadata, "GetItems"));
  });

  it("writes an empty wrapper for a void operation", async () => {
    const res = await post(url, action("Echo", "Ping"), envelope({ appToken: APP, ticket: GOOD, body: `<e:Ping/>` }));
    expect(res.status).toBe(200);
    const wrapper = child(soapBody(res.root), "PingResponse");
    expect(wrapper.children).toHaveLength(0);
    expect(child(soapHeader(res.root)!, "Succeeded").text).toBe("true");
  });

  it("round-trips long values beyond 2^53 through the typed handler", async () => {
    const res = await post(
      url,
      action("Echo", "PutItem"),
      envelope({
        appToken: APP,
        ticket: GOOD,
        body: `<e:PutItem><e:Item><e:Id>1</e:Id><e:BigId>9007199254740993</e:BigId></e:Item></e:PutItem>`,
      }),
    );
    expect(res.status).toBe(200);
    expect(child(child(soapBody(res.root), "PutItemResponse"), "Response").text).toBe("9007199254740994");
    const call = emu.received[0]!;
    expect(call.input).toEqual({ Item: { $type: "Item", Id: 1, BigId: 9007199254740993n } });
    // node-soap's own view parses xs:long as a JS number and loses precision.
    const view = await nodeSoapView(echoWsdl, call.rawRequest);
    expect((view.args as { Item: { BigId: unknown } }).Item.BigId).toBe(9007199254740992);
  });

  it("echoes the TimeZone header and lets handlers add output headers", async () => {
    const res = await post(
      url,
      action("Echo", "Echo"),
      envelope({
        appToken: APP,
        ticket: GOOD,
        extraHeaders: `<e:TimeZone><e:SoTimeZoneId>37</e:SoTimeZoneId><e:SoTimeZoneLocationCode>NO</e:SoTimeZoneLocationCode></e:TimeZone>`,
        body: `<e:Echo><e:Message>extra</e:Message><e:Count>1</e:Count></e:Echo>`,
      }),
    );
    expect(headersOf(res.text)).toEqual({
      Succeeded: true,
      TimeZone: { SoTimeZoneId: 37, SoTimeZoneLocationCode: "NO" },
      ExtraInfo: [{ Key: "k", Value: "v" }],
    });
  });
});

describe("bad ticket / app token (SuperOffice style: HTTP 200, no fault)", () => {
  it("reports an invalid ticket through Succeeded=false + ExceptionInfo with an empty wrapper", async () => {
    const res = await post(
      url,
      action("Echo", "Echo"),
      envelope({
        appToken: APP,
        ticket: "7T:not-valid",
        body: `<e:Echo><e:Message>hi</e:Message><e:Count>1</e:Count></e:Echo>`,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("Fault");
    const header = soapHeader(res.root)!;
    expect(child(header, "Succeeded").text).toBe("false");
    const info = child(header, "ExceptionInfo");
    expect(child(info, "Message").text).toBe("Invalid ticket");
    expect(child(info, "ExceptionType").text).toBe("SoSessionException");
    expect(child(info, "FriendlyText").text).not.toBe("");
    const inner = child(info, "InnerException");
    expect(child(inner, "ExceptionType").text).toBe("SuperOffice.CRM.Security.SoSecurityException");
    expect(isNil(child(inner, "FriendlyText"))).toBe(true);
    expect(maybeChild(inner, "InnerException")).toBeUndefined();
    const wrapper = child(soapBody(res.root), "EchoResponse");
    expect(wrapper.children).toHaveLength(0);
    // The handler did not run; the ticket is not echoed anywhere in the response.
    expect(seen).toHaveLength(0);
    expect(res.text).not.toContain("not-valid");
    expect(emu.received[0]!.outcome).toBe("rejected");
    expect(headersOf(res.text)).toMatchObject({ Succeeded: false, ExceptionInfo: { Message: "Invalid ticket" } });
  });

  it("treats a missing Credentials header as a bad ticket", async () => {
    const res = await post(url, action("Echo", "Ping"), envelope({ appToken: APP, body: `<e:Ping/>` }));
    expect(res.status).toBe(200);
    expect(child(soapHeader(res.root)!, "Succeeded").text).toBe("false");
    expect(child(child(soapHeader(res.root)!, "ExceptionInfo"), "Message").text).toBe("Invalid ticket");
    expect(emu.received[0]!.outcome).toBe("rejected");
  });

  it("rejects a wrong or missing ApplicationToken before looking at the ticket", async () => {
    for (const appToken of ["wrong", null]) {
      emu.clear();
      const res = await post(url, action("Echo", "Ping"), envelope({ appToken, ticket: GOOD, body: `<e:Ping/>` }));
      expect(res.status).toBe(200);
      const header = soapHeader(res.root)!;
      expect(child(header, "Succeeded").text).toBe("false");
      expect(child(child(header, "ExceptionInfo"), "ExceptionType").text).toBe(
        "SuperOffice.CRM.Security.SoSecurityException",
      );
      expect(child(child(header, "ExceptionInfo"), "Message").text).toBe(
        appToken === null ? "Application token is missing" : "Invalid application token",
      );
      expect(emu.received[0]!.outcome).toBe("rejected");
    }
  });

  it("accepts tickets added at run time and rejects revoked ones", async () => {
    const t = emu.issueTicket();
    expect(t).toMatch(/^7T:/);
    const ok = await post(url, action("Echo", "Ping"), envelope({ appToken: APP, ticket: t, body: `<e:Ping/>` }));
    expect(child(soapHeader(ok.root)!, "Succeeded").text).toBe("true");
    emu.revokeTicket(t);
    const bad = await post(url, action("Echo", "Ping"), envelope({ appToken: APP, ticket: t, body: `<e:Ping/>` }));
    expect(child(soapHeader(bad.root)!, "Succeeded").text).toBe("false");
    emu.addTicket("7T:added");
    const added = await post(
      url,
      action("Echo", "Ping"),
      envelope({ appToken: APP, ticket: "7T:added", body: `<e:Ping/>` }),
    );
    expect(child(soapHeader(added.root)!, "Succeeded").text).toBe("true");
  });
});

describe("handler errors", () => {
  it("maps ServiceException to Succeeded=false + ExceptionInfo", async () => {
    const res = await post(
      url,
      action("Echo", "Echo"),
      envelope({ appToken: APP, ticket: GOOD, body: `<e:Echo><e:Message>throw</e:Message></e:Echo>` }),
    );
    expect(res.status).toBe(200);
    expect(headersOf(res.text)).toMatchObject({
      Succeeded: false,
      ExceptionInfo: { Message: "Echo refused", ExceptionType: "EchoException" },
    });
    // Answered (HTTP 200) with the exception in the output headers: recorded as answered.
    expect(emu.received[0]!.outcome).toBe("ok");
    expect(headersOf(emu.received[0]!.rawResponse)).toMatchObject({ Succeeded: false });
  });

  it("maps other errors to ExceptionInfo named after the error", async () => {
    const res = await post(
      url,
      action("Echo", "Echo"),
      envelope({ appToken: APP, ticket: GOOD, body: `<e:Echo><e:Message>plain-error</e:Message></e:Echo>` }),
    );
    expect(headersOf(res.text)).toMatchObject({
      Succeeded: false,
      ExceptionInfo: { Message: "boom", ExceptionType: "TypeError" },
    });
  });

  it("sends a real SOAP 1.1 fault for soapFault", async () => {
    const res = await post(
      url,
      action("Echo", "Echo"),
      envelope({ appToken: APP, ticket: GOOD, body: `<e:Echo><e:Message>fault</e:Message></e:Echo>` }),
    );
    expect(res.status).toBe(500);
    const fault = child(soapBody(res.root), "Fault", SOAP11);
    expect(fault.children.find((c) => c.local === "faultstring")!.text).toBe("bad echo");
    expect(fault.children.find((c) => c.local === "faultcode")!.text).toBe("soap:Client");
    expect(emu.received[0]!.outcome).toBe("fault");
    expect(emu.received[0]!.error).toBe("bad echo");
  });

  it("faults (500) on an undecodable request", async () => {
    const bad = await post(
      url,
      action("Echo", "Echo"),
      envelope({ appToken: APP, ticket: GOOD, body: `<e:Echo><e:Count>not-a-number</e:Count></e:Echo>` }),
    );
    expect(bad.status).toBe(500);
    const fault = child(soapBody(bad.root), "Fault", SOAP11);
    expect(fault.children.find((c) => c.local === "faultcode")!.text).toBe("soap:Client");
    expect(fault.children.find((c) => c.local === "faultstring")!.text).toContain("not a valid xs:int");
    expect(emu.received[0]!.outcome).toBe("invalid");
    expect(emu.received[0]!.operation).toBe("Echo");
  });

  it("answers an unknown SOAPAction with a Client fault naming the action", async () => {
    const res = await post(url, `${TNS}/Echo/Nope`, envelope({ appToken: APP, ticket: GOOD, body: `<e:Nope/>` }));
    expect(res.status).toBe(500);
    const fault = child(soapBody(res.root), "Fault", SOAP11);
    expect(fault.children.find((c) => c.local === "faultcode")!.text).toBe("soap:Client");
    expect(fault.children.find((c) => c.local === "faultstring")!.text).toContain(`${TNS}/Echo/Nope`);
    expect(emu.received[0]!.outcome).toBe("invalid");
    expect(emu.received[0]!.statusCode).toBe(500);
  });

  it("answers malformed XML with 400 + fault and records the raw text", async () => {
    const raw = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><e:Echo>`;
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: action("Echo", "Echo") },
      body: raw,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("faultstring");
    expect(emu.received[0]!.rawRequest).toBe(raw);
    expect(emu.received[0]!.outcome).toBe("invalid");
  });

  it("rejects a SOAP 1.2 envelope on the SOAP 1.1 binding", async () => {
    const xml = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:e="${TNS}"><s:Body><e:Ping/></s:Body></s:Envelope>`;
    const res = await post(url, action("Echo", "Ping"), xml);
    expect(res.status).toBe(500);
    expect(child(child(soapBody(res.root), "Fault", SOAP11), "faultcode", "").text).toBe("soap:VersionMismatch");
  });

  it("accepts gzip-compressed requests", async () => {
    const xml = envelope({
      appToken: APP,
      ticket: GOOD,
      body: `<e:Echo><e:Message>zip</e:Message><e:Count>1</e:Count></e:Echo>`,
    });
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "text/xml; charset=utf-8",
        "content-encoding": "gzip",
        soapaction: `"${action("Echo", "Echo")}"`,
      },
      body: gzipSync(Buffer.from(xml, "utf8")),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`zip x1 (${GOOD})`);
    expect(emu.received[0]!.rawRequest).toBe(xml);
  });
});

describe("recording", () => {
  it("records raw XML, typed input and headers, HTTP headers and the reply; node-soap reads the same", async () => {
    const xml = envelope({
      appToken: APP,
      ticket: GOOD,
      body:
        `<e:GetItems><e:Ids><arr:int>7</arr:int><arr:int>8</arr:int></e:Ids>` +
        `<e:Color>Green</e:Color><e:Since>2021-11-30T13:22:10</e:Since></e:GetItems>`,
    });
    const res = await post(url, action("Echo", "GetItems"), xml);
    expect(emu.received).toHaveLength(1);
    const call = emu.received[0]!;
    expect(call.service).toBe("WcfEchoService");
    expect(call.port).toBe(echoMetadata.port);
    expect(call.operation).toBe("GetItems");
    expect(recordedAction(call)).toBe(action("Echo", "GetItems"));
    expect(call.httpHeaders["content-type"]).toBe("text/xml; charset=utf-8");
    expect(call.rawRequest).toBe(xml);
    expect(call.input).toEqual({ Ids: [7, 8], Color: "Green", Since: "2021-11-30T13:22:10" });
    expect(call.headers).toEqual({ ApplicationToken: APP, Credentials: { Ticket: GOOD } });
    // node-soap's own parse of the same envelope (an independent view).
    const view = await nodeSoapView(echoWsdl, call.rawRequest);
    expect(view.args).toMatchObject({ Ids: { int: [7, 8] }, Color: "Green" });
    expect(view.headers).toMatchObject({ ApplicationToken: APP, Credentials: { Ticket: GOOD } });
    expect(call.outcome).toBe("ok");
    expect(call.statusCode).toBe(200);
    expect(call.rawResponse).toBe(res.text);
    expect(headersOf(call.rawResponse)).toEqual({ Succeeded: true });
    expect(emu.calls("GetItems")).toEqual([call]);
  });

  it("resolves the operation from the body element when SOAPAction is absent", async () => {
    const res = await post(
      url,
      undefined,
      envelope({ appToken: APP, ticket: GOOD, body: `<e:Echo><e:Message>m</e:Message><e:Count>2</e:Count></e:Echo>` }),
    );
    expect(res.status).toBe(200);
    expect(emu.received[0]!.operation).toBe("Echo");
    expect(recordedAction(emu.received[0]!)).toBeUndefined();
  });
});
