import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator, type Emulator } from "../../emulator/index.js";
import { echoMetadata, echoWsdl } from "./fixtures/metadata.js";
import { action, child, envelope, post, soapBody, soapHeader } from "./helpers.js";
import { nodeSoapView } from "./node-soap-view.js";

const PATH = "/Remote/Echo.svc";
const N = 100;
const tickets = Array.from({ length: N }, (_, i) => `7T:ticket-${i}-${"x".repeat(i % 7)}==`);
// Every odd call carries a ticket the emulator does not know.
const valid = new Set(tickets.filter((_, i) => i % 2 === 0));

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({
    services: [
      {
        metadata: echoMetadata,
        wsdlXml: echoWsdl,
        path: PATH,
        implementation: {
          // Random async delay so handlers overlap and finish out of order.
          Echo: async (input, ctx) => {
            await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 25)));
            return {
              Response: `${String(input["Message"])}|${ctx.ticket ?? ""}|${String(ctx.headers["ApplicationToken"])}`,
            };
          },
        },
      },
    ],
    validTickets: (t) => valid.has(t),
  });
});

afterAll(async () => {
  await emu.close();
});

describe("concurrency", () => {
  it(`keeps ${N} concurrent calls apart (ticket, headers, outcome)`, async () => {
    const results = await Promise.all(
      tickets.map((ticket, i) =>
        post(
          emu.endpoint(PATH),
          action("Echo", "Echo"),
          envelope({
            ticket,
            appToken: `app-${i}`,
            body: `<e:Echo><e:Message>m${i}</e:Message><e:Count>${i}</e:Count></e:Echo>`,
          }),
        ),
      ),
    );
    expect(emu.received).toHaveLength(N);
    results.forEach((res, i) => {
      expect(res.status).toBe(200);
      const succeeded = child(soapHeader(res.root)!, "Succeeded").text;
      const wrapper = child(soapBody(res.root), "EchoResponse");
      if (i % 2 === 0) {
        expect(succeeded).toBe("true");
        expect(child(wrapper, "Response").text).toBe(`m${i}|${tickets[i]}|app-${i}`);
      } else {
        expect(succeeded).toBe("false");
        expect(wrapper.children).toHaveLength(0);
      }
    });
    // Each record carries its own ticket, input and outcome.
    for (const call of emu.received) {
      const input = call.input as Record<string, unknown>;
      const i = Number((input["Message"] as string).slice(1));
      expect(input["Count"]).toBe(i);
      expect(call.headers).toEqual({ ApplicationToken: `app-${i}`, Credentials: { Ticket: tickets[i] } });
      expect((await nodeSoapView(echoWsdl, call.rawRequest)).headers).toMatchObject({
        Credentials: { Ticket: tickets[i] },
      });
      expect(call.rawRequest).toContain(`<e:Ticket>${tickets[i]!}</e:Ticket>`);
      expect(call.outcome).toBe(i % 2 === 0 ? "ok" : "rejected");
      expect(call.rawResponse).toContain(i % 2 === 0 ? `m${i}|${tickets[i]!}|app-${i}` : "Invalid ticket");
    }
    expect(new Set(emu.received.map((c) => c.headers["ApplicationToken"])).size).toBe(N);
  });
});
