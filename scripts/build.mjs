// Builds the CLI bundle and the library entry into dist/ with esbuild (run by `npm install` via `prepare`).
import { build } from "esbuild";
import { existsSync } from "node:fs";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
};
const entries = [
  ["src/cli/main.ts", "dist/cli.js"],
  ["src/index.ts", "dist/index.js"],
];
for (const [entry, outfile] of entries) {
  if (!existsSync(entry)) continue;
  await build({
    ...common,
    entryPoints: [entry],
    outfile,
    // A bundled ESM file still needs require() for chevrotain's CJS dependencies.
    banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
  });
}
