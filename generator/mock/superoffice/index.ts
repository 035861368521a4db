/** `soapkit/mock/superoffice`: the SuperOffice NetServer profile of `soapkit/mock`. */

export { superOfficeProfile, type SuperOfficeProfile, type SuperOfficeProfileOptions } from "./profile.js";
export { ticketOf } from "./call-state.js";
export {
  ServiceException,
  asServiceException,
  type ExceptionInfoValue,
  type ServiceExceptionOptions,
} from "./exception.js";
export { badAppToken, badTicket } from "./access-errors.js";
export { TicketStore, type TicketStoreOptions, type TicketUse } from "./tickets.js";
export { offsetClock, type MockClock } from "./clock.js";
export {
  PartnerSystemUserService,
  type SystemUserOptions,
  type SystemUserTestKnobs,
  type SystemUserLoginRecord,
} from "./system-user.js";
export type { PartnerKey } from "./signed-token.js";
export { TenantDirectory, type TenantSpec } from "./tenants.js";
export { sameSecret, verifyUser, type SuperOfficeUser } from "./users.js";
export type { RestCall } from "./rest-route.js";
