/**
 * In-memory implementation of the project's Services84 EMail subset, written against plain
 * typed values (the same shapes the generated types will have: WSDL field names, ints as
 * numbers, dateTime as lexical strings, base64 as bytes), so that both the SOAP emulator and a
 * REST front end (`POST /api/v1/Agents/EMail/<Method>` takes the same parameter names) can use it.
 *
 * - `EMailAgentStore`: the state and the operations as plain methods.
 * - `createEMailImplementation(store)`: operation handlers keyed by WSDL operation name; each
 *   takes the input wrapper (`{ SyncUserAccount: {...} }`) and returns the output wrapper
 *   (`{ Response: ... }`, or `undefined` for void). With a `CallContext` the output is fitted
 *   to the service's metadata (unknown fields dropped, values converted to its TypeMapping).
 */

import { ServiceException } from "soapkit/mock/superoffice";
import { fitToType } from "./meta-util.js";
import type { CallContext } from "./handlers.js";
import { concatBytes, mimeBase64, sizeOf } from "./streamed-mail.js";

// ------------------------------------------------------------------------------ value shapes

export interface SyncUserAccountValue {
  AccountId?: number;
  AssociateName?: string | null;
  AssociateId?: number;
  [carrierField: string]: unknown;
}

export interface EMailAddressValue {
  ContactId: number;
  ContactName: string | null;
  PersonId: number;
  PersonName: string | null;
  AssociateId: number;
  Address: string | null;
  EmailId: number;
  DuplicatePersonIds: number[] | null;
  Name: string | null;
}

export interface EMailAttachmentValue {
  Description: string | null;
  Filename: string | null;
  Size: number;
  Type: string | null;
  Encoding: string | null;
  Id: string | null;
  Disposition: string | null;
  Stream: Uint8Array | null;
}

export interface EMailSOInfoValue {
  DocumentId: number;
  AppointmentId: number;
  ProjectId: number;
  SaleId: number;
  Archived: boolean;
  ArchivedAt: string;
  ArchivedBy: number;
  ArchivedDisplayName: string | null;
}

export interface EMailEnvelopeValue {
  ServerId: number;
  MessageId: string | null;
  Subject: string | null;
  From: EMailAddressValue | null;
  To: EMailAddressValue[] | null;
  Sent: string;
  Priority: string;
  Flags: string[];
  Size: number;
  EMailSOInfo: EMailSOInfoValue | null;
}

export interface EMailEntityValue {
  To: EMailAddressValue[] | null;
  Cc: EMailAddressValue[] | null;
  Bcc: EMailAddressValue[] | null;
  Subject: string | null;
  HTMLBody: string | null;
  From: EMailAddressValue | null;
  Sent: string;
  Size: number;
  Priority: string;
  Flags: string[];
  MessageID: string | null;
  PlainBody: string | null;
  IsSent: boolean;
  EMailSOInfo: EMailSOInfoValue | null;
  ServerId: number;
  Attachments: EMailAttachmentValue[] | null;
  CustomHeaderList: { Name: string | null; Values: string[] | null }[] | null;
  FolderName: string | null;
  EmailItemId: number;
  AccountId: number;
  ReceivedAt: string;
  InReplyTo: EMailEnvelopeValue | null;
  RepliedAt: string;
}

/** A message in the store (the seed/input form; everything else is derived). */
export interface StoredMessage {
  /** `EmailItemId` (SuperOffice id, used by `GetEMail` and `HasNewMail`). */
  id: number;
  /** `ServerId` (IMAP UID, used by `GetEMailEnvelopes` / `GetEMailAsStream`). */
  serverId: number;
  accountId: number;
  folderId: number;
  folderName: string;
  from: { name: string; address: string };
  to: { name: string; address: string }[];
  cc?: { name: string; address: string }[];
  subject: string;
  plainBody: string;
  htmlBody?: string;
  /** Lexical xs:dateTime. */
  sent: string;
  receivedAt: string;
  priority?: string;
  flags?: string[];
  attachments?: { filename: string; contentType: string; data: Uint8Array; description?: string }[];
  customHeaders?: { name: string; values: string[] }[];
}

export interface SyncRecord {
  account: SyncUserAccountValue;
  /** How many times the account was synced. */
  syncCount: number;
  lastSyncedAt: string;
}

export interface EMailAgentStoreOptions {
  accounts?: SyncUserAccountValue[];
  messages?: StoredMessage[];
  /** Clock for `lastSyncedAt` (lexical dateTime); default: a fixed, advancing fake clock. */
  now?: () => string;
}

