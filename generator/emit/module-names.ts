/**
 * Module folders and file names of the generated output, in one place: the emitters, the
 * root index and the manifest all take them from here.
 */
import type { ServiceModel } from "../model/types.js";
import { withoutSoapSuffix, type PortNames } from "../naming/assign-names.js";
import { fileSlug } from "../naming/identifiers.js";

/** Module folder per source, unique (`email`, `so-principal`, `email-2`). */
export function uniqueSlugs(sources: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return sources.map((s) => {
    const slug = fileSlug(s);
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    return n === 1 ? slug : `${slug}-${n}`;
  });
}

/** Namespace the root index exports a module as (`EMail`, `Calculator`). */
export function nsIdentifier(model: ServiceModel, slug: string): string {
  const portType = model.ports[0]?.portType;
  const fromPortType = portType !== undefined ? withoutSoapSuffix(portType) : undefined;
  const base = fromPortType ?? slug.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
  return /^[A-Za-z_$][\w$]*$/.test(base) ? base : `_${base.replace(/[^\w$]/g, "_")}`;
}

/**
 * The SOAP client file of a port (no extension): `client`, or `client-<port>` when the WSDL has
 * several ports, unique in the module (naming assigns it: `PortNames.file`).
 */
export function clientFileName(names: Pick<PortNames, "file">): string {
  return names.file;
}
