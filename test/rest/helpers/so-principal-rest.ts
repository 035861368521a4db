/**
 * SuperOffice has no WebAPI agent for SoPrincipal, so the project's metadata has no
 * `restAgent` for it (soapkit.config.json: `"rest": false`). The REST codec must still handle
 * its shapes (a three-field, non-unwrapped response wrapper), so these tests use the
 * generated SoPrincipal client over the REST transport with metadata that names an agent.
 */
import type { SoPrincipal } from "../../../generated/index.js";
import { SoPrincipalMetadata } from "../../../generated/so-principal/metadata.js";
import {
  ClientCore,
  restTransport,
  superOfficeProfile,
  type CallOptions,
  type CompactMetadata,
} from "../../../runtime/index.js";

/** SoPrincipal metadata with a REST agent, for the emulator's REST routes (after `loadMetadata`) and the client below. */
export const SoPrincipalRestMetadata: CompactMetadata = { ...SoPrincipalMetadata, restAgent: "SoPrincipal" };

export function soPrincipalOverRest(options: { baseUrl?: string; applicationToken?: string } = {}) {
  const transport = restTransport(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {});
  const headers = options.applicationToken !== undefined ? { ApplicationToken: options.applicationToken } : {};
  const core = new ClientCore(SoPrincipalRestMetadata, { transport, headers, profile: superOfficeProfile });
  return {
    call: (operation: string, params: unknown, o?: CallOptions) => core.invoke(operation, params as object, o),
    async authenticateUsernamePassword(
      params: SoPrincipal.AuthenticateUsernamePasswordRequest,
      o?: CallOptions,
    ): Promise<SoPrincipal.AuthenticateResponse> {
      return (await core.invoke<SoPrincipal.AuthenticateResponse>("AuthenticateUsernamePassword", params, o)).result;
    },
    async getSystemInfo(params?: SoPrincipal.GetSystemInfoRequest, o?: CallOptions) {
      return (await core.invoke("GetSystemInfo", params, o)).result;
    },
  };
}
