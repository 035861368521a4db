/** The exceptions SuperOffice answers for a bad ticket or application token (tickets never echoed). */

import { ServiceException } from "./exception.js";

export function badTicket(missing: boolean): ServiceException {
  return new ServiceException("Invalid ticket", {
    exceptionType: "SoSessionException",
    friendlyText: "Your session is not valid. Please log in again.",
    source: "SuperOffice.Services84",
    stackTrace: "   at SuperOffice.Services84.Implementation.SoSessionHelper.Authenticate()",
    inner: {
      Message: missing
        ? "No ticket was supplied in the Credentials header"
        : "The ticket is not recognized or has expired",
      StackTrace: "   at SuperOffice.CRM.Security.SoSession.Authenticate(SoCredentials credentials)",
      FriendlyText: null,
      ExceptionType: "SuperOffice.CRM.Security.SoSecurityException",
      Source: "SoCore",
    },
    status: 401,
  });
}

export function badAppToken(missing: boolean): ServiceException {
  return new ServiceException(missing ? "Application token is missing" : "Invalid application token", {
    exceptionType: "SuperOffice.CRM.Security.SoSecurityException",
    friendlyText: "The application is not allowed to access this installation.",
    inner: {
      Message: "ApplicationToken validation failed",
      StackTrace: "   at SuperOffice.CRM.Security.ApplicationTokenValidator.Validate(String token)",
      FriendlyText: null,
      ExceptionType: "SuperOffice.CRM.Security.SoApplicationTokenException",
      Source: "SoCore",
    },
    status: 403,
  });
}
