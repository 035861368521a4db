/** A dispatch outcome (or an adapter-level fault) as the HTTP answer of a SOAP port. */
import {
  buildEnvelope,
  encodeBodyOf,
  encodeHeaders,
  type OperationMeta,
  type ServiceMetadata,
  type SoapVersion,
} from "@soapkit/runtime";
import { bodyParts, type MockBodyPart } from "./streamed-bytes.js";
import { declaredDetailXml, faultXml, type FaultCodeName } from "./soap-fault.js";
import type { MockCall, MockFaultSpec, MockOutcome } from "./types.js";

export interface HttpAnswer {
  readonly status: number;
  /** In parts when the output holds `StreamedBytes`. */
  readonly body: string | readonly MockBodyPart[];
  readonly headers: Record<string, string>;
}

/** What the adapter writes and records. `answer` undefined: drop the connection. */
export interface SoapAnswer {
  readonly answer: HttpAnswer | undefined;
  readonly outcome: MockCall["outcome"];
  readonly error?: string;
}

export function soapContentType(version: SoapVersion): string {
  return version === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
}

function envelopeAnswer(meta: ServiceMetadata, status: number, bodyXml: string, headerXml = ""): HttpAnswer {
  const body = buildEnvelope({ version: meta.soapVersion, prefixes: meta.prefixes, headerXml, bodyXml });
  return { status, body, headers: { "content-type": soapContentType(meta.soapVersion) } };
}

/** A fault answered by the adapter itself (malformed request, unknown action, validation). */
export function adapterFault(meta: ServiceMetadata, code: FaultCodeName, message: string, status: number): HttpAnswer {
  return envelopeAnswer(meta, status, faultXml(meta.soapVersion, code, message));
}

function faultAnswer(meta: ServiceMetadata, op: OperationMeta, fault: MockFaultSpec): HttpAnswer {
  const detail = fault.detail === undefined ? "" : declaredDetailXml(meta, op, fault.detail);
  const xml = faultXml(meta.soapVersion, fault.code ?? "Server", fault.message, detail);
  return envelopeAnswer(meta, fault.statusCode ?? 500, xml);
}

function okAnswer(meta: ServiceMetadata, op: OperationMeta, outcome: MockOutcome & { kind: "ok" }): HttpAnswer {
  const headerXml = encodeHeaders(meta, op.outputHeaders, outcome.responseHeaders, { ignoreUnknown: true });
  if (op.output === null) return { status: 202, body: "", headers: {} };
  const bodyXml = encodeBodyOf(meta, op, op.output, (outcome.output ?? {}) as object);
  const answer = envelopeAnswer(meta, 200, bodyXml, headerXml);
  return { ...answer, body: bodyParts(answer.body as string, outcome.output) };
}

function outcomeName(outcome: MockOutcome): MockCall["outcome"] {
  if (outcome.rejected === true) return "rejected";
  return outcome.kind === "ok"
    ? "ok"
    : outcome.kind === "fault"
      ? "fault"
      : outcome.kind === "http"
        ? "http-error"
        : "dropped";
}

/** Encode an outcome; a response the codec cannot encode becomes a Server fault naming why. */
export function soapAnswer(meta: ServiceMetadata, op: OperationMeta, outcome: MockOutcome): SoapAnswer {
  const name = outcomeName(outcome);
  try {
    switch (outcome.kind) {
      case "ok":
        return { answer: okAnswer(meta, op, outcome), outcome: name };
      case "fault":
        return { answer: faultAnswer(meta, op, outcome.fault), outcome: name, error: outcome.fault.message };
      case "http": {
        const headers = { "content-type": "text/plain; charset=utf-8", ...outcome.headers };
        return {
          answer: { status: outcome.status, body: outcome.body ?? "", headers },
          outcome: name,
          error: `HTTP ${outcome.status}`,
        };
      }
      case "drop":
        return { answer: undefined, outcome: name };
    }
  } catch (err) {
    const error = `mock could not encode the response: ${err instanceof Error ? err.message : String(err)}`;
    return { answer: adapterFault(meta, "Server", error, 500), outcome: "fault", error };
  }
}
