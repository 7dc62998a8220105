/**
 * Keeps README.md true: the Quick start is exactly the three documented commands, the language tour checks
 * clean, and the error example, its JSON output and the exit-code table are what the CLI really prints and returns.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { runCli } from "../../src/cli/run.js";
import { memorySystem, repoRoot } from "./helpers.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The fenced code blocks of a language, in order. */
function blocks(language: string): string[] {
  const re = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```$", "gm");
  return [...readme.matchAll(re)].map((m) => m[1]!);
}

/** The README's section with this heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.split(" ")[0]!;
  const rest = readme.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level.length}} `, "m"));
  return next < 0 ? rest : rest.slice(0, next);
}

const tour = blocks("terms")[0]!;
const wrongTick = tour.replace("tick 0.001 USD per 1M tokens", "tick 0.001 USD per GPU-hour");

describe("README.md", () => {
  it("has a Quick start of exactly npm install, npx termsheet build specs, npm test", () => {
    expect(blocks("sh")[0]).toBe("npm install\nnpx termsheet build specs\nnpm test\n");
    expect(section("## Quick start")).toContain("```sh\nnpm install\nnpx termsheet build specs\nnpm test\n```");
  });

  it("has a language tour that checks clean", async () => {
    const sys = memorySystem({ "tour.terms": tour });
    expect(await runCli(["check", "tour.terms"], sys)).toBe(ExitCode.Ok);
    expect(sys.out).toBe("ok: 1 file checked, no problems\n");
    // A calendar, an index and a future.
    expect(tour).toMatch(/^calendar /m);
    expect(tour).toMatch(/^index /m);
    expect(tour).toMatch(/^future /m);
  });

  it("shows the error the CLI really prints for the wrong tick", async () => {
    expect(wrongTick).not.toBe(tour);
    const sys = memorySystem({ "specs/foti.terms": wrongTick });
    expect(await runCli(["check", "specs/foti.terms"], sys)).toBe(ExitCode.UserError);
    const shown = blocks("text").find((b) => b.startsWith("error["));
    expect(sys.out).toBe(shown);
  });

  it("shows the JSON the CLI really prints for the wrong tick", async () => {
    const sys = memorySystem({ "specs/foti.terms": wrongTick });
    await runCli(["check", "specs/foti.terms", "--format", "json"], sys);
    expect(JSON.parse(blocks("json")[0]!)).toEqual(JSON.parse(sys.out));
  });

  it("documents the exit codes the CLI returns", () => {
    const table = section("## The command line");
    for (const code of Object.values(ExitCode)) expect(table).toMatch(new RegExp(`^\\| ${code} \\| `, "m"));
    expect([...table.matchAll(/^\| (\d) \| /gm)].map((m) => Number(m[1]))).toEqual(Object.values(ExitCode));
  });

  it("links to files that exist", () => {
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)\)/g)) {
      if (/^https?:/.test(target!)) continue;
      expect(existsSync(join(repoRoot, target!)), target).toBe(true);
    }
  });
});
