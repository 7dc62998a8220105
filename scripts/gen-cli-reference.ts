/**
 * Writes README.md's command reference (between its two markers) from the CLI's command table
 * (src/cli/commands.ts through src/cli/help.ts's `commandReference`). Run with `npx tsx scripts/gen-cli-reference.ts`;
 * test/cli/reference.test.ts fails when the README is not what this writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { README_BEGIN, README_END, withReference } from "../src/cli/help.js";

const path = new URL("../README.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = withReference(before);
if (after === undefined) {
  process.stderr.write(`README.md has no command reference markers (${README_BEGIN} … ${README_END})\n`);
  process.exit(1);
}
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? "README.md's command reference is up to date\n" : "README.md's command reference written\n");
