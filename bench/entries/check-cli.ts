/**
 * Stand-in for `termsheet check DIR` while the CLI (src/cli/main.ts) is not built: reads every .terms file under
 * the folders given, checks them with the driver and prints the diagnostic count, exiting 1 on errors. Bundled
 * by bench/lib.mjs so that its startup cost (loading one bundle, building the lexer and parser) matches the CLI's.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { checkSources } from "../../src/driver.js";

function collect(path: string, out: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (path.endsWith(".terms")) out.push(path);
}

const files: string[] = [];
for (const input of process.argv.slice(2)) collect(input, files);
const result = checkSources(
  files.map((path) => ({ path, text: readFileSync(path, "utf8") })),
  {
    readFile(path) {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
    resolveImport: (from, imported) => posix.normalize(posix.join(dirname(from), imported)),
  },
);
const errors = result.diagnostics.filter((d) => d.severity === "error").length;
process.stdout.write(`${files.length} files, ${result.diagnostics.length} diagnostics\n`);
process.exitCode = errors > 0 ? 1 : 0;
