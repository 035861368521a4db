/**
 * One contract, two transports: every operation of the project's wsdl/ (EMail: 7, SoPrincipal:
 * 2) called over SOAP and over REST against the same emulator, with the same populated data
 * (emulator `sampleInput`/`sampleOutput`, then the EMail agent's in-memory store), must give
 * `toStrictEqual` typed results, and the server must decode the same typed input from both.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient, createSoPrincipalClient } from "../../generated/index.js";
import { SoPrincipalRestMetadata, soPrincipalOverRest } from "./helpers/so-principal-rest.js";
import { emailOverRest } from "./helpers/rest-client.js";
import {
  EMailAgentStore,
  createEMailImplementation,
  startEmulator,
  type Emulator,
  type OperationHandler,
} from "../../emulator/index.js";
import type { ServiceMetadata } from "../../runtime/index.js";
import { soapHttpTransport } from "../../runtime/index.js";
import { sampleInput, sampleOutput } from "soapkit/mock";
import type { RestCall } from "soapkit/mock/superoffice";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { loadMetadata } from "../../runtime/metadata/load.js";

const EMailMeta = loadMetadata(EMailMetadata);
const PrincipalMeta = loadMetadata(SoPrincipalRestMetadata);

const APP_TOKEN = "parity-app-token";
const TICKET = "7T:parity-ticket";
const EMAIL_PATH = "/Cust12345/Remote/Services84/EMail.svc";
const PRINCIPAL_PATH = "/Cust12345/Remote/Services84/SoPrincipal.svc";

let emulator: Emulator;
/** What the sample-driven handlers return next, per operation. */
const nextOutput = new Map<string, unknown>();
let useStore = false;
const store = new EMailAgentStore();
const storeImpl = createEMailImplementation(store);

function implementation(
  meta: ServiceMetadata,
  real: Record<string, OperationHandler>,
): Record<string, OperationHandler> {
  return Object.fromEntries(
    Object.keys(meta.operations).map((op) => [
      op,
      (input, ctx) => (useStore && real[op] ? real[op]!(input, ctx) : nextOutput.get(op)),
    ]),
  );
}

beforeAll(async () => {
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    services: [
      {
        metadata: EMailMeta,
        wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
        path: EMAIL_PATH,
        implementation: implementation(EMailMeta, storeImpl as Record<string, OperationHandler>),
      },
      {
        metadata: PrincipalMeta,
        wsdlXml: await readFile(new URL("../../wsdl/services84/SoPrincipal.wsdl", import.meta.url), "utf8"),
        path: PRINCIPAL_PATH,
        implementation: implementation(PrincipalMeta, {}),
      },
    ],
  });
});
afterAll(() => emulator?.close());

interface AnyClient {
  call(op: string, params: unknown): Promise<{ result: unknown }>;
}

function clients(meta: ServiceMetadata): { soap: AnyClient; rest: AnyClient } {
  const baseUrl = `${emulator.url}/Cust12345`;
  if (meta === EMailMeta) {
    return {
      soap: createEMailClient({
        transport: soapHttpTransport({ endpoint: emulator.endpoint(EMAIL_PATH) }),
        headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
      }) as unknown as AnyClient,
      rest: emailOverRest({
        baseUrl,
        auth: { scheme: "SOTicket", ticket: TICKET },
        applicationToken: APP_TOKEN,
      }) as unknown as AnyClient,
    };
  }
  return {
    soap: createSoPrincipalClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(PRINCIPAL_PATH) }),
      headers: { ApplicationToken: APP_TOKEN },
    }) as unknown as AnyClient,
    rest: soPrincipalOverRest({ baseUrl, applicationToken: APP_TOKEN }) as unknown as AnyClient,
  };
}

async function both(meta: ServiceMetadata, op: string, input: Record<string, unknown>) {
  const { soap, rest } = clients(meta);
  emulator.clear();
  const soapResult = (await soap.call(op, input)).result;
  const restResult = (await rest.call(op, input)).result;
  const [soapCall, restCall] = emulator.calls(op, meta.service);
  return { soapResult, restResult, soapCall: soapCall!, restCall: restCall as RestCall };
}

