import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { soapFault } from "soapkit/mock";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { echoMetadata, echoWsdl, TNS } from "./fixtures/metadata.js";
import { child, recordedAction } from "./helpers.js";

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
// The echo fixture with a SOAP 1.2 binding (same structure, soap12 binding namespace).
const wsdl12 = echoWsdl.replace(
  'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
  'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap12/"',
);
const meta12: ServiceMetadata = { ...echoMetadata, soapVersion: "1.2" };

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({
    services: [
      {
        metadata: meta12,
        wsdlXml: wsdl12,
        path: "/Echo12.svc",
        implementation: {
          Echo: (input) => {
            if (input["Message"] === "fault") throw soapFault("nope", { code: "Client" });
            return { Response: `12:${String(input["Message"])}` };
          },
        },
      },
    ],
    validTickets: ["7T:t"],
  });
});

afterAll(async () => {
  await emu.close();
});

async function call(message: string, op = "Echo"): Promise<{ status: number; text: string }> {
  const env =
    `<s:Envelope xmlns:s="${SOAP12}" xmlns:e="${TNS}"><s:Header><e:Credentials><e:Ticket>7T:t</e:Ticket></e:Credentials></s:Header>` +
    `<s:Body><e:${op}><e:Message>${message}</e:Message></e:${op}></s:Body></s:Envelope>`;
  const res = await fetch(emu.endpoint("/Echo12.svc"), {
    method: "POST",
    headers: { "content-type": `application/soap+xml; charset=utf-8; action="${TNS}/Echo/${op}"` },
    body: env,
  });
  return { status: res.status, text: await res.text() };
}

describe("SOAP 1.2 binding", () => {
  it("takes the action from the Content-Type and answers in a SOAP 1.2 envelope", async () => {
    const res = await call("hi");
    expect(res.status).toBe(200);
    expect(res.text).toContain(`xmlns:soap="${SOAP12}"`);
    expect(res.text).toContain("12:hi");
    expect(recordedAction(emu.received.at(-1)!)).toBe(`${TNS}/Echo/Echo`);
    expect(emu.received.at(-1)!.outcome).toBe("ok");
  });

  it("writes SOAP 1.2 faults (Code/Reason)", async () => {
    const res = await call("fault");
    expect(res.status).toBe(500);
    expect(res.text).toContain("<soap:Value>soap:Sender</soap:Value>");
    expect(res.text).toMatch(/<soap:Text( xml:lang="[a-z-]+")?>nope<\/soap:Text>/);
    const unknown = await call("x", "Nope");
    expect(unknown.status).toBe(500);
    const fault = child(child(parseXml(unknown.text), "Body", SOAP12), "Fault", SOAP12);
    expect(child(child(fault, "Code", SOAP12), "Value", SOAP12).text).toBe("soap:Sender");
    expect(child(child(fault, "Reason", SOAP12), "Text", SOAP12).text).toContain(`${TNS}/Echo/Nope`);
  });
});
