/**
 * Keeps README.md's section on `settle` and `index` true: every example command runs in-process on the real specs/
 * folder and the settlement cases' data files, and prints exactly what the README shows. (Its blocks are fenced as
 * `console`, so the schedule commands' README test, which reads the `text` blocks up to the next `##`, skips them.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { runCli } from "../../src/cli/run.js";
import { host, filesUnder } from "../model/compile-helpers.js";
import { memorySystem, repoRoot } from "./helpers.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const start = readme.indexOf("### Settlement from market data");
const section = readme.slice(start, readme.indexOf("\n## ", start));
const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const examples = [...section.matchAll(/^```console\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

describe("README: settlement from market data", () => {
  it("has examples of settle and index", () => {
    expect(start).toBeGreaterThan(0);
    expect(section).toContain("$ termsheet settle ");
    expect(section).toContain("$ termsheet index ");
  });

  for (const example of examples) {
    for (const block of example.split(/^(?=\$ termsheet )/m)) {
      const [command, ...output] = block.split("\n");
      it(command!, async () => {
        const argv = command!.replace(/^\$ termsheet /, "").split(" ");
        const files: Record<string, string> = Object.fromEntries(filesUnder("specs").map((p) => [p, host.readFile(p)!]));
        for (const a of argv) if (a.startsWith("test/cases/")) files[a] = readFileSync(join(repoRoot, a), "utf8");
        // The package's version, as `npx termsheet` has: it is part of each compiled spec and so of its hash.
        const base = memorySystem(files);
        const sys = { ...base, version };
        expect(await runCli(argv, sys), base.err).toBe(ExitCode.Ok);
        expect(base.out.trimEnd()).toBe(output.join("\n").trimEnd());
      });
    }
  }
});
