/**
 * Minimal node:http SOAP responder for the call benchmark: answers every SOAP POST with a
 * canned WCF-style SyncEmailAccount response (Succeeded=true header, empty response
 * wrapper), so the client side's cost is what gets measured. Prints `LISTENING <url>`.
 * Stops when its stdin closes (the parent exits) or on SIGTERM.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

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

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    // Cheap sanity check: a real SyncEmailAccount envelope with the headers.
    const ok = req.method === "POST" && body.includes("SyncEmailAccount") && body.includes("ApplicationToken") && body.includes("Ticket");
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
