/**
 * The wire documents the conformance checks look at, built once per test file:
 *
 * - requests: for every operation of the real Services84 EMail WSDL (77) and of the
 *   conformance fixture, `sampleInput` (every optional field set, arrays of several items,
 *   nils inside repeated items) plus every input header populated, with **every object's key
 *   order reversed** (the wire order must come from `xs:sequence`, not from the input), sent
 *   through the real client (`ClientCore`) into a capturing HTTP client;
 * - responses: every operation's `sampleOutput` wrapper plus every output header populated,
 *   encoded by the runtime codec as a server would send it;
 * - named semantic cases (SEMANTICS) with hand-picked values, each checked on the wire by
 *   semantics.test.ts and by xmllint and zeep.
 */
import { readFile } from "node:fs/promises";
import type { IHttpClient } from "soap";
import { soapCore } from "../../helpers/soap-core.js";
import { encodeBody, encodeHeaders } from "../../../runtime/codec/encode.js";
import { buildEnvelope, parseEnvelope } from "../../../runtime/envelope.js";
import { decodeHeaders } from "../../../runtime/codec/decode.js";
import type { HeaderMeta, OperationMeta, ServiceMetadata, SoapVersion } from "../../../runtime/metadata.js";
import { sampleInput, sampleOutput, sampleValue } from "soapkit/mock";
import { startEmulator } from "../../../emulator/index.js";
import { FIXTURE_WSDL, metadataOf } from "./metadata.js";

export interface Service {
  readonly name: "email" | "fixture";
  readonly wsdlPath: string;
  readonly wsdlText: string;
  readonly meta: ServiceMetadata;
}

/** Load the real EMail WSDL (path from requireShared) and the conformance fixture. */
export async function loadServices(emailWsdl: string): Promise<{ email: Service; fixture: Service }> {
  const [emailMeta, fixtureMeta, emailText, fixtureText] = await Promise.all([
    metadataOf(emailWsdl),
    metadataOf(FIXTURE_WSDL),
    readFile(emailWsdl, "utf8"),
    readFile(FIXTURE_WSDL, "utf8"),
  ]);
  return {
    email: { name: "email", wsdlPath: emailWsdl, wsdlText: emailText, meta: emailMeta },
    fixture: { name: "fixture", wsdlPath: FIXTURE_WSDL, wsdlText: fixtureText, meta: fixtureMeta },
  };
}

/** One envelope on the wire with the typed values it was built from. */
export interface WireDoc {
  /** Unique, file-name safe: `email.request.GetEMail`, `semantic.xsi-type.request`. */
  readonly id: string;
  readonly service: Service;
  readonly op: OperationMeta;
  readonly direction: "request" | "response";
  readonly version: SoapVersion;
  /** Typed header values by header part name. */
  readonly headers: Record<string, unknown>;
  /** Typed body wrapper value (`undefined` for an empty request / void response). */
  readonly body: Record<string, unknown> | undefined;
  readonly xml: string;
}

/** Every header of `headers` with a fully populated sample value. */
export function sampleHeaders(meta: ServiceMetadata, headers: readonly HeaderMeta[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const h of headers) out[h.name] = sampleValue(meta, h.type, { path: h.name });
  return out;
}

/** Deep copy with the key order of every plain object reversed. */
export function reverseKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reverseKeys) as T;
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse()) out[k] = reverseKeys((v as Record<string, unknown>)[k]);
  return out as T;
}

/** An `IHttpClient` that records the request and answers with `reply`. */
class CapturingHttpClient {
  body = "";
  headers: Record<string, string> = {};
  constructor(
    private readonly version: SoapVersion,
    private readonly reply: string,
  ) {}
  request(
    _url: string,
    data: unknown,
    callback: (err: unknown, res?: unknown, body?: unknown) => void,
    exheaders?: Record<string, string>,
  ): undefined {
    this.body = String(data);
    this.headers = { ...exheaders };
    const reply = this.reply;
    const contentType = this.version === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
    setImmediate(() => callback(null, { status: 200, headers: { "content-type": contentType }, data: reply }, reply));
    return undefined;
  }
}

