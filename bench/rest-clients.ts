/**
 * REST transport versus raw fetch, for the call benchmark: SyncEmailAccount as
 * `POST {base}/api/v1/Agents/EMail/SyncEmailAccount` with a JSON body, `Authorization:
 * SOTicket`, `SO-AppToken` (the lean responder answers 204 like the emulator's REST side).
 * The generated client is `createEMailClient` with `restTransport` from the runtime, over node:http
 * (`nodeHttpExchange`) or fetch; the floors are hand-written fetch and node:http requests.
 */
import * as http from "node:http";
import { APP_TOKEN, SYNC_INPUT, TICKET } from "./config.js";

type Call = () => Promise<void>;
type RestFactory = (options: object) => { syncEmailAccount(p: unknown): Promise<unknown> };

export const REST_PATH = "/api/v1/Agents/EMail/SyncEmailAccount";

/** The generated client factory, used with the REST transport. */
export async function restFactory(): Promise<RestFactory | undefined> {
  const mod = (await import("../generated/index.js")) as Record<string, unknown>;
  const f = mod["createEMailClient"];
  return typeof f === "function" ? (f as RestFactory) : undefined;
}

export async function restAvailable(): Promise<boolean> {
  return (await restFactory()) !== undefined;
}

/** The generated REST client over node:http or fetch; `baseUrl` is the server root (`http://127.0.0.1:PORT`). */
export async function restTransportCall(baseUrl: string, over: "node" | "fetch"): Promise<Call> {
  const factory = await restFactory();
  if (!factory) throw new Error("no createEMailClient in generated/index.ts");
  const { nodeHttpExchange, restTransport } = await import("@soapkit/runtime");
  const client = factory({
    transport: restTransport(over === "node" ? { baseUrl, exchange: nodeHttpExchange() } : { baseUrl }),
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
  });
  return async () => {
    await client.syncEmailAccount(SYNC_INPUT);
  };
}

const REST_HEADERS = {
  Authorization: `SOTicket ${TICKET}`,
  "SO-AppToken": APP_TOKEN,
  Accept: "application/json; charset=utf-8",
  "Content-Type": "application/json; charset=utf-8",
};

/** Hand-written fetch + JSON.stringify. */
export async function restFetchCall(baseUrl: string): Promise<Call> {
  const url = `${baseUrl}${REST_PATH}`;
  const headers = REST_HEADERS;
  return async () => {
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(SYNC_INPUT) });
    await res.arrayBuffer();
    if (res.status !== 204 && res.status !== 200) throw new Error(`rest-fetch: HTTP ${res.status}`);
  };
}

/** Hand-written node:http request (keep-alive agent) + JSON.stringify: the floor for REST. */
export function restHttpCall(baseUrl: string): Call {
  const agent = new http.Agent({ keepAlive: true });
  const target = new URL(baseUrl);
  return () =>
    new Promise<void>((resolve, reject) => {
      const body = Buffer.from(JSON.stringify(SYNC_INPUT), "utf8");
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: REST_PATH,
          method: "POST",
          headers: { ...REST_HEADERS, "Content-Length": body.length },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 204 || res.statusCode === 200
              ? resolve()
              : reject(new Error(`rest-http: HTTP ${res.statusCode}`)),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}
