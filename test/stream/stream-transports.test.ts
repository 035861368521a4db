/**
 * Streamed calls through composed transports, against the emulator's large mail: REST streaming
 * goes over the configured exchange (`nodeHttpExchange().stream`), not fetch, and an exchange
 * that cannot stream refuses a streamed call before sending; `tenantTransport` passes a streamed
 * call to the transport of the resolved tenant root (SOAP and REST), follows a moved tenant with
 * it, and refuses it when the resolved transport cannot stream.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import { EMailAgentStore, createEMailImplementation, deterministicBytes, largeMessage } from "../../emulator/index.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { emailService } from "../emulator/email-service.js";
import {
  SoapkitError,
  nodeHttpExchange,
  restTransport,
  soapHttpTransport,
  tenantResolver,
  tenantTransport,
  type HttpExchange,
  type Transport,
} from "../../runtime/index.js";

const MiB = 1024 * 1024;
const APP_TOKEN = "app-token-Zq81-7731";
const TICKET = "7T:Qx9-tt-ticket==";
const CTX = "Cust12345";
const SIZE = 2 * MiB + 2;
const ATTACHMENTS = "Response/Attachments/EMailAttachment/Stream";

let emulator: Emulator;
let expected: string;

beforeAll(async () => {
  const service = await emailService(`/${CTX}/Remote/Services84/EMail.svc`);
  const store = new EMailAgentStore();
  store.addMessage(largeMessage({ id: 700, bytes: SIZE, seed: 3 }));
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    services: [{ ...service, implementation: createEMailImplementation(store) }],
  });
  expected = await digest(deterministicBytes(SIZE, 3).chunks());
});
afterAll(() => emulator.close());

async function digest(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> {
  const hash = createHash("sha256");
  for await (const c of chunks) hash.update(c);
  return hash.digest("hex");
}

/** GetEMail 700 with its attachment streamed: the SHA-256 of what arrived. */
async function streamedAttachment(transport: Transport): Promise<string> {
  const email = createEMailClient({
    transport,
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
  });
  const hash = createHash("sha256");
  const r = await email.call(
    "GetEMail",
    { Id: 700, IncludeAttachments: true },
    {
      streamBase64: {
        path: ATTACHMENTS,
        to: { consume: async (_p, body) => void (await digestInto(hash, body)) },
      },
    },
  );
  expect(r.streamed).toEqual([{ path: ATTACHMENTS, index: 0, bytes: SIZE, nil: false }]);
  return hash.digest("hex");
}

async function digestInto(hash: ReturnType<typeof createHash>, body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const c of body) hash.update(c);
}

describe("REST streaming honours the configured exchange", () => {
  it("streams over nodeHttpExchange().stream, never over fetch", async () => {
    const node = nodeHttpExchange();
    let streams = 0;
    const exchange: HttpExchange = Object.assign((req: Parameters<HttpExchange>[0]) => node(req), {
      stream: (req: Parameters<NonNullable<HttpExchange["stream"]>>[0]) => {
        streams++;
        return node.stream!(req);
      },
    });
    const noFetch = (() => Promise.reject(new Error("fetch must not be used"))) as typeof fetch;
    const transport = restTransport({ baseUrl: `${emulator.url}/${CTX}`, exchange, fetch: noFetch });
    expect(transport.streaming).toBe(true);
    expect(await streamedAttachment(transport)).toBe(expected);
    expect(streams).toBe(1);
  });

  it("an exchange without stream() refuses a streamed call before sending", async () => {
    const node = nodeHttpExchange();
    const transport = restTransport({ baseUrl: `${emulator.url}/${CTX}`, exchange: (req) => node(req) });
    expect(transport.streaming).toBe(false);
    emulator.clear();
    const err = await streamedAttachment(transport).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapkitError);
    expect((err as SoapkitError).code).toBe("ERR_SOAP_CONFIG");
    expect((err as Error).message).toMatch(/GetEMail: the superoffice-rest transport cannot stream responses/);
    expect(emulator.received).toHaveLength(0);
  });
});

describe("tenantTransport streams", () => {
  const over: Record<string, (root: string) => Transport> = {
    soap: (root) => soapHttpTransport({ endpoint: `${root}/Remote/Services84/EMail.svc` }),
    rest: (root) => restTransport({ baseUrl: root }),
  };

  it.each(Object.keys(over))("a streamed call reaches the resolved %s transport", async (kind) => {
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/${CTX}` });
    const transport = tenantTransport(
      tenantResolver({ contextIdentifier: CTX, stateBaseUrl: emulator.url }),
      over[kind]!,
    );
    expect(transport.streaming).toBe(true);
    expect(await streamedAttachment(transport)).toBe(expected);
  });

  it("a streamed call follows a moved tenant (404 at the old root, one re-resolve)", async () => {
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/sod2/${CTX}` });
    const resolver = tenantResolver({ contextIdentifier: CTX, stateBaseUrl: emulator.url });
    await resolver.resolve(); // cached: sod2, where nothing is served
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/${CTX}` });
    emulator.tenants.queries.clear();
    expect(await streamedAttachment(tenantTransport(resolver, over["soap"]!))).toBe(expected);
    expect(emulator.tenants.queries.get(CTX)).toBe(1);
  });

  it("refuses a streamed call when the resolved transport cannot stream", async () => {
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/${CTX}` });
    const node = nodeHttpExchange();
    const transport = tenantTransport(tenantResolver({ contextIdentifier: CTX, stateBaseUrl: emulator.url }), (root) =>
      restTransport({ baseUrl: root, exchange: (req) => node(req) }),
    );
    emulator.clear();
    const err = await streamedAttachment(transport).catch((e: unknown) => e);
    expect((err as SoapkitError).code).toBe("ERR_SOAP_CONFIG");
    expect((err as Error).message).toMatch(/the superoffice-rest transport cannot stream responses/);
    expect(emulator.received).toHaveLength(0);
  });
});
