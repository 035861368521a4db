// Type-level tests of the committed generated/ output (compiled by test/types/compile.test.ts;
// every `@ts-expect-error` must really be an error, or compilation fails).
import type { EMail } from "../../../generated/index.js";
import { createEMailClient, type EMailAgent } from "../../../generated/index.js";
import { EMailPriorityValues } from "../../../generated/email/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const ok = <T extends true>(_: T): void => undefined;

// minOccurs=0 → optional; nillable → | null; required stays required
ok<Equals<EMail.SyncUserAccount["AccountId"], number | undefined>>(true);
ok<Equals<EMail.SyncUserAccount["AssociateName"], string | null | undefined>>(true);
// ArrayOfint through the element-level q1 prefix → number[]
ok<Equals<EMail.EMailAddress["DuplicatePersonIds"], number[] | null | undefined>>(true);
// enumerations → string-literal unions; flags (xs:list) → arrays of the literal union
ok<Equals<EMail.EMailPriority, "NoPriority" | "Highest" | "High" | "Normal" | "Low" | "Lowest">>(true);
ok<Equals<typeof EMailPriorityValues, readonly EMail.EMailPriority[]>>(true);
ok<Equals<EMail.EMailFlags, EMail.EMailFlagsItem[]>>(true);
// inheritance: complexContent/extension → extends
const asCarrier: EMail.Carrier = {} as EMail.SyncUserAccount;
void asCarrier;
// dictionaries: arrays of Key/Value items
ok<Equals<EMail.FieldPropertyDictionary, EMail.FieldPropertyDictionaryKeyValuePair[]>>(true);
ok<Equals<EMail.FieldPropertyDictionaryKeyValuePair["Key"], string | null>>(true);
// dateTime kept as its lexical string, base64 as bytes
ok<Equals<EMail.EMailEntity["Sent"], string | undefined>>(true);

declare const agent: EMailAgent;
async function calls(): Promise<void> {
  const none: void = await agent.syncEmailAccount({ SyncUserAccount: { AccountId: 1 } });
  void none;
  const hasNew: boolean | undefined = await agent.hasNewMail({ MailItemId: 1 });
  void hasNew;
  const stream: Uint8Array | null | undefined = await agent.getEMailAsStream({
    MessageServerId: 1,
    StripAttachments: true,
  });
  void stream;
  // @ts-expect-error unknown parameter name
  await agent.syncEmailAccount({ SyncUserAcount: {} });
  // @ts-expect-error wrong scalar type
  await agent.syncEmailAccount({ SyncUserAccount: { AccountId: "1" } });
  // @ts-expect-error not a value of the enumeration
  const p: EMail.EMailPriority = "Urgent";
  void p;
  const client = createEMailClient({ headers: { ApplicationToken: "x", Credentials: { Ticket: "t" } } });
  // @ts-expect-error headers are typed
  createEMailClient({ headers: { Credentials: { Tiket: "t" } } });
  const full = await client.call("HasNewMail", { MailItemId: 1 });
  const succeeded: boolean | undefined = full.headers.Succeeded;
  const result: boolean | undefined = full.result;
  void succeeded;
  void result;

  // Lenient enums are visible in the types: only `call()` takes `unknownEnumValues: "accept"`,
  // and its result widens every enumeration to `E | (string & {})`.
  const lenient = await client.call("GetEMail", { Id: 1 }, { decode: { unknownEnumValues: "accept" } });
  const priority = lenient.result?.Priority;
  ok<Equals<typeof priority, EMail.EMailPriority | (string & {}) | undefined>>(true);
  const strict = await client.call("GetEMail", { Id: 1 }, { decode: { unknownElements: "ignore" } });
  ok<Equals<typeof strict.result, EMail.EMailEntity | null | undefined>>(true);
  // @ts-expect-error typed methods never return values outside their declared types
  await client.getEMail({ Id: 1 }, { decode: { unknownEnumValues: "accept" } });
  // @ts-expect-error nor does a client-wide setting: the generated types would lie for every method
  createEMailClient({ decode: { unknownEnumValues: "accept" } });
}
void calls;

// Metadata is internal: typed as the runtime's opaque CompactMetadata, and not re-exported by
// the module or root index (it stays out of users' autocomplete).
import type { CompactMetadata } from "../../../runtime/index.js";
import { EMailMetadata } from "../../../generated/email/metadata.js";
import type * as EMailModule from "../../../generated/email/index.js";
import type * as Root from "../../../generated/index.js";
ok<Equals<typeof EMailMetadata, CompactMetadata>>(true);
ok<Equals<"EMailMetadata" extends keyof typeof EMailModule ? true : false, false>>(true);
ok<Equals<"EMailMetadata" extends keyof typeof Root ? true : false, false>>(true);
// the format version is part of the type: metadata of another version does not compile
// @ts-expect-error v5 is not a format this runtime reads (it reads 1 to 4)
const future: CompactMetadata = { ...EMailMetadata, v: 5 };
void future;
