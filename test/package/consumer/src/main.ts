// A user's app (ESM): the generated EMail client from the installed packages, run with plain node.
import { SoapkitError } from "@soapkit/runtime";
import { createEMailClient, type EMailAgent } from "./generated/index.js";

async function run(): Promise<void> {
  const email: EMailAgent = createEMailClient({
    endpoint: process.env["SOAPKIT_ENDPOINT"] ?? "http://127.0.0.1:9/missing",
    headers: { ApplicationToken: process.env["SO_APP_TOKEN"] ?? "", Credentials: { Ticket: process.env["SO_TICKET"] ?? "" } },
    timeoutMs: 10_000,
  });
  await email.syncEmailAccount({ SyncUserAccount: { AccountId: 1, AssociateId: 5, AssociateName: "ANNE" } });
  console.log(JSON.stringify({ consumer: "esm", ok: true, errorBase: typeof SoapkitError }));
}

run().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
