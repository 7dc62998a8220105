/**
 * End-to-end tests of the `termsheet` command on fixtures in a temporary folder: exit codes, where output goes,
 * locations, carets and the JSON shape. `check` and `build` run in process (runCli on the real file system, from
 * the fixture folder); help, version, input and usage errors and colour on a terminal run the built
 * bin/termsheet.js as a subprocess, as a user does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_CALENDAR, GOOD_CALENDAR, ensureBuilt, fixture, repoRoot, runIn, termsheet } from "./helpers.js";

const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

const files = fixture({
  // The fixture is a project, so that contracts/ may import ../lib/ (grammar/README.md, "Files and imports").
  "termsheet.json": "{}\n",
  "good.terms": GOOD_CALENDAR,
  "bad.terms": BAD_CALENDAR,
  "lib/cal.terms": GOOD_CALENDAR,
  "contracts/uses-lib.terms": `import TEST_CAL from "../lib/cal.terms"\n`,
  "contracts/broken-import.terms": `import TEST_CAL from "../lib/nowhere.terms"\n`,
  "tree/b/two.terms": GOOD_CALENDAR.replace("TEST_CAL", "TWO"),
  "tree/a.terms": GOOD_CALENDAR.replace("TEST_CAL", "ONE"),
  "tree/node_modules/dep/x.terms": BAD_CALENDAR,
  "tree/.hidden/x.terms": BAD_CALENDAR,
  "tree/notes.txt": "not a source",
  "empty/readme.txt": "no sources here",
});
const cwd = files.dir;

beforeAll(() => ensureBuilt(), 60_000);
afterAll(() => files.cleanup());

/** No line of a stack trace, e.g. "    at Object.<anonymous> (file.js:1:2)". */
const STACK = /^\s+at .+:\d+/m;
const ANSI = new RegExp(String.fromCharCode(27) + "\\[");

describe("help and version", () => {
  it("--help prints the commands and exit codes to stdout", () => {
    const r = termsheet(["--help"], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const word of ["termsheet check", "termsheet build", "termsheet help", "--format", "--no-color", "Exit codes"]) {
      expect(r.stdout).toContain(word);
    }
  });

  it("help <command> and <command> --help print the command's page", () => {
    const a = termsheet(["help", "check"], cwd);
    const b = termsheet(["check", "--help"], cwd);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("termsheet check <files or folders…>");
    expect(b).toEqual(a);
    expect(termsheet(["help", "build"], cwd).stdout).toContain("--out DIR");
  });

  it("--version prints the package version", () => {
    const r = termsheet(["--version"], cwd);
    expect(r).toEqual({ code: 0, stdout: `termsheet ${version}\n`, stderr: "" });
  });
});

