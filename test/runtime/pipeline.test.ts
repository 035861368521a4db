/**
 * The call pipeline with a custom in-memory transport: what it hands a transport (merged
 * headers, validated HTTP headers, query, deadline signal, the call's secrets), what it does
 * with the transport's report (hooks masked by value) and with its failures (deadline,
 * abort, raw errors → TransportError, secrets masked).
 *
 * Timeouts beyond setTimeout's 2^31-1 ms are honoured (deadline.ts re-arms the timer; see
 * charset-limits.test.ts), so only NaN is refused here.
 */
import { describe, expect, it } from "vitest";
import {
  ClientCore,
  SerializationError,
  SoapkitError,
  TransportError,
  type PreparedCall,
  type RequestEvent,
  type Transport,
} from "../../runtime/index.js";
import { fromExpanded } from "../helpers/metadata.js";
import { demoMeta as demoExpanded } from "./fixtures/demo.js";

const demoMeta = fromExpanded(demoExpanded);

const TICKET = "7T:cGlwZWxpbmUtdGlja2V0LXNlY3JldA";

function memoryTransport(onCall: (call: PreparedCall) => Promise<unknown> | unknown): Transport {
  return {
    kind: "memory",
    target: (op) => `memory://demo/${op.name}`,
    async unary(call) {
      call.observe.request({
        url: "memory://demo",
        method: "POST",
        httpHeaders: { "x-echo": TICKET },
        body: `<Ticket>${TICKET}</Ticket>`,
      });
      const result = await onCall(call);
      return { result, headers: {}, status: 200, httpHeaders: { "x-debug-token": TICKET } };
    },
  };
}

describe("ClientCore with a custom transport", () => {
  it("hands the transport merged headers, query and the call's secrets; masks what it reports", async () => {
    let seen: PreparedCall | undefined;
    const events: RequestEvent[] = [];
    const core = new ClientCore(demoMeta, {
      transport: memoryTransport((call) => ((seen = call), "ok")),
      headers: { ApplicationToken: "client-app-token", Credentials: { Ticket: "client-ticket" } },
      hooks: { onRequest: (e) => events.push(e) },
    });
    const out = await core.invoke(
      "Echo",
      { Text: "hi" },
      { headers: { Credentials: { Ticket: TICKET } }, query: { select: ["a", "b"] } },
    );
    expect(out.result).toBe("ok");
    expect(seen!.headers).toEqual({ ApplicationToken: "client-app-token", Credentials: { Ticket: TICKET } });
    expect(seen!.query).toEqual({ select: "a,b" });
    expect(seen!.secrets.mask(`x ${TICKET}`)).toBe("x ***");
    expect(out.httpHeaders["x-debug-token"]).toBe("***");
    expect(JSON.stringify(events)).not.toContain(TICKET.slice(0, 8));
    expect(events[0]!.transport).toBe("memory");
  });

  it("maps the deadline, an abort and raw errors, with secrets masked", async () => {
    const hang = new ClientCore(demoMeta, {
      transport: memoryTransport(
        (call) =>
          new Promise((_r, reject) =>
            call.signal.addEventListener("abort", () => reject(new Error(`aborted ${TICKET}`))),
          ),
      ),
    });
    const timeout = (await hang
      .invoke("Echo", {}, { timeoutMs: 50, headers: { Credentials: { Ticket: TICKET } } })
      .catch((e: unknown) => e)) as TransportError;
    expect(timeout.kind).toBe("timeout");
    expect(`${timeout.stack} ${String((timeout.cause as Error).message)}`).not.toContain(TICKET.slice(0, 8));
    const raw = new ClientCore(demoMeta, {
      transport: memoryTransport(() =>
        Promise.reject(Object.assign(new Error(`boom ${TICKET}`), { code: "ECONNRESET" })),
      ),
    });
    const network = (await raw
      .invoke("Echo", {}, { headers: { Credentials: { Ticket: TICKET } } })
      .catch((e: unknown) => e)) as TransportError;
    expect([network.kind, network.message]).toEqual([
      "network",
      "Echo: request to memory://demo/Echo failed: ECONNRESET boom ***",
    ]);
    const pre = (await raw
      .invoke("Echo", {}, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e)) as TransportError;
    expect(pre.kind).toBe("aborted");
  });

  it("hands the transport the decode options (the client's, then the call's, key by key) and the element limit", async () => {
    const seen: PreparedCall[] = [];
    const core = new ClientCore(demoMeta, {
      transport: memoryTransport((call) => (seen.push(call), "ok")),
      decode: { unknownElements: "ignore" },
      maxResponseElements: 50,
    });
    await core.invoke("Echo", {});
    await core.invoke("Echo", {}, { decode: { unknownEnumValues: "accept", unknownElements: "reject" } });
    expect(seen.map((c) => [c.decode, c.maxResponseElements])).toEqual([
      [{ acceptUnknownEnums: false, ignoreUnknownElements: true }, 50],
      [{ acceptUnknownEnums: true, ignoreUnknownElements: false }, 50],
    ]);
    const strict = new ClientCore(demoMeta, { transport: memoryTransport((call) => (seen.push(call), "ok")) });
    await strict.invoke("Echo", {});
    expect([seen[2]!.decode, seen[2]!.maxResponseElements]).toEqual([
      { acceptUnknownEnums: false, ignoreUnknownElements: false },
      undefined,
    ]);
  });

  it("refuses bad configuration and undeclared headers before calling the transport", async () => {
    const t = memoryTransport(() => {
      throw new Error("must not be called");
    });
    expect(() => new ClientCore(demoMeta, { transport: t, timeoutMs: Number.NaN })).toThrow(/invalid timeoutMs/);
    expect(() => new ClientCore(demoMeta, { transport: t, decode: { unknownElements: "skip" as never } })).toThrow(
      /decode\.unknownElements must be one of/,
    );
    expect(() => new ClientCore(demoMeta, { transport: t, maxResponseElements: 0 })).toThrow(
      /invalid maxResponseElements/,
    );
    expect(() => new ClientCore(demoMeta, { transport: t, httpHeaders: { "X-A": "a\r\nb" } })).toThrow(
      SerializationError,
    );
    const core = new ClientCore(demoMeta, { transport: t });
    await expect(core.invoke("Nope")).rejects.toThrow(SoapkitError);
    await expect(core.invoke("Echo", {}, { headers: { Bogus: 1 } as never })).rejects.toThrow(/unknown SOAP header/);
  });
});
