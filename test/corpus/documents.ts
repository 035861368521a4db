/**
 * The wire documents of the corpus sweep: for every operation of every port, the request and the
 * response envelope (headers included) built from sample values in every shape (./shapes.ts)
 * and every sample variant, encoded by the runtime codec. Identical documents are kept once.
 *
 * Sample variants: when `SampleOptions` has `variant` (rotating choice branches), variants
 * 0..VARIANTS-1 are built; before that option exists every variant yields the same document and
 * deduplication leaves one.
 */
import { sampleInput, sampleOutput, sampleValue, type SampleOptions } from "../../generator/mock/sample-values.js";
import { encodeBodyOf } from "../../runtime/codec/body.js";
import { encodeHeaders } from "../../runtime/codec/encode.js";
import { buildEnvelope } from "../../runtime/envelope.js";
import type { BodyMeta, HeaderMeta, OperationMeta, ServiceMetadata } from "../../runtime/metadata.js";
import { plain } from "./roundtrip.js";
import { reshape, SHAPES, type Shape } from "./shapes.js";

export const VARIANTS = 4;

export type Direction = "request" | "response";

export interface WireDoc {
  /** `<port>.<operation key>.<request|response>.<shape>[.v<variant>]`. */
  readonly id: string;
  readonly meta: ServiceMetadata;
  /** Key of the operation in `meta.operations`. */
  readonly key: string;
  readonly op: OperationMeta;
  readonly direction: Direction;
  readonly shape: Shape;
  readonly body: BodyMeta;
  readonly headers: readonly HeaderMeta[];
  /** The body value encoded (`undefined`: empty body). */
  readonly value: Record<string, unknown> | undefined;
  readonly headerValues: Record<string, unknown>;
  /** The encoded body content (wrapper element, or the parts of a bare body). */
  readonly bodyXml: string;
  /** The whole envelope. */
  readonly xml: string;
}

export interface DocSet {
  readonly docs: WireDoc[];
  /** Documents soapkit could not build or encode, id → message (should stay empty). */
  readonly refused: Map<string, string>;
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function sampleOptions(variant: number): SampleOptions {
  // Feature-detected: the property is passed through whether or not SampleOptions declares it.
  const options: SampleOptions & { variant?: number } = variant === 0 ? {} : { variant };
  return options;
}

function headerSample(meta: ServiceMetadata, headers: readonly HeaderMeta[], variant: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const h of headers) out[h.name] = sampleValue(meta, h.type, { ...sampleOptions(variant), path: h.name });
  return out;
}

function bodySample(meta: ServiceMetadata, key: string, direction: Direction, variant: number) {
  return direction === "request"
    ? sampleInput(meta, key, sampleOptions(variant))
    : sampleOutput(meta, key, sampleOptions(variant));
}

/** Every document of one port (see the module comment), or of the operations `keys` only. */
export function portDocuments(
  meta: ServiceMetadata,
  into: DocSet = { docs: [], refused: new Map() },
  keys?: readonly string[],
): DocSet {
  const seen = new Set(into.docs.map((d) => d.xml));
  for (const [key, op] of Object.entries(meta.operations).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (keys !== undefined && !keys.includes(key)) continue;
    for (const direction of ["request", "response"] as const) {
      const body = direction === "request" ? op.input : op.output;
      if (body === null) continue;
      const headers = direction === "request" ? op.inputHeaders : op.outputHeaders;
      const seenSamples = new Set<string>();
      for (let variant = 0; variant < VARIANTS; variant++) {
        const idOf = (shape: Shape) =>
          `${meta.port}.${key}.${direction}.${shape}${variant === 0 ? "" : `.v${variant}`}`;
        let sample: Record<string, unknown> | undefined;
        let headerValues: Record<string, unknown>;
        try {
          sample = bodySample(meta, key, direction, variant);
          headerValues = headerSample(meta, headers, variant);
        } catch (e) {
          into.refused.set(idOf("full"), message(e));
          continue;
        }
        // Before SampleOptions has `variant`, variants 1.. repeat variant 0: skip them early.
        const fingerprint = JSON.stringify(plain({ sample, headerValues }));
        if (seenSamples.has(fingerprint)) continue;
        seenSamples.add(fingerprint);
        for (const shape of SHAPES) {
          const id = idOf(shape);
          try {
            const value = sample === undefined ? undefined : (reshape(meta, body.type, sample, shape) as typeof sample);
            const bodyXml = encodeBodyOf(meta, op, body, value);
            const headerXml = encodeHeaders(meta, headers, headerValues);
            const xml = buildEnvelope({ version: meta.soapVersion, prefixes: meta.prefixes, headerXml, bodyXml });
            if (seen.has(xml)) continue;
            seen.add(xml);
            into.docs.push({ id, meta, key, op, direction, shape, body, headers, value, headerValues, bodyXml, xml });
          } catch (e) {
            into.refused.set(id, message(e));
          }
        }
      }
    }
  }
  return into;
}
