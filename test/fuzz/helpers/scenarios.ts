/** Seeded secret-echo scenarios: which secret, which echo form, which place, which transport. */
import { ECHO_FORMS, echo, type EchoForm } from "./echo-forms.js";
import type { Prng } from "./prng.js";
import { REST_CONTEXTS, SOAP_CONTEXTS, restReply, soapReply, type Reply } from "./responses.js";

export type TransportName = "soap-http" | "soap-fetch" | "soap-node" | "rest" | "rest-node" | "login";

const isRest = (t: TransportName): boolean => t === "rest" || t === "rest-node";

export interface Secrets {
  readonly ticket: string;
  readonly appToken: string;
  readonly password: string;
}

export interface Scenario {
  readonly name: string;
  readonly transport: TransportName;
  readonly secrets: Secrets;
  /** The request carries `ConnectionInfo.Password` (GetEMailEnvelopes) instead of an empty input. */
  readonly passwordInInput: boolean;
  readonly reply: Reply;
}

const TICKET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";
const PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789&<>\"'%+/!#-_";

export function randomSecrets(r: Prng): Secrets {
  return {
    ticket: `7T:${r.string(56, TICKET_CHARS)}`,
    appToken: r.string(24, TOKEN_CHARS),
    password: r.string(12 + r.int(13), PASSWORD_CHARS),
  };
}

type SecretKind = keyof Secrets;

function replyFor(transport: TransportName, context: string, text: string, cutOffset: number): Reply {
  return isRest(transport)
    ? restReply(context as never, text, cutOffset)
    : soapReply(context as never, text, cutOffset);
}

/** Every place × every echo form, with random secrets and cut points. */
export function echoScenarios(r: Prng, transport: TransportName): Scenario[] {
  const contexts: readonly string[] = isRest(transport) ? REST_CONTEXTS : SOAP_CONTEXTS;
  const kinds: readonly SecretKind[] =
    transport === "login" ? ["password", "appToken"] : ["ticket", "appToken", "password"];
  const out: Scenario[] = [];
  for (const context of contexts) {
    for (const form of ECHO_FORMS) {
      const secrets = randomSecrets(r);
      const kind = context === "int-field" ? r.pick(kinds.filter((k) => k !== "password")) : r.pick(kinds);
      const secret = secrets[kind];
      const text = echo(secret, form, 6 + r.int(secret.length - 11));
      out.push({
        name: `${transport} ${context} ${form} ${kind}`,
        transport,
        secrets,
        passwordInInput: kind === "password" && transport !== "login",
        reply: replyFor(transport, context, text, r.int(text.length)),
      });
    }
  }
  return out;
}

/** The whole secret in an HTML page, the snippet cut falling on every offset in and around it. */
export function cutScenarios(r: Prng, transport: TransportName): Scenario[] {
  const secrets = randomSecrets(r);
  const kind: SecretKind = transport === "login" ? "password" : "ticket";
  const secret = secrets[kind];
  const forms: readonly EchoForm[] = ["whole", "numeric-refs"];
  const out: Scenario[] = [];
  for (const form of forms) {
    const text = echo(secret, form, 6);
    const step = form === "whole" ? 1 : 5;
    for (let offset = -2; offset <= text.length + 2; offset += step) {
      out.push({
        name: `${transport} html cut at ${offset} of ${form} ${kind}`,
        transport,
        secrets,
        passwordInInput: false,
        reply: replyFor(transport, "html", text, offset),
      });
    }
  }
  return out;
}
