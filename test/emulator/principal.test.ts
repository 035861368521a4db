import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";

import { startEmulator, type Emulator } from "../../emulator/index.js";
import { authMetadata, authWsdl, echoMetadata, echoWsdl } from "./fixtures/metadata.js";
import { action, child, envelope, isNil, maybeChild, post, soapBody, soapHeader } from "./helpers.js";

const APP = "1234567-1234-9876";
const PASSWORD = "s3cret-Pa55word!";

let emu: Emulator;
const spies: MockInstance[] = [];

beforeAll(async () => {
  for (const m of ["log", "info", "warn", "error", "debug"] as const) spies.push(vi.spyOn(console, m));
  spies.push(vi.spyOn(process.stdout, "write"), vi.spyOn(process.stderr, "write"));
  emu = await startEmulator({
    applicationToken: APP,
    users: [{ userName: "anne", password: PASSWORD, associateId: 5, fullName: "Anne Admin" }],
    services: [
      {
        metadata: authMetadata,
        wsdlXml: authWsdl,
        path: "/Remote/Auth.svc",
        implementation: {},
      },
      { metadata: echoMetadata, wsdlXml: echoWsdl, path: "/Remote/Echo.svc", implementation: {} },
    ],
  });
});

afterAll(async () => {
  await emu.close();
  for (const s of spies) s.mockRestore();
});

function login(userName: string, password: string, appToken: string | null = APP) {
  return post(
    emu.endpoint("/Remote/Auth.svc"),
    action("Auth", "AuthenticateUsernamePassword"),
    envelope({
      appToken,
      body: `<e:AuthenticateUsernamePassword><e:UserName>${userName}</e:UserName><e:Password>${password}</e:Password></e:AuthenticateUsernamePassword>`,
    }),
  );
}

describe("SoPrincipal login", () => {
  it("issues a ticket that the other services accept", async () => {
    const res = await login("anne", PASSWORD);
    expect(res.status).toBe(200);
    expect(child(soapHeader(res.root)!, "Succeeded").text).toBe("true");
    const wrapper = child(soapBody(res.root), "AuthenticateResponse");
    const ticket = child(child(wrapper, "Credentials"), "Ticket").text;
    expect(ticket).toMatch(/^7T:[A-Za-z0-9+/=]+$/);
    expect(child(wrapper, "AuthenticationSucceeded").text).toBe("true");
    const principal = child(wrapper, "Response");
    expect(child(principal, "AssociateId").text).toBe("5");
    expect(child(principal, "FullName").text).toBe("Anne Admin");
    // Fields the fixture's PrincipalCarrier lacks (UserType, RoleName, ...) were dropped.
    expect(maybeChild(principal, "UserType")).toBeUndefined();

    const echo = await post(
      emu.endpoint("/Remote/Echo.svc"),
      action("Echo", "Ping"),
      envelope({ appToken: APP, ticket, body: `<e:Ping/>` }),
    );
    expect(child(soapHeader(echo.root)!, "Succeeded").text).toBe("true");
    expect(emu.calls("Ping").at(-1)!.outcome).toBe("ok");

    // A second login issues a different ticket.
    const again = await login("ANNE", PASSWORD);
    const ticket2 = child(child(child(soapBody(again.root), "AuthenticateResponse"), "Credentials"), "Ticket").text;
    expect(ticket2).not.toBe(ticket);
  });

  it("answers a wrong password with Succeeded=false + ExceptionInfo and no ticket", async () => {
    for (const [user, pw] of [
      ["anne", "wrong-password"],
      ["nobody", PASSWORD],
    ] as const) {
      emu.clear();
      const res = await login(user, pw);
      expect(res.status).toBe(200);
      const header = soapHeader(res.root)!;
      expect(child(header, "Succeeded").text).toBe("false");
      const info = child(header, "ExceptionInfo");
      expect(child(info, "ExceptionType").text).toBe("SuperOffice.CRM.Security.SoSecurityException");
      expect(child(info, "Message").text).toMatch(/authenticate/i);
      expect(child(child(info, "InnerException"), "Message").text).not.toBe("");
      expect(isNil(child(child(info, "InnerException"), "FriendlyText"))).toBe(true);
      const wrapper = child(soapBody(res.root), "AuthenticateResponse");
      expect(maybeChild(wrapper, "Credentials")).toBeUndefined();
      expect(child(wrapper, "AuthenticationSucceeded").text).toBe("false");
      // The password never appears in the response or in the recorded error.
      expect(res.text).not.toContain(pw);
      const call = emu.received[0]!;
      // Answered (HTTP 200) with Succeeded=false, as checked above.
      expect(call.outcome).toBe("ok");
      expect(call.error ?? "").not.toContain(pw);
      expect(call.rawResponse).not.toContain(pw);
    }
  });

  it("requires the application token for login", async () => {
    emu.clear();
    const res = await login("anne", PASSWORD, "not-the-token");
    expect(child(soapHeader(res.root)!, "Succeeded").text).toBe("false");
    expect(child(child(soapHeader(res.root)!, "ExceptionInfo"), "Message").text).toBe("Invalid application token");
    expect(emu.received[0]!.outcome).toBe("rejected");
    expect(maybeChild(child(soapBody(res.root), "AuthenticateResponse"), "Credentials")).toBeUndefined();
  });

  it("never printed anything (no tickets, tokens or passwords on the console)", () => {
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });
});
