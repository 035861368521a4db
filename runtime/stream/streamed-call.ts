/**
 * The end of a streamed SOAP call, shared by both SOAP transports: the response apart from the
 * streamed content is interpreted as usual; the streamed results become visible only when that
 * succeeds, and are removed when anything fails.
 */
import type { SoapVersion } from "../metadata.js";
import type { CallOutcome, PreparedCall } from "../pipeline/transport.js";
import { interpretSoapResponse } from "../soap/response.js";
import type { EnvelopeSecurity } from "../security/envelope-security.js";
import { receiveStreamed, type StreamedHttpResponse } from "./soap-stream.js";
import { StreamError } from "./stream-error.js";

/** Message security verifies the whole envelope, which a streamed call never holds. */
export function checkStreamable(call: PreparedCall, url: string, security: EnvelopeSecurity | undefined): void {
  if (security?.verify === undefined) return;
  const operation = call.operation.name;
  throw new StreamError("unsupported", `${operation}: a response verified by message security cannot be streamed`, {
    operation,
    url,
  });
}

export async function finishStreamed(
  call: PreparedCall,
  version: SoapVersion,
  url: string,
  res: StreamedHttpResponse,
  maxBytes: number,
): Promise<CallOutcome> {
  const received = await receiveStreamed(call, url, res, maxBytes);
  try {
    const { exchange } = received;
    call.observe.response({ url, status: exchange.status, httpHeaders: exchange.headers, body: exchange.body });
    const outcome = interpretSoapResponse(call, version, url, exchange);
    await received.commit();
    return { ...outcome, streamed: received.streamed };
  } catch (e) {
    await received.abort(e);
    throw e;
  }
}
