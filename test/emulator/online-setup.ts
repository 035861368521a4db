/**
 * The emulator as SuperOffice CRM Online for the system-user tests: one tenant (`Cust12345`)
 * whose EMail agent lives under its root, the partner system user service checking a partner key
 * generated here (test-only, never stored), and a clock the tests move.
 */
import { generateKeyPairSync } from "node:crypto";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { emailService } from "./email-service.js";
import type { SystemUserLoginOptions } from "../../runtime/index.js";

export const CTX = "Cust12345";
export const SECRETS = {
  applicationToken: "online-app-client-secret-5521",
  systemUserToken: "Soapkit Emulator Test-qM8IzmEUb2",
} as const;

/** The partner's key pair (what SuperOffice registers: the public half). */
export const partner = generateKeyPairSync("rsa", { modulusLength: 2048 });
export const partnerPem = partner.privateKey.export({ format: "pem", type: "pkcs8" }) as string;

export async function startOnlineEmulator(): Promise<Emulator> {
  return startEmulator({
    applicationToken: SECRETS.applicationToken,
    services: [await emailService(`/${CTX}/Remote/Services84/EMail.svc`)],
    tenants: { [CTX]: {} },
    systemUser: {
      partnerPublicKey: partner.publicKey.export({ format: "pem", type: "spki" }) as string,
      systemUserTokens: { [CTX]: SECRETS.systemUserToken },
      netserverPath: "/Remote/Services84/",
    },
  });
}

/** Login options against the emulator; the client's clock is the emulator's. */
export function loginOptions(emulator: Emulator, over: Partial<SystemUserLoginOptions> = {}): SystemUserLoginOptions {
  return {
    loginBaseUrl: emulator.url,
    contextIdentifier: CTX,
    applicationToken: SECRETS.applicationToken,
    systemUserToken: SECRETS.systemUserToken,
    privateKey: partnerPem,
    now: () => new Date(emulator.clock.now()),
    ...over,
  };
}

/** Every ticket the emulator saw in a call (SOAP `Credentials` or REST `Authorization`). */
export function ticketsSeen(emulator: Emulator): string[] {
  const seen = emulator.received.map((c) => (c.headers["Credentials"] as { Ticket?: unknown } | undefined)?.Ticket);
  return [...new Set(seen.filter((t): t is string => typeof t === "string" && t !== ""))];
}
