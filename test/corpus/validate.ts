/**
 * Schema validation of corpus documents with `xmllint` against the WSDL's own schemas
 * (test/helpers/wsdl-schemas.ts), a few xmllint processes per WSDL (one per SOAP version and
 * core), and the classification of what it reports:
 * - `errors`: everything that is a real schema violation;
 * - `facets`: a sample value outside a facet of its simple type (`[facet 'pattern']`, lengths,
 *   ranges): the sample generator knows the base type only (metadata has no facets), so these
 *   are pinned per WSDL by the test instead of counted as soapkit errors. A value outside an
 *   `xs:union` counts too (`ExtendedFieldURI@PropertyTag union`): the metadata types a union
 *   by its base and keeps none of its members' facets (EWS `PropertyTagType`: `xs:unsignedShort`
 *   or a `0x…` pattern);
 * - `validatorLimit`: libxml2 stores `xs:decimal` in 24 digits and rejects longer, valid
 *   values (the sample values go up to 29 digits), also for a restriction of it (cz-eet's
 *   `CastkaType`), before checking facets; the test proves the limit on its own. Only
 *   `xs:decimal` samples have more than 24 digits.
 * - `encodedArray`: a SOAP-encoded array nested in a WSDL complex type (rpc/encoded, Axis):
 *   SOAP 1.1 section 5 writes it `xsi:type="soapenc:Array"`, which XSD does not accept for an
 *   element declared with the WSDL's `ArrayOf_X` (a restriction of soapenc:Array, not a base of
 *   it), and that restriction has empty content in XSD. No encoder can satisfy both, so the
 *   xsi:type error and the empty-content error it leads to on the same element are set apart.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServiceMetadata, SoapVersion } from "../../runtime/metadata.js";
import { writeWsdlSchemaSet } from "../helpers/wsdl-schemas.js";
import { envelopeSchema, xmllintValidate } from "../helpers/xsd.js";

/**
 * Declares the sample wildcard element `{urn:example:ext}Ext` (emulator SAMPLE_ANY): a strict
 * wildcard admitting that namespace (e.g. ONVIF's `xop:Include`, `##other`) demands a global
 * declaration, as it would for any real extension element. Wildcards that do not admit it get
 * `SampleExtension` in a namespace they allow, which no schema declares: none of those is
 * strict in the corpus today, and a new one shows up as a schema error.
 */
const SAMPLE_ANY_XSD = fileURLToPath(new URL("../fixtures/corpus/sample-any.xsd", import.meta.url));

export interface Doc {
  readonly id: string;
  readonly version: SoapVersion;
  readonly xml: string;
}

export interface DocResult {
  readonly id: string;
  readonly valid: boolean;
  readonly errors: readonly string[];
  readonly facets: readonly string[];
  readonly validatorLimit: readonly string[];
  readonly encodedArray: readonly string[];
}

const ENCODED_ARRAY_TYPE =
  /element (\S+): Schemas validity error : Element '[^']*', attribute '\{http:\/\/www\.w3\.org\/2001\/XMLSchema-instance\}type': The type definition '\{http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/\}Array', specified by xsi:type, is blocked or not validly derived/;
const EMPTY_CONTENT =
  /element (\S+): Schemas validity error : .*Element content is not allowed, because the content type is empty/;

/** The `encodedArray` lines of one document's errors (see the module comment). */
export function encodedArrayLines(lines: readonly string[]): string[] {
  const arrays = new Set(lines.map((l) => ENCODED_ARRAY_TYPE.exec(l)?.[1]).filter((x) => x !== undefined));
  return lines.filter((l) => ENCODED_ARRAY_TYPE.test(l) || arrays.has(EMPTY_CONTENT.exec(l)?.[1] ?? "\0"));
}

/** The type is `xs:decimal` or a user type (`{ns}local`; libxml2 says the same for a restriction of it). */
const DECIMAL_LIMIT = /'([+-]?(\d*)\.?(\d*))' is not a valid value of the atomic type '(?:xs:decimal|\{[^}]*\}[^']+)'/;
const FACET =
  /\[facet '(pattern|length|minLength|maxLength|minInclusive|maxInclusive|minExclusive|maxExclusive|totalDigits|fractionDigits)'\]/;

/** Whether an xmllint error line is libxml2's 24-digit `xs:decimal` limit on a valid value. */
export function isDecimalLimit(line: string): boolean {
  const m = DECIMAL_LIMIT.exec(line);
  if (m === null) return false;
  const digits = `${m[2]}${m[3]}`.replace(/^0+/, "");
  return /\d/.test(m[1]!) && digits.length > 24;
}

/** A value outside every member of an `xs:union` (whose members' facets the metadata lacks). */
const UNION = /is not a valid value of the union type '/;

/**
 * `element facet` signature of a facet error line (`traderCompanyType pattern`); a union error
 * names the attribute when it is one (`ExtendedFieldURI@PropertyTag union`).
 */
export function facetSignature(line: string): string | undefined {
  const f = FACET.exec(line)?.[1] ?? (UNION.test(line) ? "union" : undefined);
  if (f === undefined) return undefined;
  const el = /Element '(?:\{[^}]*\})?([^']+)'/.exec(line)?.[1] ?? /element (\S+):/.exec(line)?.[1] ?? "?";
  const attr = f === "union" ? /, attribute '([^']+)'/.exec(line)?.[1] : undefined;
  return `${el.replace(/^.*\}/, "")}${attr !== undefined ? `@${attr}` : ""} ${f}`;
}

/**
 * Validate `docs` against the schemas of `wsdlPath` (plus the rpc wrapper schemas of `ports`);
 * files go to `dir`. Returns one result per document, keyed by id.
 */
export async function validateDocs(
  wsdlPath: string,
  docs: readonly Doc[],
  dir: string,
  ports: readonly ServiceMetadata[] = [],
): Promise<Map<string, DocResult>> {
  const schemaDir = join(dir, "schemas");
  await mkdir(schemaDir, { recursive: true });
  const set = await writeWsdlSchemaSet(wsdlPath, schemaDir, ports);
  const schemas = [...set.schemas, { targetNamespace: "urn:example:ext", file: SAMPLE_ANY_XSD, text: "" }];
  await writeFile(set.soap11, envelopeSchema("1.1", schemas));
  await writeFile(set.soap12, envelopeSchema("1.2", schemas));
  const files = new Map<string, Doc>();
  await Promise.all(
    docs.map(async (d, i) => {
      const f = join(dir, `${i}.xml`);
      files.set(f, d);
      await writeFile(f, d.xml);
    }),
  );
  const out = new Map<string, DocResult>();
  for (const version of ["1.1", "1.2"] as const) {
    const batch = [...files].filter(([, d]) => d.version === version).map(([f]) => f);
    if (batch.length === 0) continue;
    const results = await xmllintValidate(version === "1.2" ? set.soap12 : set.soap11, batch, 2);
    for (const [f, r] of results) {
      const d = files.get(f)!;
      const validatorLimit = r.errors.filter(isDecimalLimit);
      const facets = r.errors.filter((l) => !isDecimalLimit(l) && facetSignature(l) !== undefined);
      const encodedArray = encodedArrayLines(r.errors);
      const setApart = new Set([...validatorLimit, ...facets, ...encodedArray]);
      const errors = r.errors.filter((l) => !setApart.has(l));
      if (!r.valid && r.errors.length === 0) errors.push(`${f}: fails to validate (no error line)`);
      out.set(d.id, { id: d.id, valid: r.valid, errors, facets, validatorLimit, encodedArray });
    }
  }
  return out;
}
