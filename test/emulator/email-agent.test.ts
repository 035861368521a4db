import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { ServiceException } from "soapkit/mock/superoffice";
import { createEMailImplementation, EMailAgentStore } from "../../emulator/index.js";
import { parseXml, type XmlElement } from "../../runtime/xml/parse.js";

const XS = "http://www.w3.org/2001/XMLSchema";
const wsdlPath = fileURLToPath(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url));

/** Element names of a named complexType (base fields included) in the project's EMail WSDL. */
let allElements: XmlElement[] | undefined;
function wsdlFields(typeName: string): string[] {
  if (allElements === undefined) {
    const found: XmlElement[] = [];
    const walk = (e: XmlElement) => {
      found.push(e);
      e.children.forEach(walk);
    };
    walk(parseXml(readFileSync(wsdlPath, "utf8")));
    allElements = found;
  }
  const all = allElements;
  const ct = all.find((e) => e.ns === XS && e.local === "complexType" && e.attrs.get("name") === typeName);
  if (ct === undefined) throw new Error(`no complexType ${typeName}`);
  const names: string[] = [];
  const ext = all.find((e) => e.local === "extension" && isInside(ct, e));
  if (ext !== undefined) names.push(...wsdlFields(ext.attrs.get("base")!.split(":")[1]!));
  const seqOwner = ext ?? ct;
  const seq = seqOwner.children.find((c) => c.local === "sequence");
  for (const el of seq?.children ?? []) if (el.local === "element") names.push(el.attrs.get("name")!);
  return names;
}
function isInside(parent: XmlElement, el: XmlElement): boolean {
  return parent.children.some((c) => c === el || isInside(c, el));
}

describe("EMail agent store", () => {
  it("records synced accounts and lists them as ready", () => {
    const store = new EMailAgentStore();
    const impl = createEMailImplementation(store);
    expect(impl["GetReadySyncEmailAccounts"]!({})).toEqual({ Response: [] });
    expect(
      impl["SyncEmailAccount"]!({ SyncUserAccount: { AccountId: 42, AssociateName: "ANNE", AssociateId: 5 } }),
    ).toBeUndefined();
    impl["SyncEmailAccounts"]!({
      SyncUserAccounts: [
        { AccountId: 7, AssociateName: "BOB", AssociateId: 6 },
        { AccountId: 42, AssociateName: "ANNE", AssociateId: 5 },
      ],
    });
    expect(impl["GetReadySyncEmailAccounts"]!({})).toEqual({
      Response: [
        { AccountId: 7, AssociateName: "BOB", AssociateId: 6 },
        { AccountId: 42, AssociateName: "ANNE", AssociateId: 5 },
      ],
    });
    expect(store.syncRecords.map((r) => r.account.AccountId)).toEqual([42, 7, 42]);
    expect(store.syncRecord(42)!.syncCount).toBe(2);
    expect(store.syncRecords.at(-1)!.lastSyncedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(() => impl["SyncEmailAccount"]!({ SyncUserAccount: null })).toThrow(ServiceException);
  });

  it("answers HasNewMail, GetEMail, GetEMailEnvelopes and GetEMailAsStream plausibly", () => {
    const store = new EMailAgentStore();
    const impl = createEMailImplementation(store);
    expect(impl["HasNewMail"]!({ MailItemId: 101, FolderId: 1 })).toEqual({ Response: true });
    expect(impl["HasNewMail"]!({ MailItemId: 102, FolderId: 1 })).toEqual({ Response: false });

    const mail = (impl["GetEMail"]!({ Id: 101, IncludeAttachments: true }) as { Response: Record<string, unknown> })
      .Response;
    expect(mail["Subject"]).toBe("Quarterly report");
    expect(mail["EmailItemId"]).toBe(101);
    const att = (mail["Attachments"] as Record<string, unknown>[])[0]!;
    expect([...(att["Stream"] as Uint8Array)]).toEqual([0x00, 0xff, 0x10, 0x80, 0x7f]);
    const noAtt = (impl["GetEMail"]!({ Id: 101, IncludeAttachments: false }) as { Response: Record<string, unknown> })
      .Response;
    expect((noAtt["Attachments"] as Record<string, unknown>[])[0]!["Stream"]).toBeNull();
    expect(impl["GetEMail"]!({ Id: 999 })).toEqual({ Response: null });

    const envs = (
      impl["GetEMailEnvelopes"]!({ ConnectionInfo: null, MessageServerIds: [5002, 5001] }) as {
        Response: Record<string, unknown>[];
      }
    ).Response;
    expect(envs.map((e) => e["ServerId"])).toEqual([5001, 5002]);
    expect(envs[1]!["Flags"]).toEqual(["Seen", "Flagged"]);
    const allEnvs = (impl["GetEMailEnvelopes"]!({ MessageServerIds: null }) as { Response: unknown[] }).Response;
    expect(allEnvs).toHaveLength(3);

    const full = (
      impl["GetEMailAsStream"]!({ MessageServerId: 5001, StripAttachments: false }) as { Response: Uint8Array }
    ).Response;
    const text = Buffer.from(full).toString("utf8");
    expect(text).toContain("Message-ID: <101.5001@mail.example.test>\r\n");
    expect(text).toContain("Content-Type: multipart/mixed");
    expect(text).toContain(Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]).toString("base64"));
    const stripped = Buffer.from(
      (impl["GetEMailAsStream"]!({ MessageServerId: 5001, StripAttachments: true }) as { Response: Uint8Array })
        .Response,
    ).toString("utf8");
    expect(stripped).not.toContain("multipart");
    expect(impl["GetEMailAsStream"]!({ MessageServerId: 1 })).toEqual({ Response: null });
  });

  it("uses the WSDL's field names for the values it returns", () => {
    const store = new EMailAgentStore();
    const impl = createEMailImplementation(store);
    const mail = (impl["GetEMail"]!({ Id: 101, IncludeAttachments: true }) as { Response: Record<string, unknown> })
      .Response;
    const entityFields = wsdlFields("EMailEntity");
    for (const k of Object.keys(mail)) expect(entityFields, k).toContain(k);
    for (const k of Object.keys((mail["To"] as Record<string, unknown>[])[0]!))
      expect(wsdlFields("EMailAddress")).toContain(k);
    for (const k of Object.keys((mail["Attachments"] as Record<string, unknown>[])[0]!))
      expect(wsdlFields("EMailAttachment")).toContain(k);
    for (const k of Object.keys(mail["EMailSOInfo"] as object)) expect(wsdlFields("EMailSOInfo")).toContain(k);
    const env = (impl["GetEMailEnvelopes"]!({}) as { Response: Record<string, unknown>[] }).Response[0]!;
    for (const k of Object.keys(env)) expect(wsdlFields("EMailEnvelope")).toContain(k);
  });
});