describe("check", () => {
  it("exits 0 on a good file", async () => {
    const r = await runIn(["check", "good.terms"], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^ok: 1 file checked/);
  });

  it("exits 1 on a bad file, with code, file:line:col and carets", async () => {
    const r = await runIn(["check", "bad.terms"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error[E2007]");
    expect(r.stdout).toContain("bad.terms:3:21");
    expect(r.stdout).toMatch(/^3 │ {3}weekend Saturday, Sundy$/m);
    expect(r.stdout).toMatch(/^ {2}│ {21}\^{5}$/m);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^error: /);
  });

  it("prints paths as given, relative, never absolute", async () => {
    const r = await runIn(["check", "./bad.terms"], cwd);
    expect(r.stdout).toContain(" bad.terms:3:21");
    expect(r.stdout).not.toContain(cwd);
  });

  it("reads imports relative to the importing file", async () => {
    expect(await runIn(["check", "contracts/uses-lib.terms"], cwd)).toMatchObject({ code: 0 });
    const r = await runIn(["check", "contracts/broken-import.terms", "--format", "json"], cwd);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; notes: string[] }[] };
    expect(out.diagnostics.map((d) => d.code)).toContain("E2004");
    expect(out.diagnostics.find((d) => d.code === "E2004")?.notes.join(" ")).toContain("lib/nowhere.terms");
  });

  it("walks folders recursively in sorted order, skipping node_modules and dot-folders", async () => {
    const r = await runIn(["check", "tree", "--format", "json"], cwd);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ diagnostics: [], summary: { errors: 0, files: 2 } });
  });

  it("reports a folder without sources as an input error", async () => {
    const r = await runIn(["check", "empty"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error[E2013]");
    expect(r.stdout).toContain("empty");
  });

  it("--format json prints one document with diagnostics and a summary", async () => {
    const r = await runIn(["check", "bad.terms", "tree/a.terms", "--format", "json"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["diagnostics", "summary"]);
    expect(out.summary).toEqual({ errors: 1, warnings: 0, files: 2 });
    expect(out.diagnostics).toEqual([
      expect.objectContaining({
        code: "E2007",
        key: "unknown-word",
        severity: "error",
        file: "bad.terms",
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 26,
      }),
    ]);
    expect((await runIn(["check", "--format=json", "good.terms"], cwd)).stdout).toBe(
      JSON.stringify({ diagnostics: [], summary: { errors: 0, warnings: 0, files: 1 } }, null, 2) + "\n",
    );
  });

  it("gives the same output every time", async () => {
    const a = await runIn(["check", "tree", "bad.terms", "contracts"], cwd);
    const b = await runIn(["check", "tree", "bad.terms", "contracts"], cwd);
    expect(a).toEqual(b);
  });
});

describe("input and usage errors", () => {
  it("a missing file is a clear error with exit 1, not a stack trace", () => {
    const r = termsheet(["check", "missing.terms", "good.terms"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error\[E2013\]: .*`missing\.terms`/m);
    expect(r.stdout).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(STACK);
    const json = JSON.parse(termsheet(["check", "missing.terms", "--format", "json"], cwd).stdout) as {
      diagnostics: { code: string; file: string; line: number | null }[];
      summary: { errors: number };
    };
    expect(json.diagnostics).toEqual([expect.objectContaining({ code: "E2013", file: "missing.terms", line: null })]);
    expect(json.summary.errors).toBe(1);
  });

  // More usage errors are covered in-process by args.test.ts.
  it.each([[["check", "--bogus", "good.terms"]], [["check"]], [[]]])("usage error %j exits 2 with a usage line on stderr", (args) => {
    const r = termsheet(args, cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^usage: termsheet /m);
    expect(r.stderr).toContain("`termsheet --help`");
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe("build", () => {
  it("runs the same check, writes the compiled specs to --out, and writes nothing on errors", async () => {
    const good = await runIn(["build", "good.terms", "--out", "out"], cwd);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe((await runIn(["check", "good.terms"], cwd)).stdout);
    expect(good.stderr).toBe("wrote 1 compiled spec to out\n");
    expect(JSON.parse(readFileSync(join(cwd, "out", "calendars", "TEST_CAL.json"), "utf8"))).toMatchObject({
      subject: { kind: "calendar", name: "TEST_CAL" },
    });
    const bad = await runIn(["build", "bad.terms", "--out", "out-bad"], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("nothing was written");
    expect(existsSync(join(cwd, "out-bad"))).toBe(false);
  });
});

describe("colour", () => {
  it("is off when stdout is not a terminal", () => {
    expect(termsheet(["check", "bad.terms"], cwd).stdout).not.toMatch(ANSI);
  });

  // util-linux `script` runs the CLI with a pseudo-terminal as stdout.
  const hasScript = process.platform === "linux" && spawnSync("script", ["--version"]).status === 0;
  const onTerminal = (env: Record<string, string>, extra = ""): string => {
    const bin = join(repoRoot, "bin", "termsheet.js");
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} check bad.terms ${extra}`;
    const base = { ...process.env };
    delete base.NO_COLOR;
    delete base.FORCE_COLOR;
    const r = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, env: { ...base, TERM: "xterm", ...env }, encoding: "utf8" });
    return r.stdout;
  };

  it.skipIf(!hasScript)("is on for a terminal, and off with NO_COLOR or --no-color", () => {
    expect(onTerminal({})).toMatch(ANSI);
    expect(onTerminal({ NO_COLOR: "1" })).not.toMatch(ANSI);
    expect(onTerminal({}, "--no-color")).not.toMatch(ANSI);
    expect(onTerminal({}, "--no-color")).toContain("error[E2007]");
  });
});
