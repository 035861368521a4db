import { describe, expect, it } from "vitest";
import { SecretSet } from "../../runtime/index.js";
import { decodeEscapes } from "../../runtime/secrets/decoded-view.js";

const TICKET = "7T:Zm9vYmFyLXNlY3JldC10aWNrZXQ";

describe("SecretSet", () => {
  const set = new SecretSet([TICKET, "Corr3ct-Horse-Battery-Staple!", "short"]);

  it("masks whole values, prefixes and suffixes of 6+ characters", () => {
    expect(set.mask(`a ${TICKET} b`)).toBe("a *** b");
    expect(set.mask(`cut ${TICKET.slice(0, 9)}`)).toBe("cut ***");
    expect(set.mask(`${TICKET.slice(-7)} end`)).toBe("*** end");
    expect(set.mask(`${TICKET.slice(0, 5)}`)).toBe(TICKET.slice(0, 5));
  });

  it("masks escaped and split forms, and base64", () => {
    for (const form of [
      `&#55;${TICKET.slice(1)}`,
      [...TICKET].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(""),
      encodeURIComponent(TICKET),
      [...TICKET].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
      `${TICKET.slice(0, 10)}<!-- x -->${TICKET.slice(10)}`,
      btoa(`user:${TICKET}`),
      "Corr3ct-Horse-Battery-Staple!".replace(/-/g, "&#45;"),
    ]) {
      const masked = set.mask(`[${form}]`);
      expect(masked, form).toContain("***");
      // at most the edge characters of a base64 alignment (and the encoded "user:") are left
      expect(masked.replace(/\*\*\*/g, "").length, masked).toBeLessThanOrEqual(14);
    }
  });

  it("keeps words that only share a short middle piece with a secret, and ignores secrets under 6 characters", () => {
    expect(set.mask("Battery, AuthenticateUsernamePassword")).toBe("Battery, AuthenticateUsernamePassword");
    expect(set.mask("a short text")).toBe("a short text");
    expect(new SecretSet([]).mask(TICKET)).toBe(TICKET);
  });

  it("masks 12+ character pieces from the middle (a suffix quoted cut at 40 characters)", () => {
    expect(set.mask(`"${TICKET.slice(3, 18)}"`)).toBe('"***"');
  });
});

describe("decodeEscapes", () => {
  it("maps every decoded character back to its span", () => {
    const v = decodeEscapes("a&amp;b%41<!--c-->\\u0044");
    expect(v.text).toBe("a&bAD");
    expect(v.starts).toEqual([0, 1, 6, 7, 18]);
    expect(v.ends).toEqual([1, 6, 7, 10, 24]);
  });
});

describe("SecretSet on large texts", () => {
  it("masks secrets across the scan windows, escaped too, in bounded time", () => {
    const set = new SecretSet([TICKET]);
    const refs = [...TICKET].map((c) => `&#${c.charCodeAt(0)};`).join("");
    const text = "x".repeat(64 * 1024 - 10) + TICKET + "y".repeat(70 * 1024) + refs + "z".repeat(2_000_000);
    const t0 = performance.now();
    const masked = set.mask(text);
    expect(masked).not.toContain(TICKET.slice(0, 8));
    expect(masked).not.toContain(refs.slice(0, 20));
    expect(masked.length).toBe(text.length - TICKET.length - refs.length + 6);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
