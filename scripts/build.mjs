// Builds the CLI bundle and the library entry into dist/ with esbuild (run by `npm install` via `prepare`).
// The CLI is minified and has the package version embedded, so `termsheet` starts without reading package.json.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  define: { __TERMSHEET_VERSION__: JSON.stringify(version) },
  // A bundled ESM file still needs require() for chevrotain's CJS dependencies.
  banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
};
const entries = [
  { entry: "src/cli/main.ts", outfile: "dist/cli.js", minify: true },
  { entry: "src/index.ts", outfile: "dist/index.js", minify: false },
];
for (const { entry, outfile, minify } of entries) {
  if (!existsSync(entry)) continue;
  await build({ ...common, entryPoints: [entry], outfile, minify });
}
