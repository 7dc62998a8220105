// Builds the extension into dist/ with esbuild (from the repository's node_modules): the extension itself
// (CommonJS, as VS Code loads it, with vscode-languageclient bundled), the language server bundled from the
// repository's src/lsp (an ES module run by Node), the TextMate grammar and the standard calendars beside them.
// Type-checks src/extension.ts first with the repository's TypeScript. Run by `npm run build` and by vsce.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(here, "..", "..");
const { version } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));

const ts = (await import("typescript")).default;
const program = ts.createProgram([join(here, "src", "extension.ts")], {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  types: ["node", "vscode"],
  typeRoots: [join(here, "node_modules", "@types"), join(repo, "node_modules", "@types")],
  skipLibCheck: true,
});
const problems = ts.getPreEmitDiagnostics(program);
if (problems.length > 0) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => here, getNewLine: () => "\n" };
  console.error(ts.formatDiagnostics(problems, host));
  process.exit(1);
}

rmSync(join(here, "dist"), { recursive: true, force: true });
await build({
  entryPoints: [join(here, "src", "extension.ts")],
  outfile: join(here, "dist", "extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["vscode"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
await build({
  entryPoints: [join(repo, "src", "lsp", "main.ts")],
  outfile: join(here, "dist", "server.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node18",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  define: { __TERMSHEET_VERSION__: JSON.stringify(version) },
  banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
});
mkdirSync(join(here, "syntaxes"), { recursive: true });
cpSync(join(repo, "grammar", "termsheet.tmLanguage.json"), join(here, "syntaxes", "termsheet.tmLanguage.json"));
rmSync(join(here, "specs"), { recursive: true, force: true });
cpSync(join(repo, "specs", "calendars"), join(here, "specs", "calendars"), { recursive: true });
console.log(`built the Termsheet extension ${version} into ${join("editors", "vscode", "dist")}`);
