/**
 * SoPrincipal login (`AuthenticateUsernamePassword`): checks the profile's users, issues a
 * SuperOffice-looking ticket into the profile's ticket store (then valid on every served port,
 * SOAP and REST), and answers an `SoPrincipalCarrier`-like principal fitted to the port's types.
 * A wrong user name or password is a `ServiceException` (`Succeeded=false`, no ticket), like
 * SuperOffice. Passwords are compared in constant time and never logged, recorded or echoed.
 */

import type { OperationMeta } from "@soapkit/runtime";
import type { MockContext, MockHandler } from "../types.js";
import { ServiceException } from "./exception.js";
import { keepDeclared } from "./fit.js";
import { calledPort } from "./call-state.js";
import type { TicketStore } from "./tickets.js";
import { verifyUser, type SuperOfficeUser } from "./users.js";

function loginFailed(output: Record<string, unknown>): ServiceException {
  return new ServiceException("Failed to authenticate: unknown user name or wrong password", {
    exceptionType: "SuperOffice.CRM.Security.SoSecurityException",
    friendlyText: "Login failed. Check your user name and password.",
    source: "SoCore",
    inner: {
      Message: "The user name or password is incorrect",
      StackTrace:
        "   at SuperOffice.CRM.Security.SoPrincipal.AuthenticateUsernamePassword(String userName, String password)",
      FriendlyText: null,
      ExceptionType: "SuperOffice.CRM.Security.SoAuthenticationException",
      Source: "SoCore",
    },
    output,
  });
}

function principal(user: SuperOfficeUser): Record<string, unknown> {
  const associateId = user.associateId ?? 5;
  return {
    UserType: "InternalAssociate",
    Associate: user.userName.toUpperCase(),
    AssociateId: associateId,
    IsPerson: true,
    PersonId: user.personId ?? 5,
    CountryId: 578,
    HomeCountryId: 578,
    ContactId: user.contactId ?? 2,
    GroupId: 2,
    BusinessId: 0,
    CategoryId: 0,
    ContactOwner: associateId,
    RoleId: 1,
    RoleName: "Full rights",
    RoleDescription: "Full rights",
    FullName: user.fullName ?? user.userName,
    EMailAddress: user.email ?? `${user.userName.toLowerCase()}@example.test`,
    FunctionRights: user.functionRights ?? ["allow-sync-email"],
    EjUserId: 0,
    EjAccessLevel: 0,
    Licenses: [],
    ProvidedCredentials: [],
    SecondaryGroups: [],
    DatabaseContextIdentifier: "Cust12345",
  };
}

/** The output wrapper as the mock's handler result (its only part when the client unwraps it). */
function handlerResult(op: OperationMeta, wrapper: unknown): unknown {
  const unwrap = op.output?.unwrap;
  return unwrap === undefined || unwrap === null ? wrapper : (wrapper as Record<string, unknown>)[unwrap];
}

/** The `AuthenticateUsernamePassword` handler of a profile's users and tickets. */
export function loginHandler(users: readonly SuperOfficeUser[], tickets: TicketStore): MockHandler {
  return (input: unknown, ctx: MockContext) => {
    const { meta, op } = calledPort(ctx);
    const fit = (v: Record<string, unknown>) => (op.output === null ? v : keepDeclared(meta, op.output.type, v));
    const args = (input ?? {}) as Record<string, unknown>;
    const userName = typeof args["UserName"] === "string" ? args["UserName"] : "";
    const password = typeof args["Password"] === "string" ? args["Password"] : "";
    const user = verifyUser(users, userName, password);
    if (user === undefined) throw loginFailed({ AuthenticationSucceeded: false });
    const wrapper = {
      Response: principal(user),
      Credentials: { Ticket: tickets.issue() },
      AuthenticationSucceeded: true,
    };
    return handlerResult(op, fit(wrapper));
  };
}
