/**
 * Imports are confined (issue 13, grammar/README.md "Files and imports"): the CLI, on real folders, reads only
 * regular `.terms` files of at most 16 MiB inside the project folder or the standard library, symbolic links
 * resolved first; nothing outside is parsed or shown, nothing blocks, nothing aborts. Each refusal is a diagnostic
 * with its code at the import's path, and exit code 1. The checks run in process (runCli on the real file system);
 * the standard library and the files named on the command line (devices, pipes) also through the built executable.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GOOD_CALENDAR, ensureBuilt, fixture, repoRoot, runIn, termsheet } from "./helpers.js";

/** A file outside the project whose every line would be a syntax error, so that a leak would show. */
const SECRET = "SECRET_LINE_1 alpha:beta\nSECRET_LINE_2 gamma:delta\n";
const uses = (path: string, name = "TEST_CAL"): string => `import ${name} from "${path}"\n`;

const files = fixture({
  "outside/secret.terms": SECRET,
  "outside/secret.txt": SECRET,
  // A marker's content is not read.
  "project/termsheet.json": "not even JSON\n",
  "project/lib/cal.terms": GOOD_CALENDAR,
  "project/lib/notes.txt": SECRET,
  "project/contracts/uses-lib.terms": uses("../lib/cal.terms"),
  "project/climbs-out.terms": uses("../outside/secret.terms"),
  "project/absolute-out.terms": "",
  "project/etc-passwd.terms": uses("/etc/passwd"),
  "project/etc-passwd-dots.terms": uses("../../../../../../../../../etc/passwd"),
  "project/link-out.terms": uses("links/secret.terms"),
  "project/link-passwd.terms": uses("links/passwd.terms"),
  "project/link-txt.terms": uses("links/notes.terms"),
  "project/link-in.terms": uses("links/cal.terms"),
  "project/fifo.terms": uses("special/pipe.terms"),
  "project/large.terms": uses("special/large.terms"),
  "project/stdlib.terms": "",
  // Issue 18: "The standard library importable by name (e.g. `import NYSE from \"std:calendars\"`), from any folder,
  // with no relative path into node_modules; a missing standard name gets a hint to import it."
  "project/deep/er/std-module.terms": `import NYSE, TARGET from "std:calendars"\nimport US_FEDERAL from "std:calendars/us-federal"\ncalendar MINE {\n  time zone UTC\n  based on NYSE, TARGET, US_FEDERAL\n}\n`,
  "project/std-all.terms": `import "std:calendars"\ncalendar ALL {\n  time zone UTC\n  based on ENGLAND_WALES, US_FEDERAL\n}\n`,
  "project/std-unknown.terms": `import NYSE from "std:calendar"\n`,
  "project/std-escape.terms": `import NYSE from "std:calendars/../../../outside/secret"\n`,
  "project/std-missing-name.terms": `import NYSE from "std:calendars/nyse"\nimport TARGET from "std:calendars/nyse"\n`,
  "project/std-hint.terms": `calendar MINE {\n  time zone UTC\n  based on NYSE\n}\n`,
  "no-marker/contracts/uses-lib.terms": uses("../lib/cal.terms"),
  "no-marker/lib/cal.terms": GOOD_CALENDAR,
  "npm-project/package.json": "{}\n",
  "npm-project/contracts/uses-lib.terms": uses("../lib/cal.terms"),
  "npm-project/lib/cal.terms": GOOD_CALENDAR,
});
const cwd = files.dir;
const project = join(cwd, "project");
// Each test runs the CLI a few times; on a busy machine that takes longer than vitest's default 5 s.
vi.setConfig({ testTimeout: 60_000 });

beforeAll(() => {
  ensureBuilt();
  writeFileSync(join(project, "absolute-out.terms"), uses(join(cwd, "outside", "secret.terms")));
  mkdirSync(join(project, "links"));
  symlinkSync(join(cwd, "outside", "secret.terms"), join(project, "links", "secret.terms"));
  symlinkSync("/etc/passwd", join(project, "links", "passwd.terms"));
  symlinkSync(join(project, "lib", "notes.txt"), join(project, "links", "notes.terms"));
  symlinkSync(join(project, "lib", "cal.terms"), join(project, "links", "cal.terms"));
  mkdirSync(join(project, "special"));
  spawnSync("mkfifo", [join(project, "special", "pipe.terms")]);
  writeFileSync(join(project, "special", "large.terms"), "");
  truncateSync(join(project, "special", "large.terms"), 16 * 1024 * 1024 + 1);
  // The package's standard library, by a relative path from the project: outside the project, but allowed.
  const nyse = relative(project, join(repoRoot, "specs", "calendars", "nyse.terms"))
    .split("\\")
    .join("/");
  writeFileSync(join(project, "stdlib.terms"), uses(nyse, "NYSE"));
}, 60_000);
afterAll(() => files.cleanup());

interface Json {
  diagnostics: { code: string; file: string; line: number; column: number; message: string; notes: string[] }[];
}

/** Checks a file of the project, from the project folder (in process), as JSON; also the text output, for leaks. */
async function check(file: string, dir = project): Promise<{ code: number | null; json: Json; text: string }> {
  const j = await runIn(["check", file, "--format", "json"], dir);
  const t = await runIn(["check", file], dir);
  expect(t.code).toBe(j.code);
  return { code: j.code, json: JSON.parse(j.stdout) as Json, text: t.stdout + t.stderr + j.stderr };
}

