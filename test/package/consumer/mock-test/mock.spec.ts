// A user's test (vitest): the mock from the installed `soapkit` package, a scripted handler typed
// by the generated operation map, the generated client calling it, assertions on mock.calls.
import { afterAll, beforeAll, expect, it } from "vitest";
import { soapHttpTransport } from "@soapkit/runtime";
import { soapFault, startMock, type MockServer } from "soapkit/mock";
import { createEMailClient, type EMailOperations } from "../src/generated/index.js";
import { EMailMetadata } from "../src/generated/services84-email/metadata.js";

let mock: MockServer<EMailOperations>;
beforeAll(async () => {
  mock = await startMock<EMailOperations>(EMailMetadata);
});
afterAll(() => mock.close());

it("scripts a handler and records the calls", async () => {
  mock.handle("HasNewMail", (input) => input.FolderId === 7);
  mock.handle("GetEMail", () => {
    throw soapFault("no such mail", { code: "Client" });
  });
  const email = createEMailClient({ transport: soapHttpTransport({ endpoint: mock.endpoint() }) });
  expect(await email.hasNewMail({ FolderId: 7 })).toBe(true);
  expect(await email.hasNewMail({ FolderId: 8 })).toBe(false);
  await expect(email.getEMail({ Id: 1 })).rejects.toThrow("no such mail");
  expect(mock.calls.map((c) => [c.operation, c.outcome, c.input])).toEqual([
    ["HasNewMail", "ok", { FolderId: 7 }],
    ["HasNewMail", "ok", { FolderId: 8 }],
    ["GetEMail", "fault", { Id: 1 }],
  ]);
});
