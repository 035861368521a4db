/**
 * A local HTTP server on 127.0.0.1 that records each request and answers with what the
 * test's handler returns (canned SOAP envelopes), for end-to-end calls through generated
 * clients against responses written by hand (rpc/encoded multiRefs, spyne faults, ...).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CannedRequest {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface CannedReply {
  readonly status?: number;
  readonly contentType?: string;
  readonly body: string;
}

export interface CannedServer {
  readonly endpoint: string;
  readonly requests: CannedRequest[];
  close(): Promise<void>;
}

export async function startCannedServer(handler: (req: CannedRequest) => CannedReply): Promise<CannedServer> {
  const requests: CannedRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const r: CannedRequest = { url: req.url ?? "", headers: req.headers, body };
      requests.push(r);
      let reply: CannedReply;
      try {
        reply = handler(r);
      } catch (e) {
        reply = { status: 599, contentType: "text/plain", body: `handler failed: ${String(e)}` };
      }
      res.writeHead(reply.status ?? 200, { "content-type": reply.contentType ?? "text/xml; charset=utf-8" });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/soap`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A SOAP 1.1 envelope around `body`. */
export function soap11(body: string, extraNs = ""): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${extraNs}>` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/** The XML inside `soap:Body` of an envelope (text between the Body tags). */
export function bodyOf(envelope: string): string {
  const m = /<([A-Za-z0-9_-]+:)?Body[^>]*>([\s\S]*)<\/([A-Za-z0-9_-]+:)?Body>/.exec(envelope);
  if (m === null) throw new Error(`no Body in ${envelope.slice(0, 200)}`);
  return m[2]!;
}
