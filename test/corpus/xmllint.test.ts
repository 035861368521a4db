/**
 * Issue 12 acceptance, on the wire: for every corpus WSDL that generates (./corpus.ts), every
 * operation's request and response envelope (headers included), in every shape (all optional
 * content set, arrays of 0/1/many items, nils, only what is required; see ./shapes.ts) and
 * every sample variant, encoded by the runtime codec, is
 * - valid against the WSDL's OWN schemas (xmllint, strict wildcards in Header and Body: every
 *   header and body element must be a declared global element and match it);
 * - decoded back by the runtime codec to the values that were encoded.
 * Per WSDL, broken copies (a required element removed, an element renamed, a value outside
 * an enumeration) must be rejected, so the validator is proven to run on these schemas.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { FieldMeta, ServiceMetadata } from "../../runtime/metadata.js";
import { requireShared } from "../helpers/shared.js";
import { requireTool } from "../helpers/tools.js";
import { generating, readCorpus } from "./corpus.js";
import { roundTripDifference } from "./roundtrip.js";
import { sweep, type SweepResult } from "./sweep.js";
import { facetSignature, isDecimalLimit } from "./validate.js";

const PUBLIC = requireShared("wsdl/public");
const HAS_XMLLINT = requireTool("xmllint");
const entries = PUBLIC === undefined ? [] : generating(readCorpus(PUBLIC));

/**
 * Sample values outside a facet of their simple type (`element facet`), per WSDL: the sample
 * generator does not know facets (they are not in the metadata). Pinned so that a new one fails.
 */
const SAMPLE_FACETS: Readonly<Record<string, readonly string[]>> = {
  "eu-vies": ["traderCompanyType pattern"],
  // Restricted strings and ranges (GUID, hex and id patterns, lengths, int bounds), and unions the
  // metadata types by their base: t:PropertyTagType (xs:unsignedShort | `0x…` pattern),
  // t:ReminderMinutesBeforeStartType (two int ranges).
  ews: [
    "AbchContactId pattern",
    "AllInternal length",
    "ArchiveTag pattern",
    "Bitmask pattern",
    "ConnectionTimeout maxInclusive",
    "ConsumerCalendarId pattern",
    "ExtendedFieldURI pattern",
    "ExtendedFieldURI@PropertyTag union",
    "ExtendedProperty pattern",
    "ExtendedProperty@PropertyTag union",
    "Guid pattern",
    "Id pattern",
    "MaxChangesReturned maxInclusive",
    "PersonId pattern",
    "PolicyTag pattern",
    "ReminderMinutesBeforeStart union",
    "RetentionId pattern",
    "Rule minInclusive",
    "ServiceId pattern",
    "StatusFrequency maxInclusive",
    "Timeout maxInclusive",
    "TransactionId pattern",
    "True length",
    "XrmOrganizationId pattern",
  ],
  // tns:ID (`length` 18, `pattern` [a-zA-Z0-9]{18}), on every element and attribute typed with it.
  "salesforce-partner": lengthAndPattern([
    "Id",
    "accountId",
    "actorIds",
    "assignmentRuleId",
    "canvasApplicationId",
    "compactLayoutId",
    "contactId",
    "contextId",
    "contextIds",
    "defaultCompactLayoutId",
    "documentAttachments",
    "entityAttachments",
    "entityId",
    "feedItemIds",
    "id",
    "ids",
    "instanceId",
    "layoutId",
    "layoutSectionId",
    "leadId",
    "lightningComponentBundleId",
    "lightningWebComponentBundleId",
    "mergedRecordIds",
    "networkId",
    "newWorkitemIds",
    "nextApproverIds",
    "objectId",
    "opportunityId",
    "orgWideEmailAddressId",
    "organizationId",
    "ownerId",
    "pageId",
    "parentLayoutId",
    "portalId",
    "profileId",
    "recordToMergeIds",
    "recordTypeId",
    "recordTypeIds",
    "relatedEntityId",
    "relatedPersonAccountId",
    "roleId",
    "scopeEntityId",
    "submitterId",
    "targetObjectId",
    "targetObjectIds",
    "targetRecordTypeId",
    "templateId",
    "transferToUserId",
    "updatedRelatedIds",
    "userId",
    "whatId",
    "whatIds",
    "whoId",
  ]),
  // Dot11PSK (hexBinary `length` 32), NetworkInterfaceConfigPriority (`maxInclusive` 31).
  "onvif-devicemgmt": ["Key length", "Priority maxInclusive"],
  // Attribute errors carry their element's name (Data, Hlavicka): string20/25, dateTime,
  // CastkaType, CZDIC, UUID, Pkp/Bkp/Fik patterns or lengths; Kod* codes (`maxInclusive` 999).
  "cz-eet": [
    "Chyba maxInclusive",
    "Data pattern",
    "Hlavicka length",
    "Hlavicka pattern",
    "Potvrzeni length",
    "Potvrzeni pattern",
    "Varovani maxInclusive",
    "bkp length",
    "bkp pattern",
    "pkp length",
  ],
  // Comma/space-separated coordinate, zip code and city lists (pattern-restricted strings).
  "noaa-ndfd": ["listCityNamesOut pattern", "listLatLon pattern", "listLatLonOut pattern", "zipCodeList pattern"],
};

