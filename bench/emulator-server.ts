/**
 * The project emulator (soapkit/mock + the SuperOffice profile) for the call benchmark, serving the project's
 * EMail.wsdl at /Remote/Services84/EMail.svc. Prints `LISTENING <endpoint>`.
 * Stops when its stdin closes or on SIGTERM.
 */
import { readFile } from "node:fs/promises";
import { EMailMetadata } from "../generated/email/metadata.js";
import { loadMetadata } from "../runtime/index.js";
import { EMailAgentStore, createEMailImplementation, startEmulator } from "../emulator/index.js";
import { APP_TOKEN, PROJECT_WSDL, TICKET } from "./config.js";

const PATH = "/Remote/Services84/EMail.svc";
const store = new EMailAgentStore();
const emulator = await startEmulator({
  applicationToken: APP_TOKEN,
  validTickets: [TICKET],
  services: [
    {
      metadata: loadMetadata(EMailMetadata),
      wsdlXml: await readFile(PROJECT_WSDL, "utf8"),
      path: PATH,
      implementation: createEMailImplementation(store),
    },
  ],
});
// Recorded calls would grow without bound over thousands of calls; drop them regularly.
const clearer = setInterval(() => {
  emulator.clear();
  store.syncRecords.length = 0;
}, 200);
process.stdout.write(`LISTENING ${emulator.endpoint(PATH)}\n`);
const stop = async (): Promise<void> => {
  clearInterval(clearer);
  await emulator.close();
  process.exit(0);
};
process.stdin.on("end", () => void stop()).resume();
process.on("SIGTERM", () => void stop());