/** WCF's `DateTime.MinValue`, what SuperOffice sends for "no date". */
export const MIN_DATETIME = "0001-01-01T00:00:00";

// ------------------------------------------------------------------------------------ store

export class EMailAgentStore {
  private readonly accounts = new Map<number, SyncRecord>();
  private readonly messages = new Map<number, StoredMessage>();
  private readonly now: () => string;
  /** One entry per SyncEmailAccount(s) sync, in call order (state right after that sync). */
  readonly syncRecords: SyncRecord[] = [];

  constructor(options: EMailAgentStoreOptions = {}) {
    let tick = 0;
    this.now =
      options.now ??
      (() => {
        const d = new Date(Date.UTC(2021, 10, 30, 13, 22, 10) + 1000 * tick++);
        return d.toISOString().slice(0, 19);
      });
    for (const a of options.accounts ?? []) this.upsert(a, false);
    for (const m of options.messages ?? defaultMessages()) this.addMessage(m);
  }

  addMessage(m: StoredMessage): void {
    this.messages.set(m.id, m);
  }

  /** `SyncEmailAccount`: record (or update) the account and count a sync. */
  syncEmailAccount(account: SyncUserAccountValue | null | undefined): void {
    if (account === null || account === undefined) {
      throw new ServiceException("Value cannot be null.\r\nParameter name: syncUserAccount", {
        exceptionType: "System.ArgumentNullException",
        friendlyText: "No account to synchronize was given.",
      });
    }
    this.upsert(account, true);
    const rec = this.accounts.get(account.AccountId ?? 0)!;
    this.syncRecords.push({ ...rec, account: { ...rec.account } });
  }

  /** `SyncEmailAccounts`. */
  syncEmailAccounts(accounts: readonly SyncUserAccountValue[] | null | undefined): void {
    for (const a of accounts ?? []) this.syncEmailAccount(a);
  }

  /** `GetReadySyncEmailAccounts`: every known account, by AccountId. */
  getReadySyncEmailAccounts(): SyncUserAccountValue[] {
    return [...this.accounts.values()]
      .sort((a, b) => (a.account.AccountId ?? 0) - (b.account.AccountId ?? 0))
      .map((r) => r.account);
  }

  syncRecord(accountId: number): SyncRecord | undefined {
    return this.accounts.get(accountId);
  }

  /** `HasNewMail`: is there a message in the folder newer than `mailItemId`? (folder 0 = any) */
  hasNewMail(mailItemId: number, folderId: number): boolean {
    for (const m of this.messages.values()) {
      if ((folderId === 0 || m.folderId === folderId) && m.id > mailItemId) return true;
    }
    return false;
  }

  /** `GetEMail`: the full entity, or `null` when unknown. */
  getEMail(id: number, includeAttachments: boolean): EMailEntityValue | null {
    const m = this.messages.get(id);
    if (m === undefined) return null;
    const size = sizeOf(rfc822(m, !includeAttachments));
    return {
      To: m.to.map((a, i) => address(a, i + 1)),
      Cc: (m.cc ?? []).map((a, i) => address(a, 100 + i)),
      Bcc: [],
      Subject: m.subject,
      HTMLBody: m.htmlBody ?? null,
      From: address(m.from, 0),
      Sent: m.sent,
      Size: size,
      Priority: m.priority ?? "Normal",
      Flags: m.flags ?? ["Seen"],
      MessageID: messageId(m),
      PlainBody: m.plainBody,
      IsSent: m.folderName.toLowerCase() === "sent",
      EMailSOInfo: soInfo(),
      ServerId: m.serverId,
      Attachments: (m.attachments ?? []).map((a, i) => ({
        Description: a.description ?? a.filename,
        Filename: a.filename,
        Size: sizeOf(a.data),
        Type: a.contentType,
        Encoding: "base64",
        Id: `att${i + 1}`,
        Disposition: "attachment",
        Stream: includeAttachments ? a.data : null,
      })),
      CustomHeaderList: (m.customHeaders ?? []).map((h) => ({ Name: h.name, Values: h.values })),
      FolderName: m.folderName,
      EmailItemId: m.id,
      AccountId: m.accountId,
      ReceivedAt: m.receivedAt,
      InReplyTo: null,
      RepliedAt: MIN_DATETIME,
    };
  }

