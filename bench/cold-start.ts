/**
 * Cold start: one fresh process, from process start to the first completed SyncEmailAccount.
 *
 *   node --import tsx bench/cold-start.ts soapkit <generated index.ts> <endpoint>
 *   node --import tsx bench/cold-start.ts soap <wsdl path> <endpoint>
 *
 * Prints `COLD <ms>` where ms is `performance.now()` (time since the process's time origin)
 * right after the first response has been decoded.
 */
import { pathToFileURL } from "node:url";
import { APP_TOKEN, SYNC_INPUT, TICKET, TNS } from "./config.js";

const [mode, target, url] = process.argv.slice(2);
if (!mode || !target || !url) throw new Error("usage: cold-start.ts soapkit|soap <module|wsdl> <endpoint>");

if (mode === "soapkit") {
  const mod = (await import(pathToFileURL(target).href)) as Record<string, unknown>;
  const factory = mod["createEMailClient"] as (o: object) => { syncEmailAccount(p: unknown): Promise<unknown> };
  if (typeof factory !== "function") throw new Error(`${target} has no createEMailClient`);
  const { soapHttpTransport } = await import("../runtime/index.js");
  const client = factory({
    transport: soapHttpTransport({ endpoint: url }),
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
  });
  await client.syncEmailAccount(SYNC_INPUT);
} else if (mode === "soap") {
  const soap = await import("soap");
  const client = await soap.createClientAsync(target, { endpoint: url });
  client.addSoapHeader({ ApplicationToken: APP_TOKEN }, "", "tns", TNS);
  client.addSoapHeader({ Credentials: { Ticket: TICKET } }, "", "tns", TNS);
  const [, , headers] = await (
    client as unknown as { SyncEmailAccountAsync(a: unknown): Promise<[unknown, string, Record<string, unknown>]> }
  ).SyncEmailAccountAsync(SYNC_INPUT);
  if (String(headers?.["Succeeded"]) !== "true") throw new Error("soap: Succeeded header missing");
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(`COLD ${performance.now()}\n`);
process.exit(0);
