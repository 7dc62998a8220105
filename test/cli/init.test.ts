/**
 * `termsheet init`: the scaffolded project imports the standard calendar by name (`std:calendars`, no copy of it and
 * no path into the package), checks clean, is formatted, and settles with the two commands its README gives (the March 2026 fixing 10.12345 rounded to the tick 0.001, half to even: 10.123); init never overwrites a
 * file, and writes nothing then.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, fixture, termsheet } from "./helpers.js";

let project: { dir: string; cleanup(): void };

beforeAll(() => {
  ensureBuilt();
  project = fixture({});
});
afterAll(() => project.cleanup());

describe("termsheet init", () => {
  it("scaffolds a project that checks and settles with the commands of its README", () => {
    const r = termsheet(["init", "demo"], project.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("created a Termsheet project in demo");
    const dir = join(project.dir, "demo");
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    const commands = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split("\n");
    expect(commands).toEqual(["npx termsheet check .", "npx termsheet settle . --contract TOKEN_FUT-H26 --fixings data/fixings.csv"]);
    for (const file of ["indices/token-index.terms", "contracts/token-future.terms"])
      expect(readFileSync(join(dir, file), "utf8")).toContain('import ENGLAND_WALES from "std:calendars"\n');
    expect(existsSync(join(dir, "calendars"))).toBe(false);
    expect(readme).toContain('`import ENGLAND_WALES from "std:calendars"`');
    const check = termsheet(commands[0]!.split(" ").slice(2), dir);
    expect(check.code).toBe(0);
    // The project's two files and the six standard calendars that `std:calendars` reads.
    expect(check.stdout).toBe("ok: 8 files checked, no problems\n");
    const settle = termsheet(commands[1]!.split(" ").slice(2), dir);
    expect(settle.code).toBe(0);
    expect(settle.stdout.split("\n")[0]).toBe("TOKEN_FUT-H26 final settlement: 10.123");
    expect(readme).toContain("The settlement prints 10.123");
    expect(termsheet(["fmt", "--check", "."], dir).code).toBe(0);
  });

  it("never overwrites a file, and then writes nothing", () => {
    const r = termsheet(["init", "demo"], project.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not creating a project in demo: demo/indices/token-index.terms");
    expect(r.stderr).toContain("nothing was written");
  });
});
