#!/usr/bin/env node
// The termsheet command: a thin launcher for the bundled CLI in dist/ (built by `npm install` or `npm run build`).
import module from "node:module";

// Node 22.1+ can cache compiled code between runs, which shortens start-up; on Node 20 there is nothing to do.
module.enableCompileCache?.();

try {
  await import("../dist/cli.js");
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("dist/cli.js")) throw e;
  process.stderr.write("termsheet: the CLI is not built (dist/cli.js is missing); run `npm run build` first.\n");
  process.exitCode = 3;
}