describe.each([
  ["EMail", EMailMeta, 7],
  ["SoPrincipal", PrincipalMeta, 2],
] as const)("%s: SOAP and REST give the same typed values", (_name, meta, count) => {
  it(`every operation (${count}) with fully populated sample data`, async () => {
    useStore = false;
    const ops = Object.values(meta.operations);
    expect(ops).toHaveLength(count);
    for (const op of ops) {
      const input = sampleInput(meta, op.name);
      const wrapper = sampleOutput(meta, op.name);
      nextOutput.set(op.name, wrapper);
      const { soapResult, restResult, soapCall, restCall } = await both(meta, op.name, input);

      expect(soapCall.transport, op.name).toBe("soap");
      expect(restCall.transport, op.name).toBe("rest");
      expect(restCall.outcome, `${op.name}: ${restCall.error ?? ""}`).toBe("ok");
      expect(restCall.url, op.name).toBe(`/Cust12345/api/v1/Agents/${meta.restAgent}/${op.name}`);
      // the server decodes the same typed input from the envelope and from the JSON body
      expect(restCall.input, `${op.name} input over REST`).toStrictEqual(soapCall.input);
      expect(restCall.input, `${op.name} input`).toStrictEqual(input);

      const expected =
        op.output === null || op.output.empty
          ? undefined
          : op.output.unwrap !== null
            ? wrapper?.[op.output.unwrap]
            : wrapper;
      expect(soapResult, `${op.name} over SOAP`).toStrictEqual(expected);
      expect(restResult, `${op.name} over REST`).toStrictEqual(soapResult);
      expect(restCall.statusCode, op.name).toBe(expected === undefined ? 204 : 200);
    }
  });

  it("nil and absent results: null stays null, absent stays undefined, over both transports", async () => {
    useStore = false;
    let checked = 0;
    for (const op of Object.values(meta.operations)) {
      if (op.output === null || op.output.empty || op.output.unwrap === null) continue;
      const child = (
        meta.types[op.output.type] as { fields: readonly { name: string; nillable: boolean }[] }
      ).fields.find((f) => f.name === op.output!.unwrap)!;
      const variants: [unknown, unknown][] = [[{}, undefined]];
      if (child.nillable) variants.push([{ [op.output.unwrap]: null }, null]);
      for (const [wrapper, expected] of variants) {
        nextOutput.set(op.name, wrapper);
        const { soapResult, restResult } = await both(meta, op.name, sampleInput(meta, op.name));
        expect(soapResult, op.name).toStrictEqual(expected);
        expect(restResult, op.name).toStrictEqual(soapResult);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("EMail agent store: the same in-memory data over both transports", () => {
  it.each([
    ["GetEMail", { Id: 101, IncludeAttachments: true }],
    ["GetEMail", { Id: 102, IncludeAttachments: false }],
    ["GetEMail", { Id: 999, IncludeAttachments: false }],
    ["GetEMailEnvelopes", { ConnectionInfo: null, MessageServerIds: [5001, 5003] }],
    ["GetEMailEnvelopes", { MessageServerIds: [] }],
    ["GetEMailAsStream", { MessageServerId: 5001, StripAttachments: false }],
    ["HasNewMail", { MailItemId: 101, FolderId: 1 }],
    ["HasNewMail", { MailItemId: 103, FolderId: 0 }],
    ["GetReadySyncEmailAccounts", {}],
  ])("%s %j", async (op, input) => {
    useStore = true;
    await clients(EMailMeta).rest.call("SyncEmailAccount", {
      SyncUserAccount: { AccountId: 7, AssociateName: "ANNE", AssociateId: 5 },
    });
    const { soapResult, restResult, restCall } = await both(EMailMeta, op, input);
    expect(restCall.outcome).toBe("ok");
    expect(restResult).toStrictEqual(soapResult);
    if (op === "GetEMailAsStream") expect(Buffer.isBuffer(restResult)).toBe(true);
  });
});
