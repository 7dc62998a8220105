// Builds the CLI bundle and the library entry into dist/ with esbuild (run by `npm install` via `prepare`).
// The CLI is minified and has the package version embedded, so `termsheet` starts without reading package.json.
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

// Stale chunks from an earlier build must not linger next to the new ones.
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });

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
// The CLI is split into chunks so that `check` never loads what only `build` needs (zod, ajv, the model):
// src/cli/compile.ts imports the compiler lazily, and esbuild puts it in its own chunk under dist/cli-chunks/.
await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "cli-chunks/[name]-[hash]",
  minify: true,
});
await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", minify: false });
// The prettier plugin (`termsheet/prettier`): prettier itself is the host, so it is not bundled.
await build({ ...common, entryPoints: { prettier: "src/format/plugin.ts" }, outfile: undefined, outdir: "dist", external: ["prettier", "prettier/*"], minify: false });
