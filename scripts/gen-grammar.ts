/**
 * `npm run grammar`: regenerates grammar/termsheet.ebnf and grammar/diagrams.html from the parser
 * (the logic is in scripts/grammar-gen.ts, which test/grammar/ebnf.test.ts also uses to check they are current).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateGrammarFiles } from "./grammar-gen.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const { path, content } of generateGrammarFiles()) {
  const target = join(root, path);
  let old: string | undefined;
  try {
    old = readFileSync(target, "utf8");
  } catch {
    old = undefined;
  }
  if (old === content) {
    console.log(`${path}: up to date`);
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`${path}: written (${content.length} bytes)`);
}
