/**
 * SoPrincipal login for the emulator: `AuthenticateUsernamePassword` checks the configured
 * users, issues a SuperOffice-looking ticket (`7T:...`) and registers it with the emulator's
 * ticket store (the SuperOffice profile's), so the ticket is then accepted by every hosted service (EMail, ...).
 * A wrong user name or password answers `Succeeded=false` + `ExceptionInfo` (HTTP 200, no
 * fault), like SuperOffice. Passwords are compared in constant time and never logged,
 * recorded in error text, or echoed.
 */

import { ServiceException, verifyUser, type SuperOfficeUser } from "soapkit/mock/superoffice";
import { fitToType } from "./meta-util.js";
import type { CallContext, OperationHandler } from "./handlers.js";

export interface SoPrincipalOptions {
  users: readonly SuperOfficeUser[];
}

/** Handlers for the SoPrincipal service (`AuthenticateUsernamePassword`). */
export function createSoPrincipalImplementation(options: SoPrincipalOptions): Record<string, OperationHandler> {
  const users = options.users.map((u) => ({ ...u }));
  return {
    AuthenticateUsernamePassword: (input: Record<string, unknown>, ctx: CallContext) => {
      const op = ctx.metadata.operations[ctx.operation];
      const outType = op?.output?.type;
      const fit = (v: Record<string, unknown>) =>
        outType !== undefined ? (fitToType(ctx.metadata, outType, v) as Record<string, unknown>) : v;
      const userName = typeof input["UserName"] === "string" ? input["UserName"] : "";
      const password = typeof input["Password"] === "string" ? input["Password"] : "";
      const user = verifyUser(users, userName, password);
      if (user === undefined) {
        throw new ServiceException("Failed to authenticate: unknown user name or wrong password", {
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
          output: fit({ AuthenticationSucceeded: false }),
        });
      }
      const ticket = ctx.tickets.issue();
      const associateId = user.associateId ?? 5;
      return fit({
        Response: {
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
        },
        Credentials: { Ticket: ticket },
        AuthenticationSucceeded: true,
      });
    },
  };
}
