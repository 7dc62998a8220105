/**
 * Vite configuration of the browser playground: `npm run playground` serves it (vite dev), `npm run
 * build:playground` writes a static site to playground/dist/ with relative URLs (`base: "./"`), so any web server
 * can host it from any folder. The compiler runs in a module worker (src/worker.ts). Two things make src/ run in a
 * browser unchanged: `node:crypto` (the content hash) is aliased to a SHA-256 shim, and the editor's vocabulary
 * (the lexer's keywords, the checker's enumerated words, the unit words) is read from the compiler here, at build
 * time, into the virtual module `virtual:termsheet-vocabulary`, so the page's own bundle never loads the parser.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { keywords } from "../src/syntax/tokens.js";
import { WORD_SETS, wordsOf } from "../src/check/words.js";
import { CURRENCIES, KNOWN_UNIT_WORDS, SCALE_WORDS } from "../src/base/units.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const { version } = JSON.parse(readFileSync(here("../package.json"), "utf8")) as { version: string };

const VOCABULARY = "virtual:termsheet-vocabulary";

/** The words the editor highlights and completes, from the compiler's own tables. */
function vocabulary(): Plugin {
  const words = {
    keywords: [...keywords].sort(),
    enumWords: [...new Set(Object.values(WORD_SETS).flatMap((set) => wordsOf(set)))].filter((w) => !keywords.includes(w)).sort(),
    units: [...new Set([...KNOWN_UNIT_WORDS, ...CURRENCIES, ...Object.keys(SCALE_WORDS)])].sort(),
  };
  return {
    name: "termsheet-vocabulary",
    resolveId: (id) => (id === VOCABULARY ? "\0" + VOCABULARY : undefined),
    load: (id) => (id === "\0" + VOCABULARY ? `export default ${JSON.stringify(words)};` : undefined),
  };
}

export default defineConfig({
  root: here("."),
  base: "./",
  define: { __TERMSHEET_VERSION__: JSON.stringify(version) },
  resolve: { alias: { "node:crypto": here("src/shims/node-crypto.ts") } },
  plugins: [vocabulary()],
  worker: { format: "es" },
  // The dev server pre-bundles the worker's dependencies (chevrotain, zod, ajv's runtime) on the first visit too.
  optimizeDeps: { entries: ["index.html", "src/worker.ts"] },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    target: "es2022",
    // The worker holds the whole compiler (parser, checker, model, zod, ajv, runtime): one chunk of ~1 MB is expected.
    chunkSizeWarningLimit: 2000,
  },
  server: { fs: { allow: [here("..")] } },
});
