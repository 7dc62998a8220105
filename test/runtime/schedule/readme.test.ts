/**
 * Keeps README.md's section on `calendar`, `expiries` and `listed` true: every example command is run in-process on
 * the real specs/ folder, text examples must be exactly what the CLI prints, and JSON examples (abbreviated with `…`)
 * must equal the real document with its arrays cut to the example's length.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../../src/cli/exit-codes.js";
import { runCli } from "../../../src/cli/run.js";
import { memorySystem, repoRoot } from "../../cli/helpers.js";
import { host, filesUnder } from "../../model/compile-helpers.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const start = readme.indexOf("### Calendars, expiries and listings");
const section = readme.slice(start, readme.indexOf("\n## ", start));
const examples = [...section.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const specs = Object.fromEntries(filesUnder("specs").map((p) => [p, host.readFile(p)!]));

/** Cuts the arrays of `actual` to the lengths of those in `shown`. */
function cut(actual: unknown, shown: unknown): unknown {
  if (Array.isArray(actual) && Array.isArray(shown)) return actual.slice(0, shown.length).map((a, i) => cut(a, shown[i]));
  if (actual !== null && typeof actual === "object" && shown !== null && typeof shown === "object") {
    return Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, cut(v, (shown as Record<string, unknown>)[k])]));
  }
  return actual;
}

async function run(command: string): Promise<string> {
  const sys = memorySystem(specs);
  const argv = command.replace(/^\$ termsheet /, "").split(" ");
  expect(await runCli(argv, sys), command).toBe(ExitCode.Ok);
  return sys.out;
}

describe("README: calendars, expiries and listings", () => {
  it("has examples of all three commands", () => {
    expect(section).toContain("$ termsheet calendar");
    expect(section).toContain("$ termsheet expiries");
    expect(section).toContain("$ termsheet listed");
  });

  for (const example of examples) {
    const commands = example.split(/^(?=\$ termsheet )/m);
    for (const block of commands) {
      const [command, ...output] = block.split("\n");
      it(command!, async () => {
        const out = await run(command!);
        const shown = output.join("\n").trimEnd();
        if (command!.includes("--format json")) {
          const doc = JSON.parse(shown.replace(/, …/g, "")) as unknown;
          expect(cut(JSON.parse(out), doc)).toEqual(doc);
        } else {
          expect(out.trimEnd()).toBe(shown);
        }
      });
    }
  }

  it("reports an unknown calendar as a usage error with a hint", async () => {
    const sys = memorySystem(specs);
    expect(await runCli(["calendar", "specs", "--calendar", "NYS", "--from", "2026-01-01", "--to", "2026-12-31"], sys)).toBe(
      ExitCode.Usage,
    );
    expect(sys.err).toContain("did you mean `NYSE`?");
  });

  it("rejects malformed dates and months as usage errors", async () => {
    for (const argv of [
      ["calendar", "specs", "--calendar", "NYSE", "--from", "2026-02-30", "--to", "2026-12-31"],
      ["expiries", "specs", "--contract", "FOTI", "--from", "2026-13", "--to", "2027-01"],
      ["expiries", "specs", "--contract", "FOTI", "--from", "2027-01", "--to", "2026-01"],
      ["listed", "specs", "--contract", "FOTI"],
    ]) {
      const sys = memorySystem(specs);
      expect(await runCli(argv, sys), argv.join(" ")).toBe(ExitCode.Usage);
    }
  });

  it("prints the diagnostics and exits with 1 when the sources have errors", async () => {
    const sys = memorySystem({ "bad.terms": "calendar X {\n  weekend Funday\n}\n" });
    expect(await runCli(["calendar", "bad.terms", "--calendar", "X", "--from", "2026-01-01", "--to", "2026-01-31"], sys)).toBe(
      ExitCode.UserError,
    );
    expect(sys.out).toContain("error[");
  });
});
