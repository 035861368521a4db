/**
 * The project emulator with large mail, in a process of its own (so that a test measures the
 * client's memory alone, and the emulator's separately). Prints `{"url", "endpoint",
 * "restBaseUrl", "appToken", "ticket"}` when listening; then reads one command per line on stdin:
 * `{"add": {"id", "bytes", "seed"}}` adds a large message (answers `{"added": id}`), `{"measure":
 * true}` answers `{"baseRss", "peakRss"}` — this process's RSS when the last measurement started
 * and its peak since, sampled every 10 ms — and starts a new measurement.
 */
import { createInterface } from "node:readline";
import { EMailAgentStore, largeMessage, startEmulator, type LargeMailOptions } from "../../emulator/index.js";
import { emailService } from "../emulator/email-service.js";

const APP_TOKEN = "large-mail-app-token";
const TICKET = "7T:large-mail-emulator-ticket";
const PATH = "/Cust12345/Remote/Services84/EMail.svc";

const store = new EMailAgentStore();
const emulator = await startEmulator({
  applicationToken: APP_TOKEN,
  validTickets: [TICKET],
  services: [await emailService(PATH, { store })],
});
let baseRss = process.memoryUsage.rss();
let peakRss = baseRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
const say = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
say({
  url: emulator.url,
  endpoint: emulator.endpoint(PATH),
  restBaseUrl: `${emulator.url}/Cust12345`,
  appToken: APP_TOKEN,
  ticket: TICKET,
});
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { add?: LargeMailOptions; measure?: true };
  if (command.add !== undefined) {
    store.addMessage(largeMessage(command.add));
    say({ added: command.add.id });
  } else if (command.measure === true) {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    say({ baseRss, peakRss });
    globalThis.gc?.();
    baseRss = process.memoryUsage.rss();
    peakRss = baseRss;
  }
}
clearInterval(sampler);
await emulator.close();
