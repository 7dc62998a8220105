// Builds the CLI bundle and the library entry into dist/ with esbuild (run by `npm install` via `prepare`).
// The CLI is minified and has the package version embedded, so `termsheet` starts without reading package.json.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

// The digest of every source file, which the check cache keys on beside the version (src/cli/check-cache.ts).
function sourceDigest() {
  const hash = createHash("sha256");
  const src = new URL("../src/", import.meta.url);
  for (const rel of readdirSync(src, { recursive: true }).map(String).sort()) {
    if (!/\.(ts|js|json)$/.test(rel)) continue;
    hash
      .update(rel)
      .update("\0")
      .update(readFileSync(new URL(rel, src)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

// The settlement runtime bundle that `termsheet build` copies next to the generated settlement modules
// (src/backends/settlement): src/runtime's public settlement API as one readable ES module, its declarations emitted
// by tsc (AMD outFile: one ambient module per source file, named under `termsheet-runtime/`, and an entry that
// re-exports the API). The CLI embeds the three texts, so `build` reads no file to copy them. Built in memory
// before dist/ is emptied, so dist/ is incomplete for as short a time as possible.
const runtimeFiles = await settlementRuntime();

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
  define: { __TERMSHEET_VERSION__: JSON.stringify(version), __TERMSHEET_BUILD__: JSON.stringify(sourceDigest()) },
  // A bundled ESM file still needs require() for chevrotain's CJS dependencies.
  banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
  // DuckDB is an optional native package, imported at run time only by `--engine duckdb` (src/cli/duckdb-engine.ts).
  external: ["@duckdb/node-api"],
};
// The CLI is split into chunks so that `check` never loads what only `build` needs (ajv, the JSON backend):
// src/cli/load.ts imports the compiler lazily, and esbuild puts it in its own chunk under dist/cli-chunks/.
await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "cli-chunks/[name]-[hash]",
  minify: true,
  // A string, not an object: esbuild would hoist an object into a chunk that `check` loads too.
  define: { ...common.define, __TERMSHEET_SETTLEMENT_RUNTIME__: JSON.stringify(JSON.stringify(runtimeFiles)) },
});
mkdirSync(new URL("../dist/settlement", import.meta.url), { recursive: true });
for (const [name, text] of Object.entries(runtimeFiles)) writeFileSync(new URL(`../dist/settlement/${name}`, import.meta.url), text);
await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", minify: false });
// `termsheet/node`: nodeHost(), the file-system Host (kept out of the pure main entry).
await build({ ...common, entryPoints: ["src/node.ts"], outfile: "dist/node.js", minify: false });
// The prettier plugin (`termsheet/prettier`): prettier itself is the host, so it is not bundled.
await build({
  ...common,
  entryPoints: { prettier: "src/format/plugin.ts" },
  outfile: undefined,
  outdir: "dist",
  external: ["prettier", "prettier/*"],
  minify: false,
});

/** The texts of dist/settlement/termsheet-runtime.{js,d.ts,modules.d.ts}, by file name (nothing is written). */
async function settlementRuntime() {
  const result = await build({
    entryPoints: ["src/runtime/settlement-runtime.ts"],
    bundle: true,
    platform: "neutral",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    write: false,
    outfile: "dist/settlement/termsheet-runtime.js",
    banner: { js: `// Termsheet ${version} settlement runtime: src/runtime's settlement API, bundled; see termsheet-runtime.d.ts.` },
  });
  const ts = (await import("typescript")).default;
  const emitted = new Map();
  const program = ts.createProgram(["src/runtime/settlement-runtime.ts"], {
    declaration: true,
    emitDeclarationOnly: true,
    outFile: "modules.d.ts",
    module: ts.ModuleKind.AMD,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: [],
    strict: true,
    skipLibCheck: true,
  });
  const emit = program.emit(undefined, (name, text) => emitted.set(name, text), undefined, true);
  const modules = emitted.get("modules.d.ts");
  if (emit.diagnostics.length > 0 || modules === undefined) throw new Error("cannot emit the settlement runtime's declarations");
  const files = {
    "termsheet-runtime.js": result.outputFiles[0].text,
    "termsheet-runtime.d.ts": `// Termsheet ${version} settlement runtime: the declarations of termsheet-runtime.js.\n/// <reference path="./termsheet-runtime.modules.d.ts" />\nexport * from "termsheet-runtime/settlement-runtime";\n`,
    "termsheet-runtime.modules.d.ts": modules.replace(
      /((?:declare module|from|import\() ?")(?!termsheet-runtime\/)([^".][^"]*")/g,
      "$1termsheet-runtime/$2",
    ),
  };
  return files;
}
