// A user's app (CommonJS): compiled to require() calls; @soapkit/runtime (ESM) loads through require(esm).
import { SoapkitError, soapHttpTransport } from "@soapkit/runtime";
import { createEMailClient } from "./generated/index.js";

async function run(): Promise<void> {
  const email = createEMailClient({
    transport: soapHttpTransport({ endpoint: process.env["SOAPKIT_ENDPOINT"] ?? "http://127.0.0.1:9/missing" }),
    headers: {
      ApplicationToken: process.env["SO_APP_TOKEN"] ?? "",
      Credentials: { Ticket: process.env["SO_TICKET"] ?? "" },
    },
  });
  await email.syncEmailAccount({ SyncUserAccount: { AccountId: 1, AssociateId: 5, AssociateName: "ANNE" } });
  console.log(
    JSON.stringify({
      consumer: typeof require === "function" ? "cjs" : "esm",
      ok: true,
      errorBase: typeof SoapkitError,
    }),
  );
}

run().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
