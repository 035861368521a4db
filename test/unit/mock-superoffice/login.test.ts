/**
 * The profile's SoPrincipal login handler on its own: a ticket issued into the profile's store,
 * the principal fitted to the port's types, and a wrong password as a ServiceException whose
 * output says AuthenticationSucceeded=false (no ticket, no password anywhere).
 */
import { describe, expect, it } from "vitest";
import type { MockContext, MockRequest } from "soapkit/mock";
import { ServiceException, superOfficeProfile } from "soapkit/mock/superoffice";
import { authMetadata } from "../../emulator/fixtures/metadata.js";

const APP = "app-login";
const PASSWORD = "pw-SECRET-1";
const profile = superOfficeProfile({
  applicationToken: APP,
  users: [{ userName: "anne", password: PASSWORD, associateId: 7, fullName: "Anne Admin" }],
});

async function login(userName: string, password: string): Promise<unknown> {
  const operation = authMetadata.operations["AuthenticateUsernamePassword"]!;
  const request: MockRequest = {
    transport: "soap",
    service: { metadata: authMetadata },
    operation,
    input: { UserName: userName, Password: password },
    headers: { ApplicationToken: APP },
    httpHeaders: {},
  };
  const ctx: MockContext = {
    operation: operation.name,
    service: authMetadata.service,
    port: authMetadata.port,
    transport: "soap",
    headers: request.headers,
    httpHeaders: {},
    responseHeaders: {},
    state: new Map(),
    sample: () => undefined,
  };
  expect(await profile.authenticate!(request, ctx)).toBeUndefined();
  return profile.login(request.input, ctx);
}

describe("profile.login", () => {
  it("issues a ticket the profile accepts and answers the principal with the port's fields only", async () => {
    const out = (await login("ANNE", PASSWORD)) as Record<string, Record<string, unknown>>;
    const ticket = out["Credentials"]!["Ticket"] as string;
    expect(ticket).toMatch(/^7T:/);
    expect(profile.tickets.isValid(ticket)).toBe(true);
    expect(out["AuthenticationSucceeded"]).toBe(true);
    expect(out["Response"]).toMatchObject({ AssociateId: 7, FullName: "Anne Admin" });
    // the fixture's PrincipalCarrier has no UserType: dropped
    expect(out["Response"]!["UserType"]).toBeUndefined();
  });

  it("refuses a wrong password or an unknown user with AuthenticationSucceeded=false", async () => {
    for (const [user, pw] of [
      ["anne", "not-the-PASSWORD-9"],
      ["nobody", PASSWORD],
    ] as const) {
      const err = await Promise.resolve()
        .then(() => login(user, pw))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceException);
      const ex = err as ServiceException;
      expect(ex.info.ExceptionType).toBe("SuperOffice.CRM.Security.SoSecurityException");
      expect(ex.output).toEqual({ AuthenticationSucceeded: false });
      expect(`${ex.message} ${JSON.stringify(ex.info)}`).not.toContain(pw);
    }
  });
});
