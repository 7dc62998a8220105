/**
 * In-process tests of the CLI's argument parser: commands, options in both spellings, `--`, and every kind of
 * usage error with its did-you-mean hint.
 */
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";

describe("parseArgs", () => {
  it("parses help and version", () => {
    expect(parseArgs(["--help"])).toEqual({ kind: "help", command: undefined });
    expect(parseArgs(["-h"])).toEqual({ kind: "help", command: undefined });
    expect(parseArgs(["help"])).toEqual({ kind: "help", command: undefined });
    expect(parseArgs(["help", "build"])).toEqual({ kind: "help", command: "build" });
    expect(parseArgs(["check", "x.terms", "--help"])).toEqual({ kind: "help", command: "check" });
    expect(parseArgs(["--version"])).toEqual({ kind: "version" });
    expect(parseArgs(["-v"])).toEqual({ kind: "version" });
  });

  it("parses check and build with their options", () => {
    expect(parseArgs(["check", "specs", "a.terms"])).toEqual({
      kind: "compile",
      command: "check",
      inputs: ["specs", "a.terms"],
      format: "text",
      color: true,
      out: undefined,
      cache: true,
      watch: false,
    });
    expect(parseArgs(["check", "--no-cache", "specs"])).toMatchObject({ cache: false, inputs: ["specs"] });
    // A build uses the cache too (an up-to-date output folder is left as it is), unless told not to.
    expect(parseArgs(["build", "specs"])).toMatchObject({ cache: true });
    expect(parseArgs(["build", "--no-cache", "specs"])).toMatchObject({ cache: false, inputs: ["specs"] });
    expect(parseArgs(["check", "--format", "json", "--no-color", "specs"])).toMatchObject({
      format: "json",
      color: false,
      inputs: ["specs"],
    });
    expect(parseArgs(["check", "--format=json", "specs"])).toMatchObject({ format: "json" });
    expect(parseArgs(["build", "specs", "--out", "dist/specs"])).toMatchObject({ command: "build", out: "dist/specs" });
    expect(parseArgs(["build", "--out=o", "specs"])).toMatchObject({ out: "o", inputs: ["specs"] });
    expect(parseArgs(["check", "--", "--odd-name.terms"])).toMatchObject({ inputs: ["--odd-name.terms"] });
    expect(parseArgs(["fmt", "--check", "--", "--odd.terms"])).toMatchObject({ kind: "format", check: true, inputs: ["--odd.terms"] });
    expect(parseArgs(["render", "--format=html", "--", "-x.terms"])).toMatchObject({
      kind: "document",
      format: "html",
      inputs: ["-x.terms"],
    });
  });

  it("parses init, lsp (with the arguments editors' clients add) and --watch", () => {
    expect(parseArgs(["init"])).toEqual({ kind: "init", folder: "." });
    expect(parseArgs(["init", "demo"])).toEqual({ kind: "init", folder: "demo" });
    expect(parseArgs(["lsp"])).toEqual({ kind: "lsp" });
    expect(parseArgs(["lsp", "--stdio", "--clientProcessId=4242"])).toEqual({ kind: "lsp" });
    expect(parseArgs(["check", "--watch", "specs"])).toMatchObject({ kind: "compile", watch: true });
    expect(parseArgs(["build", "--watch", "specs"])).toMatchObject({ kind: "compile", command: "build", watch: true });
    expect(parseArgs(["render", "--watch", "a.terms"])).toMatchObject({ kind: "document", watch: true });
    expect(parseArgs(["diff", "--watch", "a.json", "b.json"])).toMatchObject({
      kind: "usage-error",
      message: "unknown option `--watch` for `termsheet diff`",
    });
    expect(parseArgs(["init", "a", "b"])).toMatchObject({ kind: "usage-error" });
    expect(parseArgs(["lsp", "x"])).toMatchObject({ kind: "usage-error" });
  });

  it.each([
    [[], "missing command"],
    [["chek"], "unknown command `chek`", "did you mean `check`?"],
    [["--verison"], "unknown option `--verison`", "did you mean `--version`?"],
    [["check"], "missing files or folders to check"],
    [["check", "--fromat", "json", "x"], "unknown option `--fromat` for `termsheet check`", "did you mean `--format`?"],
    [["check", "--out", "o", "x"], "unknown option `--out` for `termsheet check`"],
    [["check", "--format"], "`--format` needs a value"],
    [["check", "--format", "--no-color", "x"], "`--format` needs a value"],
    [["check", "--format", "jsno", "x"], "unknown format `jsno`", "did you mean `json`?"],
    [["check", "--no-color=yes", "x"], "`--no-color` takes no value"],
    [["check", "--no-cahce", "x"], "unknown option `--no-cahce` for `termsheet check`", "did you mean `--no-cache`?"],
    [["render", "--no-cache", "x"], "unknown option `--no-cache` for `termsheet render`"],
    [["check", "-"], "reading from standard input is not supported; name a file or a folder"],
    [["build", "--out"], "`--out` needs a value"],
    // Every command scans its arguments the same way.
    [["fmt", "-"], "reading from standard input is not supported; name a file or a folder"],
    [["render", "-"], "reading from standard input is not supported; name a file or a folder"],
    [["render", "--contract", "--format", "md", "x"], "`--contract` needs a value"],
    [
      ["listed", "specs", "--contract", "FOTI", "--on", "2026-02-30"],
      "`--on` needs an instant with an offset (2026-03-27T16:00:00Z) or a date YYYY-MM-DD, not `2026-02-30`",
    ],
    [["expiries", "specs", "--contarct", "FOTI"], "unknown option `--contarct` for `termsheet expiries`", "did you mean `--contract`?"],
    [["help", "chekc"], "unknown command `chekc`", "did you mean `check`?"],
    [["help", "check", "extra"], "unexpected argument `extra`"],
  ])("%j is a usage error", (argv, message, hint?: string) => {
    const parsed = parseArgs(argv);
    expect(parsed).toMatchObject({ kind: "usage-error", message });
    if (hint !== undefined) expect(parsed).toMatchObject({ hint });
  });
});
