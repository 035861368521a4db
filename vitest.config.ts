import { defineConfig } from "vitest/config";

// Source mode: `@soapkit/runtime` and `soapkit` resolve to their TypeScript sources through the
// `soapkit-source` export condition (the same one tsconfig.json's customConditions names), so
// tests never need a prior build.
const conditions = ["soapkit-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["soapkit-source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
