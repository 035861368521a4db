// A user's app (ESM): the generated EMail client from the installed packages, run with plain node.
// One client class, two transports: SOAP (soap's HTTP client) and, when a REST base URL is
// given, the SuperOffice REST WebAPI (`restTransport`) with the same ticket and token.
import { SoapkitError, restTransport, soapHttpTransport } from "@soapkit/runtime";
import { createEMailClient, type EMailAgent } from "./generated/index.js";

const headers = {
  ApplicationToken: process.env["SO_APP_TOKEN"] ?? "",
  Credentials: { Ticket: process.env["SO_TICKET"] ?? "" },
};
const input = { SyncUserAccount: { AccountId: 1, AssociateId: 5, AssociateName: "ANNE" } };

async function run(): Promise<void> {
  const email: EMailAgent = createEMailClient({
    transport: soapHttpTransport({ endpoint: process.env["SOAPKIT_ENDPOINT"] ?? "http://127.0.0.1:9/missing" }),
    headers,
    timeoutMs: 10_000,
  });
  await email.syncEmailAccount(input);
  const restBase = process.env["SOAPKIT_REST_BASE"];
  if (restBase !== undefined) {
    const rest: EMailAgent = createEMailClient({
      transport: restTransport({ baseUrl: restBase }),
      headers,
      timeoutMs: 10_000,
    });
    await rest.syncEmailAccount(input);
  }
  console.log(
    JSON.stringify({ consumer: "esm", ok: true, errorBase: typeof SoapkitError, rest: restBase !== undefined }),
  );
}

run().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
