/**
 * The emulator streams large mail (issue 14): a message added with `largeMessage` answers
 * GetEMail's attachment `Stream` and GetEMailAsStream's MIME message as base64 written chunk by
 * chunk, over SOAP and the REST WebAPI, with the ticket and application token checks of every
 * call. The bytes that arrive must equal `deterministicBytes(size, seed)`.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import {
  EMailAgentStore,
  deterministicBytes,
  largeMessage,
  startEmulator,
  type Emulator,
} from "../../emulator/index.js";
import { SuperOfficeError, restTransport, soapHttpTransport, type Transport } from "../../runtime/index.js";
import { emailService } from "../emulator/email-service.js";

const MiB = 1024 * 1024;
const APP_TOKEN = "large-mail-app-token";
const TICKET = "7T:large-mail-emulator-ticket";
const SIZE = 3 * MiB + 1; // not a multiple of 3: the last base64 group is padded
const ATTACHMENTS = "Response/Attachments/EMailAttachment/Stream";

let emulator: Emulator;

beforeAll(async () => {
  const store = new EMailAgentStore();
  store.addMessage(largeMessage({ id: 900, bytes: SIZE, seed: 7 }));
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    services: [await emailService("/Cust12345/Remote/Services84/EMail.svc", { store })],
  });
});
afterAll(() => emulator.close());

async function digest(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> {
  const hash = createHash("sha256");
  for await (const c of chunks) hash.update(c);
  return hash.digest("hex");
}

const transports: Record<string, () => Transport> = {
  soap: () => soapHttpTransport({ endpoint: emulator.endpoint("/Cust12345/Remote/Services84/EMail.svc") }),
  rest: () => restTransport({ baseUrl: `${emulator.url}/Cust12345` }),
};

function client(transport: Transport, ticket = TICKET) {
  return createEMailClient({ transport, headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: ticket } } });
}

/** Collects streamed bytes in memory (small sizes only). */
function collect(into: Buffer[]) {
  return {
    consume: async (_part: unknown, body: AsyncIterable<Uint8Array>) => {
      for await (const c of body) into.push(Buffer.from(c));
    },
  };
}

describe.each(Object.keys(transports))("over %s", (name) => {
  const make = transports[name]!;

  it("streams GetEMail's attachment; the bytes are the seed's and the recorded response names the size", async () => {
    const chunks: Buffer[] = [];
    const r = await client(make()).call(
      "GetEMail",
      { Id: 900, IncludeAttachments: true },
      { streamBase64: { path: ATTACHMENTS, to: collect(chunks) } },
    );
    expect(r.result?.Subject).toBe(`Large mail (${SIZE} bytes)`);
    expect(r.result?.Attachments?.[0]?.Size).toBe(SIZE);
    expect(r.result?.Attachments?.[0]?.Filename).toBe("large-7.bin");
    expect(r.streamed).toEqual([{ path: ATTACHMENTS, index: 0, bytes: SIZE, nil: false }]);
    expect(await digest(chunks)).toBe(await digest(deterministicBytes(SIZE, 7).chunks()));
    expect(await digest(chunks)).not.toBe(await digest(deterministicBytes(SIZE, 8).chunks()));
    const recorded = emulator.calls("GetEMail").at(-1)!;
    expect(recorded.transport).toBe(name);
    expect(recorded.outcome).toBe("ok");
    expect(recorded.rawResponse).toContain(`[${SIZE} bytes streamed]`);
    expect(recorded.rawResponse.length).toBeLessThan(10_000);
  });

  it("streams GetEMailAsStream: a MIME message whose attachment part decodes to the seed's bytes", async () => {
    const chunks: Buffer[] = [];
    const r = await client(make()).call(
      "GetEMailAsStream",
      { MessageServerId: 10900, StripAttachments: false },
      { streamBase64: { path: "Response", to: collect(chunks) } },
    );
    const mime = Buffer.concat(chunks).toString("latin1");
    expect(r.streamed?.[0]?.bytes).toBe(mime.length);
    expect(mime).toContain('Content-Disposition: attachment; filename="large-7.bin"\r\n\r\n');
    const body = mime.split('filename="large-7.bin"\r\n\r\n')[1]!.split("\r\n--=_soapkit_900--")[0]!;
    const lines = body.split("\r\n");
    expect(lines.slice(0, -1).every((l) => l.length === 76)).toBe(true);
    expect(await digest([Buffer.from(lines.join(""), "base64")])).toBe(
      await digest(deterministicBytes(SIZE, 7).chunks()),
    );
    // The announced size (GetEMail's Size without attachments stripped) is the streamed message's.
    const whole = await client(make()).getEMail({ Id: 900, IncludeAttachments: false });
    expect(whole?.Size).toBeLessThan(1000);
  });

  it("checks the ticket before streaming anything", async () => {
    const err = await client(make(), "7T:unknown")
      .call("GetEMail", { Id: 900, IncludeAttachments: true }, { streamBase64: { path: ATTACHMENTS, to: collect([]) } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SuperOfficeError);
  });
});
