/** Where an HTTP exchange goes: profiles' routes first, then a served port (POST: SOAP; GET: documents). */
import type { ExchangeHandler } from "./http-server.js";
import { normalizePath } from "./services.js";
import type { ServedService } from "./types.js";
import { handleSoap, type SoapAdapterDeps } from "./soap-adapter.js";
import { answerDocuments, documentAt } from "./wsdl-documents.js";
import type { MockCall, MockHttpExchange, MockProfile, MockRuntime } from "./types.js";

/** One log line per call: never header values or payloads. */
export function callLine(c: MockCall): string {
  return `${c.transport} ${c.service}/${c.port} ${c.operation || "(unknown operation)"} → ${c.outcome} ${c.statusCode}`;
}

function pathnameOf(url: string): string {
  try {
    return normalizePath(decodeURIComponent(new URL(url, "http://mock.invalid").pathname));
  } catch {
    return "";
  }
}

function notFound(ex: MockHttpExchange, pathname: string, ports: readonly ServedService[]): void {
  const served = ports.map((p) => p.path).join(", ");
  ex.respond(404, `no SOAP port on ${pathname} (served: ${served})`, { "content-type": "text/plain; charset=utf-8" });
}

export function router(
  ports: readonly ServedService[],
  runtime: MockRuntime,
  deps: SoapAdapterDeps,
  profiles: readonly MockProfile[],
): ExchangeHandler {
  const byPath = new Map(ports.map((p) => [p.path, p]));
  return async (ex) => {
    for (const profile of profiles) if ((await profile.route?.(ex, runtime)) === true) return;
    const pathname = pathnameOf(ex.url);
    const port = byPath.get(pathname);
    const baseUrl = `http://${ex.headers["host"] ?? "127.0.0.1"}`;
    if (port !== undefined && ex.method === "POST") return handleSoap(port, ex, deps);
    const doc =
      port !== undefined
        ? answerDocuments(port, ex.url, ports, baseUrl)
        : ex.method === "GET"
          ? documentAt(pathname, ports, baseUrl)
          : undefined;
    if (doc === undefined) notFound(ex, pathname, ports);
    else ex.respond(doc.status, doc.body, doc.headers);
  };
}
