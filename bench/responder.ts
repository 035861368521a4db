/**
 * Minimal node:http responder for the call benchmark, so the client side's cost is what gets
 * measured:
 *  - SOAP: any POST carrying a SyncEmailAccount envelope gets a canned WCF-style response
 *    (Succeeded=true header, empty response wrapper);
 *  - REST: `POST /api/v1/Agents/EMail/SyncEmailAccount` with a JSON body and SOTicket
 *    authorization gets `204 No Content` (a void result, as the emulator's REST side answers).
 * `GET /__cpu` answers the process's CPU time so far (`{"cpuUs":…}`), so that the benchmark can
 * report the server's share of each measured window. `SOAPKIT_BENCH_PIN=1` pins it to CPU 0
 * (bench/calls-pin.ts).
 * Prints `LISTENING <url>`.
 * Stops when its stdin closes (the parent exits) or on SIGTERM.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { pinnedCpus, pinSelf } from "./calls-pin.js";

const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
export const CANNED_SOAP_RESPONSE =
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">` +
  `<s:Header><Succeeded xmlns="${TNS}">true</Succeeded></s:Header>` +
  `<s:Body><SyncEmailAccountResponse xmlns="${TNS}"/></s:Body>` +
  `</s:Envelope>`;
const SOAP_BODY = Buffer.from(CANNED_SOAP_RESPONSE, "utf8");
const FAULT_BODY = Buffer.from(
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>unexpected request</faultstring></s:Fault></s:Body></s:Envelope>`,
);

pinSelf(pinnedCpus("server"));

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/__cpu") {
    const cpu = process.cpuUsage();
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ cpuUs: cpu.user + cpu.system }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    if (req.url?.startsWith("/api/v1/Agents/EMail/SyncEmailAccount")) {
      const ok =
        req.method === "POST" &&
        req.headers.authorization?.startsWith("SOTicket ") === true &&
        body.includes('"SyncUserAccount"');
      if (ok) {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(400, { "Content-Type": "application/json; charset=utf-8" });
        res.end(`{"Error":true,"ErrorType":"BadRequest","Message":"unexpected request"}`);
      }
      return;
    }
    // Cheap sanity check: a real SyncEmailAccount envelope with the headers.
    const ok =
      req.method === "POST" &&
      body.includes("SyncEmailAccount") &&
      body.includes("ApplicationToken") &&
      body.includes("Ticket");
    const payload = ok ? SOAP_BODY : FAULT_BODY;
    res.writeHead(ok ? 200 : 500, { "Content-Type": "text/xml; charset=utf-8", "Content-Length": payload.length });
    res.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`LISTENING http://127.0.0.1:${port}\n`);
});
const stop = (): void => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
};
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