/** The request envelope and HTTP headers the real client sends for `input` + `headers`. */
export async function clientRequest(
  meta: ServiceMetadata,
  opName: string,
  input: Record<string, unknown> | undefined,
  headers: Record<string, unknown>,
  version: SoapVersion = "1.1",
): Promise<{ xml: string; httpHeaders: Record<string, string> }> {
  const op = meta.operations[opName];
  if (op === undefined) throw new Error(`no operation ${opName}`);
  // Answer with the empty output wrapper: only the request matters here.
  const http = new CapturingHttpClient(
    version,
    op.output === null ? "" : responseEnvelope(meta, op, {}, undefined, version),
  );
  const client = soapCore(meta, {
    endpoint: "http://127.0.0.1:9/capture",
    soapVersion: version,
    httpClient: http as unknown as IHttpClient,
  });
  await client.invoke(opName, input, { headers });
  return { xml: http.body, httpHeaders: http.headers };
}

/** A response envelope as a server using the runtime codec writes it. */
export function responseEnvelope(
  meta: ServiceMetadata,
  op: OperationMeta,
  headers: Record<string, unknown>,
  body: Record<string, unknown> | undefined,
  version: SoapVersion = "1.1",
): string {
  if (op.output === null) throw new Error(`${op.name} is one-way`);
  return buildEnvelope({
    version,
    prefixes: meta.prefixes,
    headerXml: encodeHeaders(meta, op.outputHeaders, headers),
    bodyXml: encodeBody(meta, op.output, body),
  });
}

/** Request documents (populated, key order reversed) for every operation of `service`. */
export async function allRequests(service: Service): Promise<WireDoc[]> {
  const meta = service.meta;
  return Promise.all(
    Object.values(meta.operations).map(async (op) => {
      const body = op.input.empty ? undefined : sampleInput(meta, op.name);
      const headers = sampleHeaders(meta, op.inputHeaders);
      const { xml } = await clientRequest(meta, op.name, reverseKeys(body), reverseKeys(headers));
      return {
        id: `${service.name}.request.${op.name}`,
        service,
        op,
        direction: "request" as const,
        version: "1.1" as const,
        headers,
        body,
        xml,
      };
    }),
  );
}

/** Response documents (populated) for every operation of `service`. */
export function allResponses(service: Service): WireDoc[] {
  const meta = service.meta;
  return Object.values(meta.operations).map((op) => {
    const body = sampleOutput(meta, op.name);
    const headers = sampleHeaders(meta, op.outputHeaders);
    const xml = responseEnvelope(meta, op, headers, body);
    return {
      id: `${service.name}.response.${op.name}`,
      service,
      op,
      direction: "response" as const,
      version: "1.1" as const,
      headers,
      body,
      xml,
    };
  });
}

// ------------------------------------------------------------------------- semantic cases

/** A named semantic case: hand-picked values for one operation. */
export interface SemanticCase {
  readonly name: string;
  /** Why zeep cannot build this request from the same values (its output is then checked to differ exactly there). */
  readonly zeepCannotBuild?: { readonly reason: string; readonly at: RegExp };
  readonly service: "email" | "fixture";
  readonly op: string;
  readonly direction: "request" | "response";
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, unknown> | undefined;
}

export const SO_NS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
export const ARRAYS_NS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
export const FIXTURE_NS = "urn:soapkit:conformance";

const fieldProperty = (mask: string[], type: string | null, length: number) => ({
  FieldRight: { Mask: mask, Reason: "" },
  FieldType: type,
  FieldLength: length,
});