async function expectRefused(file: string, code: string, what: RegExp, writtenAbsolute = false): Promise<void> {
  const r = await check(file);
  expect(r.code).toBe(1);
  expect(r.json.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([`${code} ${file}:1:22`]);
  expect(r.json.diagnostics[0]!.message).toMatch(what);
  // Nothing of the file outside is shown, and no absolute path but one the import itself wrote.
  expect(r.text).not.toContain("SECRET");
  expect(r.text).not.toContain("root:");
  if (!writtenAbsolute) expect(r.text).not.toContain(cwd);
}

describe("imports inside the project", () => {
  it("are read, through `..` and through symbolic links that stay inside", async () => {
    expect((await check("contracts/uses-lib.terms")).code).toBe(0);
    expect((await check("link-in.terms")).code).toBe(0);
  });

  it("may read the standard library, wherever the package is", async () => {
    expect(await check("stdlib.terms")).toMatchObject({ code: 0 });
    // The built executable finds the standard library beside its bundle.
    expect(termsheet(["check", "stdlib.terms"], project).code).toBe(0);
  });

  it("may read the whole folder that holds a package.json", async () => {
    expect((await check("contracts/uses-lib.terms", join(cwd, "npm-project"))).code).toBe(0);
  });

  it("are confined to the folder of the files checked when no folder above holds termsheet.json or package.json", async () => {
    const dir = join(cwd, "no-marker");
    const r = await check("contracts/uses-lib.terms", dir);
    expect(r.code).toBe(1);
    expect(r.json.diagnostics.map((d) => d.code)).toEqual(["E2020"]);
    expect(r.json.diagnostics[0]!.notes[0]).toContain("`contracts`");
    // Given the folder above, the project is that folder.
    expect((await runIn(["check", "."], dir)).code).toBe(0);
  });
});

describe("imports are refused", () => {
  it("outside the project, by `..` or by an absolute path (E2020)", async () => {
    await expectRefused("climbs-out.terms", "E2020", /outside the project folder/);
    await expectRefused("absolute-out.terms", "E2020", /outside the project folder/, true);
  });

  it("when a symbolic link leads outside the project (E2020)", async () => {
    await expectRefused("link-out.terms", "E2020", /symbolic link to a file outside/);
    await expectRefused("link-passwd.terms", "E2020", /symbolic link to a file outside/);
  });

  it("for a file that is not a `.terms` file, before it is read (E2021)", async () => {
    await expectRefused("etc-passwd.terms", "E2021", /only `\.terms` files/);
    await expectRefused("etc-passwd-dots.terms", "E2021", /only `\.terms` files/);
    await expectRefused("link-txt.terms", "E2021", /not a `\.terms` file/);
  });

  it("for a named pipe, without waiting for a writer (E2022)", async () => {
    await expectRefused("fifo.terms", "E2022", /not a regular file/);
  });

  it("for a file larger than 16 MiB (E2023)", async () => {
    await expectRefused("large.terms", "E2023", /larger than 16 MiB/);
  });
});

describe("imports of the standard library by name (std:)", () => {
  it("read every standard calendar, or one file, from any folder", async () => {
    expect(await check("deep/er/std-module.terms")).toMatchObject({ code: 0 });
    expect(await check("std-all.terms")).toMatchObject({ code: 0 });
    expect(termsheet(["check", "deep/er/std-module.terms"], project).code).toBe(0);
  });

  it("name a module, never a path: an unknown module is E2004 with the modules listed", async () => {
    for (const file of ["std-unknown.terms", "std-escape.terms"]) {
      const r = await check(file);
      expect(r.code).toBe(1);
      expect(r.json.diagnostics.map((d) => d.code)).toEqual(["E2004"]);
      expect(r.json.diagnostics[0]!.message).toMatch(/the standard library has no module/);
      expect(r.json.diagnostics[0]!.notes.join(" ")).toMatch(
        /^its modules are `std:calendars`, .*`std:calendars\/england-wales`, .*`std:calendars\/nyse`/,
      );
      expect(r.text).not.toContain("SECRET");
    }
    expect((await check("std-unknown.terms")).text).toContain("did you mean `std:calendars`?");
  });

  it("report a name the module does not declare (E2005), naming the module", async () => {
    const r = await check("std-missing-name.terms");
    expect(r.json.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(["E2005 2:8"]);
    expect(r.json.diagnostics[0]!.notes).toEqual(["`std:calendars/nyse` declares `NYSE`"]);
  });

  it("are suggested for an unknown name the standard library declares", async () => {
    const r = await check("std-hint.terms");
    expect(r.json.diagnostics.map((d) => d.code)).toEqual(["E2001"]);
    expect(r.text).toContain('hint: import it: import NYSE from "std:calendars"');
    expect(r.text).toContain("`NYSE` is a calendar of the standard library");
  });
});

describe("files named on the command line", () => {
  it("that are devices, pipes or too large are refused with a reason, not read (E2013)", () => {
    for (const [path, reason] of [
      ["/dev/zero", "not a regular file"],
      ["/dev/urandom", "not a regular file"],
      ["special/pipe.terms", "not a regular file"],
      ["special/large.terms", "larger than 16 MiB"],
    ] as const) {
      const r = termsheet(["check", path], project);
      expect(r.code, path).toBe(1);
      expect(r.stdout, path).toContain("error[E2013]");
      expect(r.stdout, path).toContain(reason);
    }
  });
});
