/**
 * The SOAP call pipeline of the generated client without the network (bench-only helper): a
 * transport that builds the request as nodeHttpTransport does and answers the lean responder's
 * canned response, timed over windows of calls. It shows how much of a call's cost is the JIT
 * warming up the runtime: bench/calls.ts measures c=1 over calls 400–1,400 and c=50 over
 * 1,400–4,400 of a fresh process.
 *
 *   node --import tsx bench/calls-pipeline.ts [windows=400,1000,3000,20000]
 */
import type { PreparedCall, Transport } from "@soapkit/runtime";
import { createEMailClient } from "../generated/index.js";
import { APP_TOKEN, SYNC_INPUT, TICKET, TNS } from "./config.js";

const R = "../runtime/dist/";
const { buildSoapRequest } = (await import(`${R}soap/request.js`)) as typeof import("../runtime/soap/request.js");
const { interpretSoapResponse } = (await import(
  `${R}soap/response.js`
)) as typeof import("../runtime/soap/response.js");
const { exchangeText } = (await import(
  `${R}soap/response-text.js`
)) as typeof import("../runtime/soap/response-text.js");

const CANNED =
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">` +
  `<s:Header><Succeeded xmlns="${TNS}">true</Succeeded></s:Header>` +
  `<s:Body><SyncEmailAccountResponse xmlns="${TNS}"/></s:Body></s:Envelope>`;
const bytes = Buffer.from(CANNED, "utf8");
const URL = "http://127.0.0.1/Remote/Services84/EMail.svc";

const transport: Transport = {
  kind: "bench-no-network",
  target: () => URL,
  async unary(call: PreparedCall) {
    const request = buildSoapRequest(call, "1.1", {}, URL);
    if (Buffer.from(request.envelope, "utf8").length === 0) throw new Error("empty envelope");
    await Promise.resolve(); // the response arrives later, as over a socket
    const headers = { "content-type": "text/xml; charset=utf-8", "content-length": String(bytes.length) };
    return interpretSoapResponse(call, "1.1", URL, exchangeText({ status: 200, headers, body: bytes }, "", URL));
  },
};

const client = createEMailClient({
  transport,
  headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
});
const windows = (process.argv[2] ?? "400,1000,3000,20000").split(",").map(Number);
let done = 0;
for (const n of windows) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await client.syncEmailAccount(SYNC_INPUT);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(
    `calls ${done}–${done + n}: ${((wall * 1000) / n).toFixed(1)} µs/call wall, ${((cpu.user + cpu.system) / n).toFixed(1)} µs/call CPU (all threads: the JIT compiles on its own)\n`,
  );
  done += n;
}
