/**
 * Everything SuperOffice-specific, plugged into the generic pipeline: the REST WebAPI
 * transport (agent routes, base-URL rules, ticket/app-token headers, WebAPI error bodies),
 * the `Succeeded=false`/`ExceptionInfo` SOAP convention (a service profile), and the
 * SoPrincipal login.
 */
export { SuperOfficeError, type ExceptionInfoLike } from "./super-office-error.js";
export { superOfficeProfile } from "./profile.js";
export { restTransport, type RestTransportOptions } from "./rest-transport.js";
export { type RestAuth } from "./rest-auth.js";
export { restBaseUrlFromAddress } from "./base-url.js";
export { WebApiError, webApiErrorBody, exceptionInfoFromJson, type WebApiErrorBody } from "./web-api-error.js";
export {
  authenticate,
  createSession,
  AuthenticationError,
  type AuthenticateOptions,
  type SoSession,
  type PrincipalAgentLike,
  type PrincipalClientFactoryOptions,
} from "./login.js";
export { accessTokenLogin, type AccessTokenLoginOptions, type AccessTokenPrincipalLike } from "./access-token-login.js";
export {
  bearerProvider,
  isBearerRejection,
  type BearerProvider,
  type BearerProviderOptions,
  type BearerToken,
} from "./bearer-provider.js";
export { servicePath, LATEST_SERVICES_VERSION, type ServicesVersion } from "./services-version.js";
export { systemUserLogin, type SystemUserLoginOptions, type SystemUserSession } from "./system-user/exchange.js";
export { verifySystemUserJwt, type JwtValidation, type JwtClaims } from "./system-user/jwt.js";
export { signSystemUserToken } from "./system-user/sign-token.js";
export { readPrivateKey, readPublicKey } from "./system-user/rsa-xml.js";
export { SystemUserError, type SystemUserFailure } from "./system-user/system-user-error.js";
export {
  ticketProvider,
  isTicketRejection,
  type TicketProvider,
  type TicketProviderOptions,
  type TicketSessionLike,
} from "./ticket-provider.js";
export {
  tenantResolver,
  tenantTransport,
  TenantUnavailableError,
  type TenantResolver,
  type TenantResolverOptions,
  type TenantState,
} from "./tenant.js";
