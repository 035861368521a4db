/**
 * The large-mail server in a process of its own (so that a test measures the client's memory
 * alone): prints `{"endpoint": ..., "restBaseUrl": ...}` when listening, then one `{"sent": [...]}` line per
 * finished response; reads plans (`LargeMailPlan` JSON) one per line on stdin.
 */
import { createInterface } from "node:readline";
import { startLargeMailServer } from "./large-mail-server.js";

const server = await startLargeMailServer();
server.onSent = (sent) => process.stdout.write(`${JSON.stringify({ sent })}\n`);
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, restBaseUrl: server.restBaseUrl })}\n`);
for await (const line of createInterface({ input: process.stdin })) server.next = JSON.parse(line);
await server.close();
