/**
 * WS-Addressing 1.0 (W3C, SOAP binding) headers for services whose binding requires them
 * (`wsaw:UsingAddressing`, WCF's `wsHttpBinding`): `wsa:Action` (the operation's SOAP action),
 * a fresh `wsa:MessageID`, `wsa:To` (the endpoint) and an anonymous `wsa:ReplyTo`.
 */
import { randomUUID } from "node:crypto";
import type { SoapVersion } from "../metadata.js";
import { escapeText } from "../xml/write.js";

export const WSA_NS = "http://www.w3.org/2005/08/addressing";
const ANONYMOUS = `${WSA_NS}/anonymous`;

export interface AddressingOptions {
  /** `wsa:To` (default: the endpoint the call goes to). */
  readonly to?: string;
  /** `wsa:ReplyTo` address (default: anonymous, the reply comes back on the connection). */
  readonly replyTo?: string;
  /** `mustUnderstand` on Action and To (default `true`, as WCF sends them). */
  readonly mustUnderstand?: boolean;
  /** Message id generator (default `urn:uuid:<random UUID>`). */
  readonly messageId?: () => string;
}

/** The addressing header blocks of one request. */
export function addressingHeaders(
  o: AddressingOptions,
  version: SoapVersion,
  action: string,
  endpoint: string,
): string {
  const mu = o.mustUnderstand === false ? "" : ` soap:mustUnderstand="${version === "1.1" ? "1" : "true"}"`;
  const id = (o.messageId ?? (() => `urn:uuid:${randomUUID()}`))();
  const ns = ` xmlns:wsa="${WSA_NS}"`;
  return (
    `<wsa:Action${ns}${mu}>${escapeText(action)}</wsa:Action>` +
    `<wsa:MessageID${ns}>${escapeText(id)}</wsa:MessageID>` +
    `<wsa:ReplyTo${ns}><wsa:Address>${escapeText(o.replyTo ?? ANONYMOUS)}</wsa:Address></wsa:ReplyTo>` +
    `<wsa:To${ns}${mu}>${escapeText(o.to ?? endpoint)}</wsa:To>`
  );
}

/** Append header blocks at the end of `soap:Header` (creating it before `soap:Body`). */
export function appendHeaders(envelope: string, xml: string): string {
  const close = envelope.indexOf("</soap:Header>");
  if (close !== -1) return envelope.slice(0, close) + xml + envelope.slice(close);
  const body = envelope.indexOf("<soap:Body");
  return `${envelope.slice(0, body)}<soap:Header>${xml}</soap:Header>${envelope.slice(body)}`;
}
