/**
 * Cold start: one fresh process, from process start to the first completed SyncEmailAccount.
 * Runs as plain `node` once compiled (bench/cold-build.ts); packages are imported by name, so the
 * runtime is its compiled package (`@soapkit/runtime` → runtime/dist), as users install it.
 *
 *   node cold-start.mjs soapkit <generated index.js> <endpoint>        (nodeHttpTransport, the default)
 *   node cold-start.mjs soapkit-soap <generated index.js> <endpoint>   (soapHttpTransport)
 *   node cold-start.mjs soap <wsdl path> <endpoint>                    (raw soap)
 *
 * Prints `COLD <ms>` where ms is `performance.now()` (time since the process's time origin)
 * right after the first response has been decoded.
 */
import { pathToFileURL } from "node:url";
import { APP_TOKEN, SYNC_INPUT, TICKET, TNS } from "./config.js";

const [mode, target, url] = process.argv.slice(2);
if (!mode || !target || !url) throw new Error("usage: cold-start soapkit|soapkit-soap|soap <module|wsdl> <endpoint>");

if (mode === "soapkit" || mode === "soapkit-soap") {
  const mod = (await import(pathToFileURL(target).href)) as Record<string, unknown>;
  const factory = mod["createEMailClient"] as (o: object) => { syncEmailAccount(p: unknown): Promise<unknown> };
  if (typeof factory !== "function") throw new Error(`${target} has no createEMailClient`);
  const { nodeHttpTransport, soapHttpTransport } = await import("@soapkit/runtime");
  const client = factory({
    transport: mode === "soapkit" ? nodeHttpTransport({ endpoint: url }) : soapHttpTransport({ endpoint: url }),
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
