/**
 * SuperOffice has no WebAPI agent for SoPrincipal, so the project's generated/ has no REST
 * client for it (soapkit.config.json: `"rest": false`). The REST codec must still handle its
 * shapes (a three-field, non-unwrapped response wrapper), so these tests build the same REST
 * client the generator would emit, directly on the runtime's `RestClientCore`.
 */
import type { SoPrincipal } from "../../../generated/index.js";
import { SoPrincipalMetadata } from "../../../generated/so-principal/metadata.js";
import { RestClientCore, type CompactMetadata, type RestCallOptions, type RestClientOptions } from "../../../runtime/index.js";

/** SoPrincipal metadata with a REST agent, for the emulator's REST routes and the client below. */
export const SoPrincipalRestMetadata: CompactMetadata = { ...SoPrincipalMetadata, restAgent: "SoPrincipal" };

export function createSoPrincipalRestClient(options: RestClientOptions = {}) {
  const core = new RestClientCore(SoPrincipalRestMetadata, options);
  return {
    call: (operation: string, params: unknown, o?: RestCallOptions) => core.invoke(operation, params as object, o),
    async authenticateUsernamePassword(params: SoPrincipal.AuthenticateUsernamePasswordRequest, o?: RestCallOptions): Promise<SoPrincipal.AuthenticateResponse> {
      return (await core.invoke<SoPrincipal.AuthenticateResponse>("AuthenticateUsernamePassword", params, o)).result;
    },
    async getSystemInfo(params?: SoPrincipal.GetSystemInfoRequest, o?: RestCallOptions) {
      return (await core.invoke("GetSystemInfo", params, o)).result;
    },
  };
}
