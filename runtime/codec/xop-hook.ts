/**
 * The MTOM hook of the encoder: while a transport with `mtom` encodes a request, a collector is
 * active and each `xs:base64Binary` element value it takes is written as a placeholder that the
 * MTOM writer (soap/mtom-writer.ts) turns into an `xop:Include` of a MIME part. Without MTOM
 * nothing here runs (one check per base64 value).
 */

/** Takes a base64Binary value out of the envelope: returns its placeholder text, or undefined to inline it. */
export interface XopCollector {
  take(value: unknown): string | undefined;
}

let active: XopCollector | undefined;

export function activeXopCollector(): XopCollector | undefined {
  return active;
}

/** Run `encode` with `collector` taking base64Binary values. */
export function withXopCollector<T>(collector: XopCollector, encode: () => T): T {
  const previous = active;
  active = collector;
  try {
    return encode();
  } finally {
    active = previous;
  }
}

/** Options of a streamed MTOM attachment. */
export interface MtomSourceOptions {
  /** The part's Content-Type (default `application/octet-stream`). */
  readonly contentType?: string;
}

/**
 * Bytes sent as an MTOM part without being held in memory: an (empty) `Uint8Array`, so it fits
 * wherever a generated type has `xs:base64Binary`, that carries a function opening its content.
 * Only a transport with `mtom` can send it; elsewhere it is a `SerializationError`.
 */
export class MtomSource extends Uint8Array {
  readonly open: () => AsyncIterable<Uint8Array>;
  readonly contentType: string;

  constructor(open: () => AsyncIterable<Uint8Array>, options: MtomSourceOptions = {}) {
    super(0);
    this.open = open;
    this.contentType = options.contentType ?? "application/octet-stream";
  }
}

/** Content opened anew for each send (a retried call sends it again). */
export function mtomStream(open: () => AsyncIterable<Uint8Array>, options?: MtomSourceOptions): Uint8Array {
  return new MtomSource(open, options);
}
