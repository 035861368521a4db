/**
 * The project emulator in a child process (IPC), for the load test: client and server run
 * in separate processes as in production and can use both cores.
 *
 * Protocol (process.send / 'message'):
 *   parent → { type: "start", tickets, applicationToken } ; child → { type: "ready", url, path }
 *   parent → { type: "collect" } ; child → { type: "records", records, rss, heapUsed } (and forgets them)
 *   parent → { type: "stop" }    ; the child closes the emulator and exits.
 * Only compact records travel back (transport, operation, outcome, AccountId, ticket, app token).
 */
import { readFile } from "node:fs/promises";
import { EMailMetadata } from "../../../generated/email/metadata.js";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { createEMailImplementation, EMailAgentStore, startEmulator, type Emulator } from "../../../emulator/index.js";

export const EMULATOR_PATH = "/Remote/Services84/EMail.svc";

export interface CompactRecord {
  readonly transport: string;
  readonly operation: string;
  readonly outcome: string;
  readonly accountId: number | undefined;
  readonly ticket: string | undefined;
  readonly applicationToken: unknown;
}

export type ParentMessage =
  { type: "start"; tickets: string[]; applicationToken: string } | { type: "collect" } | { type: "stop" };
export type ChildMessage =
  | { type: "ready"; url: string; path: string }
  | { type: "records"; records: CompactRecord[]; rss: number; heapUsed: number }
  | { type: "error"; message: string };

// Only when started as the emulator child (a vitest fork has an IPC channel too).
if (process.env["SOAPKIT_EMULATOR_CHILD"] === "1" && process.send !== undefined) {
  let emulator: Emulator | undefined;
  let store: EMailAgentStore | undefined;
  const send = (m: ChildMessage): void => {
    process.send?.(m);
  };
  process.on("message", (m: ParentMessage) => {
    void (async () => {
      try {
        if (m.type === "start") {
          store = new EMailAgentStore();
          emulator = await startEmulator({
            applicationToken: m.applicationToken,
            validTickets: m.tickets,
            services: [
              {
                metadata: loadMetadata(EMailMetadata),
                wsdlXml: await readFile(new URL("../../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
                path: EMULATOR_PATH,
                implementation: createEMailImplementation(store),
              },
            ],
          });
          send({ type: "ready", url: emulator.url, path: EMULATOR_PATH });
        } else if (m.type === "collect") {
          const records: CompactRecord[] = (emulator?.received ?? []).map((r) => ({
            transport: r.transport,
            operation: r.operation,
            outcome: r.outcome,
            accountId: (
              (r.input as Record<string, unknown> | undefined)?.["SyncUserAccount"] as
                { AccountId?: number } | undefined
            )?.AccountId,
            ticket: (r.headers["Credentials"] as { Ticket?: string } | undefined)?.Ticket,
            applicationToken: r.headers["ApplicationToken"],
          }));
          emulator?.clear();
          if (store !== undefined) store.syncRecords.length = 0;
          const mem = process.memoryUsage();
          send({ type: "records", records, rss: mem.rss, heapUsed: mem.heapUsed });
        } else {
          await emulator?.close();
          process.exit(0);
        }
      } catch (e) {
        send({ type: "error", message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  process.on("disconnect", () => process.exit(0));
}
