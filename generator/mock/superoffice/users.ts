/**
 * Accounts the profile knows (login and REST `Authorization: Basic`). Passwords are compared in
 * constant time, also for unknown user names, so timing does not reveal which names exist.
 */

import { timingSafeEqual } from "node:crypto";

export interface SuperOfficeUser {
  userName: string;
  password: string;
  associateId?: number;
  personId?: number;
  contactId?: number;
  fullName?: string;
  email?: string;
  functionRights?: string[];
}

/** Constant-time comparison of two secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

/** The user with this name (case-insensitive) and password, else undefined. */
export function verifyUser(
  users: readonly SuperOfficeUser[],
  userName: string,
  password: string,
): SuperOfficeUser | undefined {
  const user = users.find((u) => u.userName.toLowerCase() === userName.toLowerCase());
  const ok = sameSecret(user?.password ?? "\u0000", password);
  return ok ? user : undefined;
}

/** `Basic base64(user:password)` → the verified user, else undefined. */
export function verifyBasic(users: readonly SuperOfficeUser[], value: string): SuperOfficeUser | undefined {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  return verifyUser(users, decoded.slice(0, i), decoded.slice(i + 1));
}