/** The semantics the checks must cover, one case each (values are asserted by semantics.test.ts). */
export const SEMANTICS: readonly SemanticCase[] = [
  {
    // Keys deliberately in an order unlike the schema's, at every level.
    name: "sequence-order",
    service: "email",
    op: "SyncEmailAccount",
    direction: "request",
    headers: {
      TimeZone: { SoTimeZoneLocationCode: "Europe/Oslo", SoTimeZoneId: 17 },
      Credentials: { Ticket: "7T:seq" },
      ApplicationToken: "app-seq",
    },
    body: {
      SyncUserAccount: {
        AssociateId: 3,
        FieldProperties: [
          {
            Value: { FieldLength: 10, FieldType: "int", FieldRight: { Reason: "r", Mask: ["Read"] } },
            Key: "AccountId",
          },
        ],
        AssociateName: "Ann",
        TableRight: { Reason: "ok", Mask: ["Select", "Update"] },
        AccountId: 42,
      },
    },
  },
  {
    name: "xsi-type",
    service: "fixture",
    op: "Draw",
    direction: "request",
    headers: { Session: "s-1" },
    body: {
      Shape: { $type: "LabelledCircle", Name: "ring", Created: "2021-11-30T13:22:10", Radius: 2.5, Label: "outer" },
      Shapes: [
        { $type: "Circle", Name: "c", Radius: 1 },
        { $type: "Polygon", Name: "pentagon", Sides: 5, Area: 9007199254740993n },
        { Name: "plain shape" },
        { $type: "Shape", Name: "declared type named explicitly" },
      ],
    },
  },
  {
    name: "nil-array-item",
    service: "fixture",
    op: "Draw",
    direction: "request",
    headers: { Session: "s-3" },
    body: { Shapes: [{ $type: "Circle", Name: "before", Radius: 3 }, null, { Name: "after" }] },
    zeepCannotBuild: {
      // zeep 4.2 ComplexType._create_object maps every list item through the item type,
      // so xsd.Nil becomes Shape(Nil): the first field (Name) is nil instead of the item.
      reason: "zeep turns a nil item of a list of complex values into an item whose first field is nil",
      at: /Shapes>\.children\[1\]/,
    },
  },
  {
    name: "xsi-type",
    service: "fixture",
    op: "Draw",
    direction: "response",
    headers: { Succeeded: true },
    body: {
      Response: [
        { $type: "LabelledCircle", Name: "ring", Radius: 2.5, Label: null },
        { $type: "Polygon", Name: "square", Sides: 4, Area: -9007199254740993n },
        { $type: "Shape", Name: "plain" },
        null,
      ],
    },
  },
  {
    name: "nil-vs-absent",
    service: "email",
    op: "SyncEmailAccount",
    direction: "request",
    // ApplicationToken null → nil header; TimeZone undefined → no header at all.
    headers: { ApplicationToken: null, Credentials: { Ticket: null }, TimeZone: undefined },
    body: {
      SyncUserAccount: {
        TableRight: null,
        FieldProperties: undefined,
        AccountId: 1,
        AssociateName: null,
        AssociateId: undefined,
      },
    },
  },
  {
    name: "flags-list",
    service: "email",
    op: "SaveEMail",
    direction: "request",
    headers: { Credentials: { Ticket: "7T:flags" } },
    body: {
      ConnectionInfo: { ServerName: "imap.example.test", UseSSL: true },
      Email: {
        TableRight: { Mask: ["Select", "Insert", "Delete"] },
        Subject: "flags",
        Flags: ["Seen", "Flagged", "Answered"],
        Priority: "High",
      },
    },
  },
  {
    name: "dictionary",
    service: "email",
    op: "SyncEmailAccount",
    direction: "request",
    headers: { Credentials: { Ticket: "7T:dict" } },
    body: {
      SyncUserAccount: {
        FieldProperties: [
          { Key: "AccountId", Value: fieldProperty(["Read", "Write"], "int", 4) },
          { Key: "AssociateName", Value: null },
        ],
        AccountId: 5,
      },
    },
  },
  {
    name: "dictionary",
    service: "email",
    op: "HasNewMail",
    direction: "response",
    headers: {
      ExtraInfo: [
        { Key: "ServerVersion", Value: "10.3" },
        { Key: "Empty", Value: null },
      ],
      Succeeded: true,
    },
    body: { Response: true },
  },
  {
    name: "ArrayOfint",
    service: "email",
    op: "GetEMailEnvelopes",
    direction: "request",
    headers: { Credentials: { Ticket: "7T:ints" } },
    body: { ConnectionInfo: { Folder: "INBOX" }, MessageServerIds: [1, -2, 2147483647, -2147483648] },
  },
  {
    name: "ArrayOfstring",
    service: "email",
    op: "RefreshFolderForAssociate",
    direction: "request",
    headers: { Credentials: { Ticket: "7T:strings" } },
    body: { Folders: ["INBOX", "Sent Items", "", "a & <b>"] },
  },
  {
    name: "long-beyond-2^53",
    service: "fixture",
    op: "Count",
    direction: "request",
    headers: { Session: "s-2" },
    body: {
      Counters: {
        Big: 9007199254740993n,
        Negative: -9007199254740995n,
        Unsigned: 18446744073709551615n,
        Values: [9223372036854775807n, -9223372036854775808n, 0n, 2n ** 53n + 1n],
        At: "2021-11-30T13:22:10",
      },
    },
  },
  {
    name: "long-beyond-2^53",
    service: "fixture",
    op: "Count",
    direction: "response",
    headers: { Succeeded: true },
    body: {
      Response: {
        Big: 9223372036854775807n,
        Negative: -9223372036854775808n,
        Unsigned: 18446744073709551615n,
        Values: [9007199254740993n],
      },
    },
  },
  {
    name: "dateTime-without-offset",
    service: "email",
    op: "SaveEMail",
    direction: "request",
    headers: { Credentials: { Ticket: "7T:dates" } },
    body: {
      Email: {
        Sent: "2021-11-30T13:22:10",
        ReceivedAt: "2021-11-30T13:22:10.1234567",
        RepliedAt: "2021-11-30T13:22:10Z",
      },
    },
  },
  {
    name: "dateTime-without-offset",
    service: "email",
    op: "GetEMail",
    direction: "response",
    headers: { Succeeded: true },
    body: {
      Response: {
        Sent: "2021-11-30T13:22:10",
        ReceivedAt: "2021-11-30T13:22:10.123456",
        RepliedAt: "2021-11-30T13:22:10+01:00",
      },
    },
  },
];