  /** `GetEMailEnvelopes`: envelopes for the given server ids (all when none are given). */
  getEMailEnvelopes(
    _connectionInfo: unknown,
    messageServerIds: readonly number[] | null | undefined,
  ): EMailEnvelopeValue[] {
    const wanted =
      messageServerIds !== null && messageServerIds !== undefined && messageServerIds.length > 0
        ? new Set(messageServerIds)
        : undefined;
    return [...this.messages.values()]
      .filter((m) => wanted === undefined || wanted.has(m.serverId))
      .sort((a, b) => a.serverId - b.serverId)
      .map((m) => ({
        ServerId: m.serverId,
        MessageId: messageId(m),
        Subject: m.subject,
        From: address(m.from, 0),
        To: m.to.map((a, i) => address(a, i + 1)),
        Sent: m.sent,
        Priority: m.priority ?? "Normal",
        Flags: m.flags ?? ["Seen"],
        Size: sizeOf(rfc822(m, false)),
        EMailSOInfo: soInfo(),
      }));
  }

  /** `GetEMailAsStream`: the RFC 822 message bytes, or `null` when unknown. */
  getEMailAsStream(_connectionInfo: unknown, messageServerId: number, stripAttachments: boolean): Uint8Array | null {
    for (const m of this.messages.values()) if (m.serverId === messageServerId) return rfc822(m, stripAttachments);
    return null;
  }

  private upsert(account: SyncUserAccountValue, synced: boolean): void {
    const id = account.AccountId ?? 0;
    const prev = this.accounts.get(id);
    this.accounts.set(id, {
      account: { ...account },
      syncCount: (prev?.syncCount ?? 0) + (synced ? 1 : 0),
      lastSyncedAt: synced ? this.now() : (prev?.lastSyncedAt ?? MIN_DATETIME),
    });
  }
}

function address(a: { name: string; address: string }, n: number): EMailAddressValue {
  return {
    ContactId: 10 + n,
    ContactName: "SuperOffice ASA",
    PersonId: 100 + n,
    PersonName: a.name,
    AssociateId: 0,
    Address: a.address,
    EmailId: 1000 + n,
    DuplicatePersonIds: [],
    Name: a.name,
  };
}

function soInfo(): EMailSOInfoValue {
  return {
    DocumentId: 0,
    AppointmentId: 0,
    ProjectId: 0,
    SaleId: 0,
    Archived: false,
    ArchivedAt: MIN_DATETIME,
    ArchivedBy: 0,
    ArchivedDisplayName: null,
  };
}

