/**
 * The SOAP fetch transport must run outside Node (browsers, Deno, Bun, edge runtimes,
 * bundlers): no `Buffer` and no `node:` import in it or in the modules it pulls in from the
 * pipeline, the secrets and the fetch exchange.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const MODULES = [
  "soap/fetch-transport.ts",
  "soap/endpoint.ts",
  "soap/request.ts",
  "soap/response.ts",
  "soap/response-text.ts",
  "xml/charset.ts",
  "http/fetch-exchange.ts",
  "pipeline/transport.ts",
  "pipeline/http-headers.ts",
  "secrets/secret-set.ts",
  "secrets/decoded-view.ts",
  "secrets/base64-forms.ts",
  "secrets/collect.ts",
  "redact.ts",
];

describe("soapFetchTransport is portable", () => {
  for (const m of MODULES) {
    it(`${m}: no Buffer, no node: imports, no soap import`, () => {
      const code = readFileSync(new URL(`../../runtime/${m}`, import.meta.url), "utf8").replace(
        /\/\*[\s\S]*?\*\/|\/\/.*$/gm,
        "",
      );
      expect(code).not.toMatch(/\bBuffer\b/);
      expect(code).not.toMatch(/from\s+["']node:/);
      expect(code).not.toMatch(/from\s+["']soap["']/);
    });
  }
});
