/**
 * A local SuperOffice-like EMail endpoint on 127.0.0.1 that writes large attachments as base64
 * while the client reads them (never holding a whole attachment): `GetEMail` answers an
 * EMailEntity with one `EMailAttachment/Stream` per size in `next.attachments`, and
 * `GetEMailAsStream` the bytes of the first size as `Response`. The SHA-256 of every sent
 * attachment is recorded, so a test can compare what arrived. `next.fault` breaks the response
 * on purpose: the connection dropped mid-attachment, the document ended cleanly mid-attachment,
 * a non-base64 character, or `Succeeded=false`. The REST twin (`/api/v1/Agents/EMail/…`)
 * answers the same data as JSON (or, for GetEMailAsStream with `restBinary`, as raw bytes).
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type LargeMailFault = "drop-connection" | "end-document" | "bad-base64" | "succeeded-false";

export interface LargeMailPlan {
  attachments: number[];
  fault?: LargeMailFault | undefined;
  /** REST GetEMailAsStream answers the bytes as `application/octet-stream` instead of a JSON string. */
  restBinary?: boolean | undefined;
}

export interface SentAttachment {
  readonly bytes: number;
  readonly sha256: string;
}

export interface LargeMailServer {
  /** SOAP endpoint. */
  readonly endpoint: string;
  /** REST base URL (`…/Cust12345`): `POST {restBaseUrl}/api/v1/Agents/EMail/<Operation>`. */
  readonly restBaseUrl: string;
  /** What the next responses send. */
  next: LargeMailPlan;
  /** The attachments of the last response, in order (complete only when the response was). */
  readonly sent: SentAttachment[];
  /** Called when a response has been written completely. */
  onSent?: ((sent: readonly SentAttachment[]) => void) | undefined;
  close(): Promise<void>;
}

const NS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
/** 192 KiB of random bytes, a multiple of 3: blocks encode to base64 without padding. */
const BLOCK = 192 * 1024;

export async function startLargeMailServer(): Promise<LargeMailServer> {
  const block = randomBytes(BLOCK);
  const sent: SentAttachment[] = [];
  const state: LargeMailServer = {
    endpoint: "",
    restBaseUrl: "",
    next: { attachments: [1024] },
    sent,
    close: () => Promise.resolve(),
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const action = String(req.headers["soapaction"] ?? "");
      const rest = (req.url ?? "").includes("/api/v1/Agents/EMail/");
      const kind =
        action.endsWith('/GetEMailAsStream"') || (req.url ?? "").endsWith("/GetEMailAsStream") ? "stream" : "entity";
      const plan = { ...state.next };
      sent.length = 0;
      (rest ? respondRest : respond)(res, kind, plan, block, sent).then(
        () => state.onSent?.([...sent]),
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}/Cust12345/Remote/Services84/EMail.svc`,
    restBaseUrl: `http://127.0.0.1:${port}/Cust12345`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

async function respond(
  res: http.ServerResponse,
  kind: "stream" | "entity",
  plan: LargeMailPlan,
  block: Buffer,
  sent: SentAttachment[],
): Promise<void> {
  res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
  const succeeded = plan.fault === "succeeded-false" ? "false" : "true";
  await write(
    res,
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">` +
      `<s:Header><Succeeded xmlns="${NS}">${succeeded}</Succeeded></s:Header><s:Body>`,
  );
  if (kind === "stream") {
    await write(res, `<GetEMailAsStreamResponse xmlns="${NS}"><Response>`);
    if (!(await attachment(res, plan.attachments[0] ?? 0, plan.fault, block, sent))) return;
    await write(res, `</Response></GetEMailAsStreamResponse>`);
  } else {
    await write(
      res,
      `<GetEMailResponse xmlns="${NS}"><Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
        `<Subject>Large mail</Subject><Attachments>`,
    );
    for (const [i, size] of plan.attachments.entries()) {
      await write(res, `<EMailAttachment><Filename>part-${i}.bin</Filename><Size>${size}</Size><Stream>`);
      if (!(await attachment(res, size, i === plan.attachments.length - 1 ? plan.fault : undefined, block, sent)))
        return;
      await write(res, `</Stream></EMailAttachment>`);
    }
    await write(res, `<EMailAttachment><Filename>none</Filename><Stream i:nil="true"/></EMailAttachment>`);
    await write(res, `</Attachments><ServerId>7</ServerId></Response></GetEMailResponse>`);
  }
  res.end(`</s:Body></s:Envelope>`);
}

/** The REST twin: JSON (the entity, or the bytes as a base64 string) or the bytes themselves. */
async function respondRest(
  res: http.ServerResponse,
  kind: "stream" | "entity",
  plan: LargeMailPlan,
  block: Buffer,
  sent: SentAttachment[],
): Promise<void> {
  if (kind === "stream") {
    const binary = plan.restBinary === true;
    res.writeHead(200, { "content-type": binary ? "application/octet-stream" : "application/json; charset=utf-8" });
    if (!binary) await write(res, '"');
    if (!(await attachment(res, plan.attachments[0] ?? 0, plan.fault, block, sent, binary))) return;
    res.end(binary ? "" : '"');
    return;
  }
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  await write(res, `{"Subject":"Large mail","Attachments":[`);
  for (const [i, size] of plan.attachments.entries()) {
    await write(res, `{"Filename":"part-${i}.bin","Size":${size},"Stream":"`);
    if (!(await attachment(res, size, i === plan.attachments.length - 1 ? plan.fault : undefined, block, sent))) return;
    await write(res, `"},`);
  }
  res.end(`{"Filename":"none","Stream":null}],"ServerId":7}`);
}

/** Write `size` bytes as base64 (or raw); false when a fault ended the response. */
async function attachment(
  res: http.ServerResponse,
  size: number,
  fault: LargeMailFault | undefined,
  block: Buffer,
  sent: SentAttachment[],
  binary = false,
): Promise<boolean> {
  const hash = createHash("sha256");
  const breakAt = fault === undefined || fault === "succeeded-false" ? -1 : Math.floor(size / 2 / BLOCK) * BLOCK;
  for (let at = 0, n = 0; at < size || at === breakAt; at += BLOCK, n++) {
    if (at === breakAt) {
      if (fault === "bad-base64") {
        await write(res, "QUJD*REVG");
        return true; // the rest of the document follows; nothing recorded as sent
      }
      if (fault === "end-document") res.end();
      else res.destroy();
      return false;
    }
    const chunk = Buffer.from(block.subarray(0, Math.min(BLOCK, size - at)));
    if (chunk.length >= 4) chunk.writeUInt32BE(n, 0); // every block differs
    hash.update(chunk);
    await write(res, binary ? chunk : chunk.toString("base64"));
  }
  sent.push({ bytes: size, sha256: hash.digest("hex") });
  return true;
}

function write(res: http.ServerResponse, text: string | Buffer): Promise<void> {
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onClose = (): void => reject(new Error("client went away"));
    res.once("close", onClose);
    res.once("drain", () => {
      res.off("close", onClose);
      resolve();
    });
  });
}
