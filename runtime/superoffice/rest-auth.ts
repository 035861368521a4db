/** `Authorization` of the SuperOffice WebAPI: Basic, SOTicket or Bearer. No Node-only APIs. */
import { SerializationError } from "../errors.js";
import { toBase64 } from "../secrets/base64-forms.js";

export type RestAuth =
  | { readonly scheme: "Basic"; readonly username: string; readonly password: string }
  | { readonly scheme: "SOTicket"; readonly ticket: string }
  | { readonly scheme: "Bearer"; readonly token: string };

/** The header value; the credentials are never quoted in an error. */
export function authorizationHeader(auth: RestAuth, operation: string): string {
  const opt = operation !== "" ? { operation } : undefined;
  switch (auth.scheme) {
    case "Basic":
      if (typeof auth.username !== "string" || typeof auth.password !== "string") {
        throw new SerializationError("auth", "Basic authentication needs a username and a password string", opt);
      }
      if (auth.username.includes(":"))
        throw new SerializationError("auth.username", "a Basic user name cannot contain ':'", opt);
      return `Basic ${toBase64(new TextEncoder().encode(`${auth.username}:${auth.password}`))}`;
    case "SOTicket":
      if (typeof auth.ticket !== "string" || auth.ticket === "")
        throw new SerializationError("auth.ticket", "a ticket string is required", opt);
      return `SOTicket ${auth.ticket}`;
    case "Bearer":
      if (typeof auth.token !== "string" || auth.token === "")
        throw new SerializationError("auth.token", "a token string is required", opt);
      return `Bearer ${auth.token}`;
    default:
      throw new SerializationError("auth.scheme", "unsupported scheme; expected Basic, SOTicket or Bearer", opt);
  }
}

/** The secret values inside a `RestAuth` (password, ticket, token). */
export function authSecrets(auth: RestAuth | undefined): string[] {
  if (auth === undefined) return [];
  if (auth.scheme === "Basic") return [auth.password];
  return [auth.scheme === "SOTicket" ? auth.ticket : auth.token];
}
