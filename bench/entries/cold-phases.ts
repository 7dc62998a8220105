/**
 * Where a cold `termsheet check specs` spends its time: run once per fresh process by bench/cold-phases.mjs, it
 * loads and runs the check path step by step, as the CLI does, and prints the milliseconds of each step as JSON.
 * `performance.now()` counts from the process's start, so the first figure is Node's own start-up.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const phases: Record<string, number> = {};
let last = performance.now();
phases["node start-up (until this script runs)"] = last;
function mark(name: string): void {
  const now = performance.now();
  phases[name] = now - last;
  last = now;
}

function termsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? termsFiles(join(dir, e.name)) : e.name.endsWith(".terms") ? [join(dir, e.name)] : []))
    .sort();
}

await import("chevrotain");
mark("load chevrotain");
await import("../../src/syntax/tokens.js");
mark("build the lexer");
await import("../../src/syntax/parser.js");
mark("build the parser (chevrotain self-analysis)");
const { parse } = await import("../../src/syntax/parse.js");
const { SourceFile } = await import("../../src/base/source.js");
const { checkSources } = await import("../../src/driver.js");
mark("load the checker");
const dir = process.argv[2] ?? "specs";
const roots = termsFiles(dir).map((path) => ({ path, text: readFileSync(path, "utf8") }));
mark("read the files");
for (const r of roots) parse(new SourceFile(r.path, r.text));
mark("parse every file (cold)");
for (const r of roots) parse(new SourceFile(r.path, r.text));
const warmParse = performance.now() - last;
mark("parse every file again (warm)");
const host = {
  readFile: (p: string) => {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
  resolveImport: (from: string, path: string) => join(from, "..", path),
};
const result = checkSources(roots, host);
mark("check (names, units, calendars, 50-year expiries, fallbacks) with a warm parse");
phases["check without its parse"] = phases["check (names, units, calendars, 50-year expiries, fallbacks) with a warm parse"]! - warmParse;
if (result.diagnostics.length > 0) throw new Error(`the check found ${result.diagnostics.length} problems`);
process.stdout.write(JSON.stringify(phases) + "\n");