/** `<name> length` and `<name> pattern` for each name, sorted like the test's signatures. */
function lengthAndPattern(names: readonly string[]): string[] {
  return names.flatMap((n) => [`${n} length`, `${n} pattern`]).sort();
}

/** Broken-copy kinds a WSDL offers no target for (e.g. no enumeration in any document). */
const NO_TARGET: Readonly<Record<string, readonly string[]>> = {
  // ec2.wsdl declares no xs:enumeration at all.
  "aws-ec2": ["bad-enum"],
  // Three operations on xsd:string and one struct of string/int: the WSDL has no enumeration.
  "cxf-rpclit": ["bad-enum"],
  // Axis rpc/encoded: the WSDL has no enumeration.
  "jira-v2": ["bad-enum"],
};

/**
 * WSDLs with SOAP-encoded arrays nested in their complex types (rpc/encoded, Axis 1): XSD
 * cannot accept them as SOAP encoding writes them (see `encodedArray` in ./validate.ts).
 */
const ENCODED_ARRAYS: readonly string[] = ["jira-v2"];

/** Whether any element of the WSDL's types may vary by shape (optional, repeated or nillable). */
function hasVariableContent(ports: readonly ServiceMetadata[]): boolean {
  const variable = (f: FieldMeta) => f.min === 0 || f.max !== 1 || f.nillable;
  return ports.some((p) =>
    Object.values(p.types).some(
      (t) =>
        (t.kind === "complex" && (t.fields.some(variable) || (t.attributes ?? []).some((a) => !a.required))) ||
        (t.kind === "array" && variable(t.item)),
    ),
  );
}

