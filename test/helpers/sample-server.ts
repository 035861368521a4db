/**
 * A local SOAP server that answers every call with the operation's sample response
 * (`sampleOutput`, encoded by the runtime codec). Each operation has its own path,
 * `/<port index>/<operation>`, so no request parsing decides which operation was called.
 * A sample response that cannot be encoded is answered as HTTP 500 with the reason as text.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sampleOutput } from "../../generator/mock/sample-values.js";
import { encodeBodyOf } from "../../runtime/codec/body.js";
import { buildEnvelope } from "../../runtime/envelope.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";

export interface SampleServer {
  /** Endpoint of `operation` of the port at `index` in the list the server was started with. */
  endpoint(index: number, operation: string): string;
  close(): Promise<void>;
}

export interface SampleAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

/** The answer to `operation`: its sample response envelope (or 202, 404, 500 as described above). */
export function sampleAnswer(meta: ServiceMetadata, operation: string): SampleAnswer {
  const op = meta.operations[operation];
  if (op === undefined) return { status: 404, type: "text/plain", body: `no operation ${operation}` };
  const type = meta.soapVersion === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
  if (op.output === null) return { status: 202, type, body: "" };
  try {
    const bodyXml = encodeBodyOf(meta, op, op.output, sampleOutput(meta, operation) as object);
    return { status: 200, type, body: buildEnvelope({ version: meta.soapVersion, prefixes: meta.prefixes, bodyXml }) };
  } catch (e) {
    return { status: 500, type: "text/plain", body: `sample response not encodable: ${String(e)}` };
  }
}

export async function startSampleServer(ports: readonly ServiceMetadata[]): Promise<SampleServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const [, index, operation] = (req.url ?? "").split("/");
      const meta = ports[Number(index)];
      const r = meta ? sampleAnswer(meta, decodeURIComponent(operation ?? "")) : undefined;
      res.writeHead(r?.status ?? 404, { "content-type": r?.type ?? "text/plain" });
      res.end(r?.body ?? "no such port");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: (index, operation) => `http://127.0.0.1:${port}/${index}/${encodeURIComponent(operation)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
