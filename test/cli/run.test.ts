/**
 * In-process tests of the CLI over an in-memory System: folder walking order and skipping, path normalisation,
 * the import host, and when colour is used (a terminal, NO_COLOR, --no-color, TERM=dumb).
 */
import { describe, expect, it } from "vitest";
import { collectInputs, fileHost, normalizePath } from "../../src/cli/inputs.js";
import { runCli } from "../../src/cli/run.js";
import { BAD_CALENDAR, GOOD_CALENDAR, memorySystem } from "./helpers.js";

describe("collectInputs", () => {
  it("walks folders depth first in sorted order, skipping node_modules and dot-folders", () => {
    const sys = memorySystem({
      "specs/b.terms": "",
      "specs/a/z.terms": "",
      "specs/a.terms": "",
      "specs/c/readme.md": "",
      "specs/node_modules/x.terms": "",
      "specs/.cache/x.terms": "",
      "top.terms": "",
    });
    const inputs = collectInputs(["./specs/", "top.terms", "specs/b.terms"], sys);
    expect(inputs.problems).toEqual([]);
    expect(inputs.roots.map((r) => r.path)).toEqual(["specs/a/z.terms", "specs/a.terms", "specs/b.terms", "top.terms"]);
  });

  it("turns unreadable inputs and empty folders into E2013 diagnostics", () => {
    const sys = memorySystem({ "docs/readme.md": "" });
    const inputs = collectInputs(["nope.terms", "docs", ""], sys);
    expect(inputs.roots).toEqual([]);
    expect(inputs.problems.map((d) => [d.code, d.span.file])).toEqual([
      ["E2013", "nope.terms"],
      ["E2013", "docs"],
      ["E2013", "."],
    ]);
  });

  it("suggests a folder or .terms file beside a mistyped input path", () => {
    const sys = memorySystem({
      "specs/contracts/foti.terms": "",
      "specs/contracts/notes.md": "",
      "specs/.hidden/x.terms": "",
      "top.terms": "",
    });
    const hints = (input: string) => collectInputs([input], sys).problems.map((d) => [d.code, d.span.file, d.hint]);
    expect(hints("spec")).toEqual([["E2013", "spec", "did you mean `specs`?"]]);
    expect(hints("./spec")).toEqual([["E2013", "spec", "did you mean `specs`?"]]);
    expect(hints("specs/contract")).toEqual([["E2013", "specs/contract", "did you mean `specs/contracts`?"]]);
    expect(hints("specs/contracts/foti.term")).toEqual([
      ["E2013", "specs/contracts/foti.term", "did you mean `specs/contracts/foti.terms`?"],
    ]);
    expect(hints("top.term")).toEqual([["E2013", "top.term", "did you mean `top.terms`?"]]);
    // Neither files of other kinds nor dot-folders are suggested; with nothing close, the general hint stays.
    expect(hints("specs/contracts/notes.mdx")[0]?.[2]).toBe("paths are relative to the current folder");
    expect(hints("specs/.hidde")[0]?.[2]).toBe("paths are relative to the current folder");
    expect(hints("nowhere/x.terms")[0]?.[2]).toBe("paths are relative to the current folder");
  });

  it("resolves imports relative to the importing file, without making paths absolute", () => {
    const host = fileHost(memorySystem({}), { projects: [] });
    expect(host.resolveImport("specs/contracts/foti.terms", "../calendars/nyse.terms")).toBe("specs/calendars/nyse.terms");
    expect(host.resolveImport("foti.terms", "lib/x.terms")).toBe("lib/x.terms");
    expect(host.resolveImport("a/b.terms", "../../up.terms")).toBe("../up.terms");
    expect(host.resolveImport("a/b.terms", "./c.terms")).toBe("a/c.terms");
  });

  it("normalises user paths to `/` form", () => {
    expect(normalizePath("./specs/", false)).toBe("specs");
    expect(normalizePath("specs//contracts/../x.terms", false)).toBe("specs/x.terms");
    expect(normalizePath("specs\\x.terms", true)).toBe("specs/x.terms");
    expect(normalizePath(".", false)).toBe(".");
    expect(normalizePath("/abs/x.terms", false)).toBe("/abs/x.terms");
  });
});

describe("runCli", () => {
  const files = { "bad.terms": BAD_CALENDAR, "good.terms": GOOD_CALENDAR };
  const ANSI = new RegExp(String.fromCharCode(27) + "\\[");

  it("uses colour only on a terminal without NO_COLOR, TERM=dumb or --no-color", async () => {
    const run = async (tty: boolean, env: Record<string, string>, extra: string[] = []): Promise<string> => {
      const sys = memorySystem(files, { tty, env });
      expect(await runCli(["check", "bad.terms", ...extra], sys)).toBe(1);
      return sys.out;
    };
    expect(await run(true, {})).toMatch(ANSI);
    expect(await run(true, { NO_COLOR: "" })).toMatch(ANSI);
    expect(await run(false, {})).not.toMatch(ANSI);
    expect(await run(true, { NO_COLOR: "1" })).not.toMatch(ANSI);
    expect(await run(true, { TERM: "dumb" })).not.toMatch(ANSI);
    expect(await run(true, {}, ["--no-color"])).not.toMatch(ANSI);
    expect(await run(true, {}, ["--format", "json"])).not.toMatch(ANSI);
  });

  it("returns the documented exit codes", async () => {
    expect(await runCli(["check", "good.terms"], memorySystem(files))).toBe(0);
    expect(await runCli(["check", "bad.terms"], memorySystem(files))).toBe(1);
    expect(await runCli(["check", "missing.terms"], memorySystem(files))).toBe(1);
    expect(await runCli(["check", "--nope"], memorySystem(files))).toBe(2);
    const sys = memorySystem(files);
    expect(await runCli(["--version"], sys)).toBe(0);
    expect(sys.out).toBe("termsheet 9.9.9\n");
  });
});
