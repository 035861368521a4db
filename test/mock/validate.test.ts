/**
 * Validation mode: deliberately bad envelopes are answered with a SOAP Client fault naming the
 * first violation by element path (order, occurrence, type, nil, unknown element); the same
 * requests in order pass, and without `validate` an out-of-order request is accepted.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "soapkit/mock";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { repoRoot } from "../helpers/shared.js";

const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
const CALC = "http://tempuri.org/";
let strict: MockServer;
let lenient: MockServer;
let calc: MockServer;

beforeAll(async () => {
  strict = await startMock(EMailMetadata, { validate: true });
  lenient = await startMock(EMailMetadata);
  calc = await startMock(join(repoRoot, "test/fixtures/wsdl/calculator/Calculator.wsdl"), { validate: true });
});
afterAll(async () => {
  for (const m of [strict, lenient, calc]) await m.close();
});

async function post(
  m: MockServer,
  endpoint: string,
  action: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${action}"` },
    body:
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
      `<s:Body>${body}</s:Body></s:Envelope>`,
  });
  return { status: res.status, text: await res.text() };
}

const sync = (inner: string) =>
  `<t:SyncEmailAccount xmlns:t="${TNS}"><t:SyncUserAccount>${inner}</t:SyncUserAccount></t:SyncEmailAccount>`;
const add = (inner: string) => `<c:Add xmlns:c="${CALC}">${inner}</c:Add>`;

function faultString(text: string): string {
  return /<faultstring>([^<]*)<\/faultstring>/.exec(text)?.[1] ?? `(no fault) ${text}`;
}

describe("validation mode", () => {
  it("names an element out of sequence order", async () => {
    const body = sync(`<t:AssociateId>1</t:AssociateId><t:AccountId>4</t:AccountId>`);
    const r = await post(strict, strict.endpoint(), `${TNS}/EMail/SyncEmailAccount`, body);
    expect(r.status).toBe(500);
    expect(r.text).toContain("<faultcode>soap:Client</faultcode>");
    expect(faultString(r.text)).toBe(
      "invalid request: SyncEmailAccount/SyncUserAccount/AccountId: out of order, the schema's sequence puts it before AssociateId",
    );
    expect(strict.calls.at(-1)).toMatchObject({ operation: "SyncEmailAccount", outcome: "invalid", statusCode: 500 });
    // Without validation the decoder reads elements by name: accepted.
    const ok = await post(lenient, lenient.endpoint(), `${TNS}/EMail/SyncEmailAccount`, body);
    expect(ok.status).toBe(200);
  });

  it("accepts the same request in schema order", async () => {
    const r = await post(
      strict,
      strict.endpoint(),
      `${TNS}/EMail/SyncEmailAccount`,
      sync(`<t:AccountId>4</t:AccountId><t:AssociateId>1</t:AssociateId>`),
    );
    expect(r.status).toBe(200);
    expect(strict.calls.at(-1)!.outcome).toBe("ok");
  });

  it.each([
    [
      "a missing required element",
      add(`<c:intA>1</c:intA>`),
      /intB: required element \{http:\/\/tempuri.org\/\}intB is missing/,
    ],
    [
      "a repeated element",
      add(`<c:intA>1</c:intA><c:intA>1</c:intA><c:intB>2</c:intB>`),
      /intA: element .* occurs more than once/,
    ],
    ["a bad lexical form", add(`<c:intA>one</c:intA><c:intB>2</c:intB>`), /intA: not a valid xs:int lexical form/],
    [
      "nil on a non-nillable element",
      add(`<c:intA i:nil="true"/><c:intB>2</c:intB>`),
      /intA: xsi:nil on an element that is not nillable/,
    ],
    [
      "an unknown element",
      add(`<c:intA>1</c:intA><c:intX>1</c:intX><c:intB>2</c:intB>`),
      /unexpected element \{http:\/\/tempuri.org\/\}intX/,
    ],
    ["swapped elements", add(`<c:intB>2</c:intB><c:intA>1</c:intA>`), /^invalid request: Add\/intA: out of order/],
  ])("answers %s with a Client fault naming it", async (_name, body, expected) => {
    const r = await post(calc, calc.endpoint("CalculatorSoap"), `${CALC}Add`, body);
    expect(r.status).toBe(500);
    expect(r.text).toContain("<faultcode>soap:Client</faultcode>");
    expect(faultString(r.text)).toMatch(expected);
    expect(calc.calls.at(-1)!.outcome).toBe("invalid");
  });
});
