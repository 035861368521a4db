import { describe, expect, it } from "vitest";
import {
  ProtocolError,
  SoapFaultError,
  XmlParseError,
  buildEnvelope,
  decodeBody,
  encodeBody,
  encodeHeaders,
  parseEnvelope,
  redactXml,
} from "../../runtime/index.js";
import { ARR, SER, TNS, demoMeta } from "./fixtures/demo.js";

const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

function fault(xml: string, expected?: "1.1" | "1.2"): SoapFaultError {
  try {
    parseEnvelope(xml, expected, { operation: "GetEMail", status: 500, redact: (x) => redactXml(x) });
  } catch (e) {
    expect(e).toBeInstanceOf(SoapFaultError);
    return e as SoapFaultError;
  }
  throw new Error("expected a SoapFaultError");
}

describe("buildEnvelope", () => {
  it("writes the exact SOAP 1.1 envelope with headers", () => {
    const op = demoMeta.operations.GetEMail!;
    const xml = buildEnvelope({
      version: "1.1",
      prefixes: demoMeta.prefixes,
      headerXml: encodeHeaders(demoMeta, op.inputHeaders, { ApplicationToken: "app", Credentials: { Ticket: "t" } }),
      bodyXml: encodeBody(demoMeta, op.input, { EMailId: 5 }),
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        `<soap:Envelope xmlns:soap="${S11}" xmlns:xsi="${XSI}" xmlns:q1="${ARR}" xmlns:ser="${SER}" xmlns:tns="${TNS}">` +
        "<soap:Header><tns:ApplicationToken>app</tns:ApplicationToken><tns:Credentials><tns:Ticket>t</tns:Ticket></tns:Credentials></soap:Header>" +
        "<soap:Body><tns:GetEMail><tns:EMailId>5</tns:EMailId></tns:GetEMail></soap:Body>" +
        "</soap:Envelope>",
    );
    // and it parses back
    const env = parseEnvelope(xml, "1.1");
    expect(env.version).toBe("1.1");
    expect(env.header?.children.map((c) => c.local)).toEqual(["ApplicationToken", "Credentials"]);
    expect(decodeBody(demoMeta, op.input, env.firstBodyChild!)).toEqual({ EMailId: 5 });
  });

  it("omits the Header element without headers and uses the 1.2 namespace", () => {
    const xml = buildEnvelope({ version: "1.2", prefixes: [["tns", TNS]], headerXml: "", bodyXml: "<tns:X/>" });
    expect(xml).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${S12}" xmlns:xsi="${XSI}" xmlns:tns="${TNS}"><soap:Body><tns:X/></soap:Body></soap:Envelope>`,
    );
    expect(parseEnvelope(xml).version).toBe("1.2");
  });

  it("refuses prefixes reserved by the envelope", () => {
    expect(() => buildEnvelope({ version: "1.1", prefixes: [["soap", "urn:x"]], bodyXml: "" })).toThrow(/reserved/);
    // an xsi entry with the right URI is simply not repeated
    const xml = buildEnvelope({ version: "1.1", prefixes: [["xsi", XSI]], bodyXml: "" });
    expect(xml.match(/xmlns:xsi=/g)).toHaveLength(1);
  });
});