/** The wire documents of the semantic cases. */
export async function semanticDocs(services: {
  email: Service;
  fixture: Service;
}): Promise<(WireDoc & { semantic: string })[]> {
  return Promise.all(
    SEMANTICS.map(async (c) => {
      const service = services[c.service];
      const op = service.meta.operations[c.op];
      if (op === undefined) throw new Error(`semantic case ${c.name}: no operation ${c.op}`);
      const xml =
        c.direction === "request"
          ? (await clientRequest(service.meta, c.op, c.body, c.headers)).xml
          : responseEnvelope(service.meta, op, c.headers, c.body);
      const id = `semantic.${c.name.replace(/[^\w.-]/g, "_")}.${c.direction}`;
      return {
        id,
        service,
        op,
        direction: c.direction,
        version: "1.1" as const,
        headers: c.headers,
        body: c.body,
        xml,
        semantic: c.name,
      };
    }),
  );
}

/** Raw response envelopes of the emulator (the mock with the SuperOffice profile) for every operation's `sampleOutput`. */
export async function emulatorResponses(
  service: Service,
): Promise<
  { op: OperationMeta; xml: string; body: Record<string, unknown> | undefined; headers: Record<string, unknown> }[]
> {
  const meta = service.meta;
  const path = "/Conformance/Remote/Services84/EMail.svc";
  const extra = sampleHeaders(meta, meta.operations[Object.keys(meta.operations)[0]!]!.outputHeaders);
  const emulator = await startEmulator({
    validTickets: () => true,
    services: [
      {
        metadata: meta,
        wsdlXml: service.wsdlText,
        path,
        implementation: Object.fromEntries(
          Object.keys(meta.operations).map((op) => [
            op,
            (_input: unknown, ctx: { responseHeaders: Record<string, unknown> }) => {
              // A populated ExtraInfo dictionary on every answer (Succeeded is set by the emulator).
              if (extra["ExtraInfo"] !== undefined) ctx.responseHeaders["ExtraInfo"] = extra["ExtraInfo"];
              return sampleOutput(meta, op);
            },
          ]),
        ),
      },
    ],
  });
  try {
    const client = soapCore(meta, { endpoint: emulator.endpoint(path) });
    const out = [];
    for (const op of Object.values(meta.operations)) {
      await client.invoke(op.name, sampleInput(meta, op.name), { headers: sampleHeaders(meta, op.inputHeaders) });
      const call = emulator.calls(op.name).at(-1);
      if (call === undefined || call.outcome !== "ok")
        throw new Error(`${op.name}: emulator call failed: ${call?.error ?? "no record"}`);
      out.push({
        op,
        xml: call.rawResponse,
        body: call.output as Record<string, unknown> | undefined,
        headers: decodeHeaders(meta, op.outputHeaders, parseEnvelope(call.rawResponse).header),
      });
    }
    return out;
  } finally {
    await emulator.close();
  }
}