describe.skipIf(PUBLIC === undefined || !HAS_XMLLINT)("corpus: xmllint against each WSDL's own schemas", () => {
  it("the one tolerated validator limit is real: libxml2 rejects a valid 25-digit xs:decimal", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soapkit-decimal-"));
    try {
      // `a`: an xs:decimal restriction without facets (libxml2 names it instead of xs:decimal).
      await writeFile(
        join(dir, "d.xsd"),
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:d" xmlns:d="urn:d">' +
          '<xs:simpleType name="A"><xs:restriction base="xs:decimal"/></xs:simpleType>' +
          '<xs:element name="d"><xs:complexType><xs:simpleContent><xs:extension base="xs:decimal">' +
          '<xs:attribute name="a" type="d:A"/></xs:extension></xs:simpleContent></xs:complexType></xs:element></xs:schema>',
      );
      const n24 = "123456789012345678901234";
      const n25 = `${n24}5`;
      await writeFile(join(dir, "24.xml"), `<d xmlns="urn:d" a="${n24}">${n24}</d>`);
      await writeFile(join(dir, "25.xml"), `<d xmlns="urn:d">${n25}</d>`);
      await writeFile(join(dir, "25a.xml"), `<d xmlns="urn:d" a="${n25}">1</d>`);
      const run = promisify(execFile);
      await expect(
        run("xmllint", ["--noout", "--schema", join(dir, "d.xsd"), join(dir, "24.xml")]),
      ).resolves.toBeDefined();
      for (const f of ["25.xml", "25a.xml"]) {
        const rejected = await run("xmllint", ["--noout", "--schema", join(dir, "d.xsd"), join(dir, f)]).catch(
          (e: { stderr: string }) => e.stderr,
        );
        expect(typeof rejected === "string" && rejected.split("\n").some(isDecimalLimit), f).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe.each(entries)("$name", (e) => {
    let r: SweepResult;

    beforeAll(async () => {
      r = await sweep(e);
      const all = [...r.results.values()].filter((x) => !x.id.startsWith("broken."));
      const count = (k: "errors" | "facets" | "validatorLimit" | "encodedArray") =>
        all.reduce((n, x) => n + x[k].length, 0);
      console.info(
        `[corpus-xmllint] ${e.name}: ${r.operations} operations, ${r.set.docs.length} documents, ` +
          `${count("errors")} schema errors (${count("facets")} sample facet, ${count("validatorLimit")} libxml2 decimal limit, ` +
          `${count("encodedArray")} soapenc:Array in an XSD ArrayOf_X), ` +
          `${r.roundTrip.size} round-trip differences; build ${r.ms.build.toFixed(0)} ms, ` +
          `xmllint ${r.ms.xmllint.toFixed(0)} ms, round trip ${r.ms.roundTrip.toFixed(0)} ms`,
      );
    }, 300_000);

    it(`builds and encodes a request and a response for all ${e.ops} operations, in every shape`, () => {
      expect(Object.fromEntries(r.set.refused)).toEqual({});
      expect(r.operations).toBe(e.ops);
      const ops = (dir: string) =>
        new Set(r.set.docs.filter((d) => d.direction === dir).map((d) => `${d.meta.port}.${d.key}`)).size;
      const inPorts = r.ports.reduce((n, p) => n + Object.keys(p.operations).length, 0);
      expect(ops("request")).toBe(inPorts);
      // Every shape is the same document when nothing in the WSDL is optional, repeated or nillable.
      const shapes = new Set(r.set.docs.map((d) => d.shape)).size;
      if (hasVariableContent(r.ports)) expect(shapes).toBeGreaterThan(1);
      else expect(shapes).toBe(1);
    });

    it("every document is valid against the WSDL's schemas (0 schema errors)", () => {
      const docs = [...r.results.values()].filter((x) => !x.id.startsWith("broken."));
      expect(docs.length).toBe(r.set.docs.length);
      expect(docs.flatMap((x) => x.errors.map((l) => `${x.id}: ${l}`)).slice(0, 10)).toEqual([]);
      const signatures = [...new Set(docs.flatMap((x) => x.facets.map((l) => facetSignature(l) ?? l)))].sort();
      expect(signatures).toEqual(SAMPLE_FACETS[e.name] ?? []);
      const encodedArrays = docs.some((x) => x.encodedArray.length > 0);
      expect(encodedArrays, "soapenc:Array in an XSD ArrayOf_X").toBe(ENCODED_ARRAYS.includes(e.name));
    });

    it("broken copies are rejected (required element removed, element renamed, value outside an enumeration)", () => {
      const kinds = r.broken.map((b) => b.mutation.kind).sort();
      const expected = ["bad-enum", "renamed", "required-removed"].filter((k) => !NO_TARGET[e.name]?.includes(k));
      expect(kinds).toEqual(expected);
      for (const b of r.broken) {
        expect(b.result.valid, `${b.mutation.kind} (from ${b.mutation.from})`).toBe(false);
        expect(b.result.errors.join("\n"), b.mutation.kind).toContain(b.mutation.mention);
      }
    });

    it("every document decodes back to the values that were encoded", () => {
      expect(Object.fromEntries([...r.roundTrip].slice(0, 5))).toEqual({});
      // Negative control: a document whose recorded value differs from its wire content is caught.
      const doc = r.set.docs.find((d) => d.value !== undefined && Object.keys(d.value).length > 0)!;
      expect(roundTripDifference({ ...doc, value: { ...doc.value, soapkitExtra: 1 } })).toMatch(/decoded ≠ encoded/);
    });
  });
});
