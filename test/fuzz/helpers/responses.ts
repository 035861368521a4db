/**
 * Hostile responses that echo a text (the echoed secret, in some form) in each place a
 * server can put it: a fault string, an HTML error page (the echo placed so that the 200-
 * character snippet cut falls on a chosen offset inside it), a response header, an `xs:int`
 * field, SuperOffice's ExceptionInfo header, a WebAPI error body, a malformed JSON body.
 */
import { EMailMetadata as EMailCompact } from "../../../generated/email/metadata.js";
import { buildEnvelope, encodeBody, encodeHeaders, loadMetadata } from "../../../runtime/index.js";

const EMailMetadata = loadMetadata(EMailCompact);

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type SoapContext = "fault" | "html" | "header" | "int-field" | "exception-info" | "malformed-xml";
export type RestContext = "webapi-error" | "html" | "header" | "int-field" | "malformed-json";

export const SOAP_CONTEXTS: readonly SoapContext[] = [
  "fault",
  "html",
  "header",
  "int-field",
  "exception-info",
  "malformed-xml",
];
export const REST_CONTEXTS: readonly RestContext[] = ["webapi-error", "html", "header", "int-field", "malformed-json"];

const XML = { "Content-Type": "text/xml; charset=utf-8" };
const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };
const SNIPPET_CUT = 200;
const op = EMailMetadata.operations["GetReadySyncEmailAccounts"]!;

function envelope(headerXml: string, bodyXml: string): string {
  return buildEnvelope({ version: "1.1", prefixes: EMailMetadata.prefixes, headerXml, bodyXml });
}

function accounts(accountId: string): string {
  const body = encodeBody(EMailMetadata, op.output!, {
    Response: [{ AccountId: 123456789, AssociateId: 1, AssociateName: "x" }],
  });
  return body.replace("123456789", accountId);
}

/** An HTML page whose echo starts `cutOffset` characters before the snippet cut. */
export function htmlPage(text: string, cutOffset: number): string {
  const head = "<html><body><h1>Server Error</h1><pre>";
  const pad = "x".repeat(Math.max(0, SNIPPET_CUT - cutOffset - head.length));
  return `${head}${pad}${text}</pre></body></html>`;
}

export function soapReply(context: SoapContext, text: string, cutOffset: number): Reply {
  switch (context) {
    case "fault":
      return {
        status: 500,
        headers: XML,
        body: envelope(
          "",
          `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Login failed for ${text}</faultstring><detail><Info>${text}</Info></detail></soap:Fault>`,
        ),
      };
    case "html":
      return { status: 500, headers: { "Content-Type": "text/html" }, body: htmlPage(text, cutOffset) };
    case "header":
      return { status: 200, headers: { ...XML, "x-debug-token": text }, body: envelope("", accounts("1")) };
    case "int-field":
      return { status: 200, headers: XML, body: envelope("", accounts(text)) };
    case "exception-info": {
      const headerXml = encodeHeaders(EMailMetadata, op.outputHeaders, {
        Succeeded: false,
        ExceptionInfo: { Message: "Invalid ticket PLACEHOLDER", ExceptionType: "SoException" },
      });
      return { status: 200, headers: XML, body: envelope(headerXml.replace("PLACEHOLDER", text), accounts("1")) };
    }
    case "malformed-xml":
      return {
        status: 200,
        headers: XML,
        body: `<soap:Envelope><broken>${"y".repeat(Math.max(0, SNIPPET_CUT - cutOffset - 24))}${text}`,
      };
  }
}

export function restReply(context: RestContext, text: string, cutOffset: number): Reply {
  switch (context) {
    case "webapi-error":
      return {
        status: 500,
        headers: JSON_TYPE,
        body: `{"Error":"failed","ErrorType":"SoException","Message":"bad ticket ${text}","StackTrace":"at ${text}"}`,
      };
    case "html":
      return { status: 500, headers: { "Content-Type": "text/html" }, body: htmlPage(text, cutOffset) };
    case "header":
      return { status: 200, headers: { ...JSON_TYPE, "x-debug-token": text }, body: "[]" };
    case "int-field":
      return { status: 200, headers: JSON_TYPE, body: `[{"AccountId":"${text}","AssociateId":1}]` };
    case "malformed-json":
      return {
        status: 200,
        headers: JSON_TYPE,
        body: `[{"AssociateName":"${"z".repeat(Math.max(0, SNIPPET_CUT - cutOffset - 20))}${text}`,
      };
  }
}
