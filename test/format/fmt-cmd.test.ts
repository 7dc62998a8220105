/**
 * `termsheet fmt [--check]` in-process on an in-memory System: rewrites only unformatted files, --check lists them
 * and exits 1 without writing, a file with syntax errors is refused with check's diagnostics and never rewritten,
 * and usage errors are reported. Subprocess runs check the built CLI, and prettier's own CLI with the package
 * export `termsheet/prettier`, on specs/.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { ensureBuilt, memorySystem, repoRoot, termsheet } from "../cli/helpers.js";

const FORMATTED = "calendar A {\n  time zone UTC\n}\n";
const MESSY = "calendar   B {time zone UTC\n      weekend Saturday,Sunday }\n";
const BROKEN = "calendar C {\n  weekend Saturday,\n";

describe("termsheet fmt", () => {
  it("rewrites the unformatted files only", async () => {
    const sys = memorySystem({ "s/a.terms": FORMATTED, "s/b.terms": MESSY });
    expect(await runCli(["fmt", "s"], sys)).toBe(0);
    expect(sys.written).toEqual({ "s/b.terms": "calendar B {\n  time zone UTC\n  weekend Saturday, Sunday\n}\n" });
    expect(sys.err).toBe("formatted 1 file\n");
  });

  it("--check lists the unformatted files, writes nothing and exits 1", async () => {
    const sys = memorySystem({ "s/a.terms": FORMATTED, "s/b.terms": MESSY });
    expect(await runCli(["fmt", "--check", "s"], sys)).toBe(1);
    expect(sys.written).toEqual({});
    expect(sys.out).toBe("not formatted: s/b.terms\n");
    expect(sys.err).toContain("1 of 2 files are not formatted");
  });

  it("--check on formatted files exits 0 silently", async () => {
    const sys = memorySystem({ "a.terms": FORMATTED });
    expect(await runCli(["fmt", "--check", "a.terms"], sys)).toBe(0);
    expect(sys.out + sys.err).toBe("");
  });

  it("refuses a file with syntax errors with check's diagnostics and never rewrites it", async () => {
    const files = { "c.terms": BROKEN, "b.terms": MESSY };
    const fmt = memorySystem(files);
    expect(await runCli(["fmt", "c.terms", "b.terms"], fmt)).toBe(1);
    expect(Object.keys(fmt.written)).toEqual(["./b.terms"]);
    const check = memorySystem({ "c.terms": BROKEN });
    await runCli(["check", "c.terms"], check);
    const firstDiagnostic = (s: string): string => s.split("\n\n")[0]!;
    expect(firstDiagnostic(fmt.out)).toBe(firstDiagnostic(check.out));
    expect(fmt.out).toContain("error[E1");
  });

  it("usage errors", async () => {
    const none = memorySystem({});
    expect(await runCli(["fmt"], none)).toBe(2);
    expect(none.err).toContain("missing files or folders to format");
    const bad = memorySystem({});
    expect(await runCli(["fmt", "--chek", "x"], bad)).toBe(2);
    expect(bad.err).toContain("did you mean `--check`?");
    const help = memorySystem({});
    expect(await runCli(["help", "fmt"], help)).toBe(0);
    expect(help.out).toContain("termsheet fmt <files or folders…> [--check]");
  });

  it("the built CLI finds specs/ formatted", () => {
    ensureBuilt();
    const r = termsheet(["fmt", "--check", "specs"], repoRoot);
    expect(r.stderr + r.stdout).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);

  it("prettier --plugin termsheet/prettier --check specs/**/*.terms", () => {
    ensureBuilt();
    const prettierBin = `${repoRoot}/node_modules/prettier/bin/prettier.cjs`;
    const r = spawnSync(process.execPath, [prettierBin, "--plugin", "termsheet/prettier", "--check", "specs/**/*.terms"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toContain("All matched files use Prettier code style!");
    expect(r.status).toBe(0);
  }, 60_000);
});