describe("parseEnvelope", () => {
  it("returns header, body and the first body child", () => {
    const env = parseEnvelope(
      `<s:Envelope xmlns:s="${S11}"><s:Header><h xmlns="urn:h"/></s:Header><s:Body>\n  <r xmlns="urn:r"/>\n</s:Body></s:Envelope>`,
    );
    expect(env.header?.children[0]?.local).toBe("h");
    expect(env.firstBodyChild?.local).toBe("r");
    expect(env.body.local).toBe("Body");
  });

  it("handles an empty body", () => {
    const env = parseEnvelope(`<Envelope xmlns="${S12}"><Body/></Envelope>`);
    expect(env.firstBodyChild).toBeUndefined();
    expect(env.header).toBeUndefined();
  });

  it("rejects non-envelopes, wrong versions and missing bodies", () => {
    expect(() => parseEnvelope("<html><body>hi</body></html>")).toThrow(ProtocolError);
    expect(() => parseEnvelope(`<x:Envelop xmlns:x="${S11}"/>`)).toThrow(/not a SOAP envelope/);
    expect(() => parseEnvelope(`<s:Envelope xmlns:s="${S12}"><s:Body/></s:Envelope>`, "1.1")).toThrow(
      /expected a SOAP 1.1 envelope, got SOAP 1.2/,
    );
    expect(() => parseEnvelope(`<s:Envelope xmlns:s="${S11}"><s:Header/></s:Envelope>`)).toThrow(/no Body/);
    expect(() => parseEnvelope("<s:Envelope")).toThrow(XmlParseError);
  });

  it("parses a SOAP 1.1 fault with detail (secrets redacted)", () => {
    const err = fault(
      `<s:Envelope xmlns:s="${S11}"><s:Body><s:Fault>` +
        '<faultcode>s:Client</faultcode><faultstring xml:lang="en-US">Bad ticket</faultstring>' +
        "<faultactor>urn:actor</faultactor>" +
        '<detail><ExceptionDetail xmlns="urn:wcf"><Message>m &amp; more</Message><Ticket>secret-ticket</Ticket></ExceptionDetail></detail>' +
        "</s:Fault></s:Body></s:Envelope>",
      "1.1",
    );
    expect(err.soapVersion).toBe("1.1");
    expect(err.faultCode).toEqual({ value: "s:Client", ns: S11, local: "Client" });
    expect(err.subcodes).toEqual([]);
    expect(err.faultString).toBe("Bad ticket");
    expect(err.reason).toBe("Bad ticket");
    expect(err.actor).toBe("urn:actor");
    expect(err.status).toBe(500);
    expect(err.operation).toBe("GetEMail");
    expect(err.message).toBe("GetEMail: SOAP fault s:Client: Bad ticket");
    expect(err.detail).toContain("<Message>m &amp; more</Message>");
    expect(err.detail).toContain("<Ticket>***</Ticket>");
    expect(err.detail).not.toContain("secret-ticket");
    expect(err.code).toBe("ERR_SOAP_FAULT");
  });

  it("parses a SOAP 1.2 fault with a subcode chain, reason, role, node and detail", () => {
    const err = fault(
      `<env:Envelope xmlns:env="${S12}" xmlns:app="urn:app"><env:Body><env:Fault>` +
        "<env:Code><env:Value>env:Sender</env:Value>" +
        "<env:Subcode><env:Value>app:Auth</env:Value><env:Subcode><env:Value>app:Expired</env:Value></env:Subcode></env:Subcode></env:Code>" +
        '<env:Reason><env:Text xml:lang="de">Abgelaufen</env:Text><env:Text xml:lang="en">Expired</env:Text></env:Reason>' +
        "<env:Node>urn:node</env:Node><env:Role>urn:role</env:Role>" +
        "<env:Detail><app:Info>x</app:Info></env:Detail>" +
        "</env:Fault></env:Body></env:Envelope>",
      "1.2",
    );
    expect(err.soapVersion).toBe("1.2");
    expect(err.faultCode).toEqual({ value: "env:Sender", ns: S12, local: "Sender" });
    expect(err.subcodes).toEqual([
      { value: "app:Auth", ns: "urn:app", local: "Auth" },
      { value: "app:Expired", ns: "urn:app", local: "Expired" },
    ]);
    expect(err.faultString).toBe("Expired");
    expect(err.role).toBe("urn:role");
    expect(err.node).toBe("urn:node");
    expect(err.detail).toBe('<Info xmlns="urn:app">x</Info>');
  });

  it("keeps an unresolvable fault code prefix as text", () => {
    const err = fault(
      `<s:Envelope xmlns:s="${S11}"><s:Body><s:Fault><faultcode>a:Server</faultcode><faultstring>x</faultstring></s:Fault></s:Body></s:Envelope>`,
    );
    expect(err.faultCode).toEqual({ value: "a:Server", ns: "", local: "Server" });
    expect(err.detail).toBeUndefined();
  });
});
