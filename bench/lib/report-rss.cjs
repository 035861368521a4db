// Preloaded with `node --require` when /usr/bin/time is missing: on exit, writes this
// process's peak RSS (KB, from process.resourceUsage().maxRSS) to $SOAPKIT_BENCH_RSS_FILE.
"use strict";
const { writeFileSync } = require("node:fs");
const file = process.env.SOAPKIT_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      /* best effort */
    }
  });
}
