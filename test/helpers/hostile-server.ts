/**
 * A local server that answers every call with a broken version of the operation's sample
 * response (./sample-server.ts): the proof that a generated client rejects bad input with a
 * `SoapkitError` only. `/<port index>/<operation>/<mutation index>`; `MUTATIONS` names them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import { sampleAnswer, type SampleAnswer } from "./sample-server.js";

type Mutation = (a: SampleAnswer, meta: ServiceMetadata) => SampleAnswer;

const ok = (a: SampleAnswer, body: string, type = a.type): SampleAnswer => ({ status: 200, type, body });

/** Broken answers, each a different way a server or a proxy can fail. */
export const MUTATIONS: readonly (readonly [string, Mutation])[] = [
  ["not XML", (a) => ok(a, "<<< this is not xml & never was")],
  ["truncated envelope", (a) => ok(a, a.body.slice(0, Math.floor(a.body.length / 2)))],
  ["empty 200", (a) => ok(a, "")],
  [
    "service namespaces replaced",
    (a, meta) =>
      ok(
        a,
        meta.prefixes.reduce((b, [, uri]) => b.split(`"${uri}"`).join('"urn:wrong"'), a.body),
      ),
  ],
  ["every text replaced", (a) => ok(a, a.body.replace(/>([^<]+)</g, ">\u00e9x!<"))],
  ["empty Body", (a) => ok(a, a.body.replace(/(<[\w.-]+:Body>)[\s\S]*(<\/[\w.-]+:Body>)/, "$1$2"))],
  ["HTML error page", () => ({ status: 500, type: "text/html", body: "<html><body><h1>Oops</h1></body></html>" })],
  ["HTML 200", (a) => ok(a, "<!DOCTYPE html><html><body>login</body></html>", "text/html")],
  [
    "fault with garbage detail",
    (a) =>
      ok(
        a,
        a.body.replace(
          /(<[\w.-]+:Body>)[\s\S]*(<\/[\w.-]+:Body>)/,
          '$1<soap:Fault xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><faultcode>x:y:z</faultcode><detail><a:b xmlns:a="urn:a"><c/></a:b></detail></soap:Fault>$2',
        ),
      ),
  ],
  [
    "entity expansion",
    (a) => ok(a, `<!DOCTYPE x [<!ENTITY e "${"x".repeat(50)}">]>${a.body.replace(/>([^<]+)</, ">&e;<")}`),
  ],
];

export interface HostileServer {
  endpoint(index: number, operation: string, mutation: number): string;
  close(): Promise<void>;
}

export async function startHostileServer(ports: readonly ServiceMetadata[]): Promise<HostileServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const [, index, operation, m] = (req.url ?? "").split("/");
      const meta = ports[Number(index)];
      const mutation = MUTATIONS[Number(m)]?.[1];
      const r = meta && mutation ? mutation(sampleAnswer(meta, decodeURIComponent(operation ?? "")), meta) : undefined;
      res.writeHead(r?.status ?? 404, { "content-type": r?.type ?? "text/plain" });
      res.end(r?.body ?? "no such port");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: (i, op, m) => `http://127.0.0.1:${port}/${i}/${encodeURIComponent(op)}/${m}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
