/**
 * NetServer service versions in endpoint paths (`/Remote/Services88/EMail.svc`). SuperOffice asks
 * apps to use the latest published version; older ones stay callable by naming them.
 */

/** A NetServer service version: `Services84`, `Services88`, … */
export type ServicesVersion = `Services${number}`;

/** The latest published version, the default wherever soapkit builds a service path. */
export const LATEST_SERVICES_VERSION: ServicesVersion = "Services88";

/** `/Remote/{version}/{agent}.svc` (for example `/Remote/Services88/SoPrincipal.svc`). */
export function servicePath(agent: string, version: ServicesVersion = LATEST_SERVICES_VERSION): string {
  if (!/^Services\d{2,3}$/.test(version))
    throw new TypeError(`invalid SuperOffice services version ${JSON.stringify(version)}: use e.g. "Services88"`);
  return `/Remote/${version}/${agent}.svc`;
}