function messageId(m: StoredMessage): string {
  return `<${m.id}.${m.serverId}@mail.example.test>`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function rfcDate(lexical: string): string {
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(lexical) ? lexical : `${lexical}Z`);
  if (Number.isNaN(d.getTime())) return lexical;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function mailbox(a: { name: string; address: string }): string {
  return `"${a.name.replace(/["\\]/g, "\\$&")}" <${a.address}>`;
}

/** Minimal RFC 822 / MIME rendering (CRLF line ends); streamed when an attachment is. */
function rfc822(m: StoredMessage, stripAttachments: boolean): Uint8Array {
  const head = [
    `Message-ID: ${messageId(m)}`,
    `Date: ${rfcDate(m.sent)}`,
    `From: ${mailbox(m.from)}`,
    `To: ${m.to.map(mailbox).join(", ")}`,
    ...(m.cc !== undefined && m.cc.length > 0 ? [`Cc: ${m.cc.map(mailbox).join(", ")}`] : []),
    `Subject: =?utf-8?B?${Buffer.from(m.subject, "utf8").toString("base64")}?=`,
    ...(m.customHeaders ?? []).flatMap((h) => h.values.map((v) => `${h.name}: ${v}`)),
    "MIME-Version: 1.0",
  ];
  const attachments = stripAttachments ? [] : (m.attachments ?? []);
  if (attachments.length === 0) {
    const plain = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", m.plainBody, ""];
    return concatBytes([[...head, ...plain].join("\r\n")]);
  }
  const boundary = `=_soapkit_${m.id}`;
  const text = [`--${boundary}`, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", ""];
  const parts: (string | Uint8Array)[] = [
    [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, "", ...text, m.plainBody].join("\r\n"),
  ];
  for (const a of attachments) {
    parts.push(
      [
        "",
        `--${boundary}`,
        `Content-Type: ${a.contentType}; name="${a.filename}"`,
        "Content-Transfer-Encoding: base64",
        `Content-Disposition: attachment; filename="${a.filename}"`,
        "",
      ].join("\r\n"),
    );
    if (sizeOf(a.data) > 0) parts.push("\r\n", mimeBase64(a.data));
  }
  parts.push(`\r\n--${boundary}--\r\n`);
  return concatBytes(parts);
}

function defaultMessages(): StoredMessage[] {
  const me = { name: "Anna Andersen", address: "anna@example.test" };
  const bob = { name: "Bob Berg", address: "bob@example.test" };
  return [
    {
      id: 101,
      serverId: 5001,
      accountId: 1,
      folderId: 1,
      folderName: "INBOX",
      from: bob,
      to: [me],
      subject: "Quarterly report",
      plainBody: "Hi Anna,\r\nthe report is attached.\r\nBob",
      htmlBody: "<p>Hi Anna,</p><p>the report is attached.</p><p>Bob</p>",
      sent: "2021-11-30T13:22:10",
      receivedAt: "2021-11-30T13:22:12",
      priority: "Normal",
      flags: ["Seen"],
      attachments: [
        {
          filename: "report.bin",
          contentType: "application/octet-stream",
          data: Uint8Array.from([0x00, 0xff, 0x10, 0x80, 0x7f]),
        },
      ],
      customHeaders: [{ name: "X-Mailer", values: ["soapkit emulator"] }],
    },
    {
      id: 102,
      serverId: 5002,
      accountId: 1,
      folderId: 1,
      folderName: "INBOX",
      from: bob,
      to: [me],
      cc: [{ name: "Carl Carlsen", address: "carl@example.test" }],
      subject: "Lunch? (smørbrød & kaffe)",
      plainBody: "Lunch at 12?",
      sent: "2021-11-30T14:00:00Z",
      receivedAt: "2021-11-30T14:00:01Z",
      priority: "High",
      flags: ["Seen", "Flagged"],
    },
    {
      id: 103,
      serverId: 5003,
      accountId: 1,
      folderId: 2,
      folderName: "Sent",
      from: me,
      to: [bob],
      subject: "Re: Lunch?",
      plainBody: "Sure.",
      sent: "2021-11-30T14:05:00Z",
      receivedAt: "2021-11-30T14:05:00Z",
      priority: "Normal",
      flags: ["Seen", "Answered"],
    },
  ];
}

// ------------------------------------------------------------------------- operation handlers

/** Handler form usable from SOAP (with ctx) and REST (without). */
export type AgentHandler = (input: Record<string, unknown>, ctx?: CallContext) => unknown;

function num(v: unknown, dflt = 0): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return dflt;
}

function numArray(v: unknown): number[] | null {
  return Array.isArray(v) ? v.map((x) => num(x)) : null;
}

/** Fit an output wrapper to the called operation's metadata when called through SOAP. */
function out(ctx: CallContext | undefined, value: Record<string, unknown>): Record<string, unknown> {
  if (ctx === undefined) return value;
  const op = ctx.metadata.operations[ctx.operation];
  if (op === undefined || op.output === null) return value;
  return fitToType(ctx.metadata, op.output.type, value) as Record<string, unknown>;
}

/** Operation handlers for the EMail subset, keyed by WSDL operation name. */
export function createEMailImplementation(store: EMailAgentStore): Record<string, AgentHandler> {
  return {
    SyncEmailAccount: (input) => {
      store.syncEmailAccount(input["SyncUserAccount"] as SyncUserAccountValue | null | undefined);
      return undefined;
    },
    SyncEmailAccounts: (input) => {
      store.syncEmailAccounts(input["SyncUserAccounts"] as SyncUserAccountValue[] | null | undefined);
      return undefined;
    },
    GetReadySyncEmailAccounts: (_input, ctx) => out(ctx, { Response: store.getReadySyncEmailAccounts() }),
    HasNewMail: (input, ctx) =>
      out(ctx, { Response: store.hasNewMail(num(input["MailItemId"]), num(input["FolderId"])) }),
    GetEMail: (input, ctx) =>
      out(ctx, { Response: store.getEMail(num(input["Id"]), input["IncludeAttachments"] === true) }),
    GetEMailEnvelopes: (input, ctx) =>
      out(ctx, { Response: store.getEMailEnvelopes(input["ConnectionInfo"], numArray(input["MessageServerIds"])) }),
    GetEMailAsStream: (input, ctx) =>
      out(ctx, {
        Response: store.getEMailAsStream(
          input["ConnectionInfo"],
          num(input["MessageServerId"]),
          input["StripAttachments"] === true,
        ),
      }),
  };
}
