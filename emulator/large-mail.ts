/**
 * A large mail for the EMail agent store: one message whose attachment is `bytes` deterministic
 * bytes from `seed`, generated while the answer is written (GetEMail's `Stream`, GetEMailAsStream's
 * MIME message), never held whole: `store.addMessage(largeMessage({ id: 900, bytes: 200 * MiB }))`.
 */
import type { StoredMessage } from "./email-agent.js";
import { deterministicBytes } from "./streamed-mail.js";

export interface LargeMailOptions {
  /** `EmailItemId` (GetEMail's `Id`). */
  id: number;
  /** `ServerId` (GetEMailAsStream's `MessageServerId`); default `id + 10000`. */
  serverId?: number;
  /** Attachment size. */
  bytes: number;
  /** Seed of the attachment's bytes (default 1): `deterministicBytes(bytes, seed)` gives them again. */
  seed?: number;
  accountId?: number;
}

export function largeMessage(options: LargeMailOptions): StoredMessage {
  const seed = options.seed ?? 1;
  return {
    id: options.id,
    serverId: options.serverId ?? options.id + 10000,
    accountId: options.accountId ?? 1,
    folderId: 1,
    folderName: "INBOX",
    from: { name: "Bob Berg", address: "bob@example.test" },
    to: [{ name: "Anna Andersen", address: "anna@example.test" }],
    subject: `Large mail (${options.bytes} bytes)`,
    plainBody: "The archive is attached.",
    sent: "2021-11-30T15:00:00Z",
    receivedAt: "2021-11-30T15:00:02Z",
    attachments: [
      {
        filename: `large-${seed}.bin`,
        contentType: "application/octet-stream",
        data: deterministicBytes(options.bytes, seed),
      },
    ],
  };
}
