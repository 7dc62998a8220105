/**
 * `termsheet build` replaces its output folder in one switch (issue 13): the new files are written into a sibling
 * folder that is then renamed into place, so that a reader never sees files of two builds, a failure at any step
 * leaves the previous output as it was (or says exactly where both outputs are), and every message is true. The
 * mechanism (replaceFolderWith) runs on memory operations and on a real temporary folder, with failures injected
 * at each step; `compile` on a memory System checks the messages; the built CLI checks the whole.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { nodeFolderOps, replaceFolderWith, type FolderOps } from "../../src/cli/system.js";
import { GOOD_CALENDAR, ensureBuilt, fixture, memoryFolderOps, memorySystem, termsheet } from "./helpers.js";

const OLD = { "out/calendars/A.json": "old A", "out/calendars/STALE.json": "old stale", "out/settlement/A.js": "old module" };
const NEW = [
  { path: "calendars/A.json", text: "new A" },
  { path: "contracts/F.json", text: "new F" },
  { path: "settlement/F.js", text: "new module" },
];
// The in-process build loads the compiler and the CLI runs `build` twice: longer than 5 s on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const NEW_FILES = { "out/calendars/A.json": "new A", "out/contracts/F.json": "new F", "out/settlement/F.js": "new module" };

/** The files under a folder of a memory map, relative to it. */
function under(files: Record<string, string>, folder: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith(`${folder}/`)));
}

/** Operations that record, after each step, what a reader of `out` would find. */
function observed(ops: FolderOps, read: () => Record<string, string>): { ops: FolderOps; seen: Record<string, string>[] } {
  const seen: Record<string, string>[] = [];
  const wrap = <K extends keyof FolderOps>(k: K): FolderOps[K] =>
    ((...args: unknown[]) => {
      try {
        return (ops[k] as (...a: unknown[]) => unknown)(...args);
      } finally {
        seen.push(read());
      }
    }) as FolderOps[K];
  return {
    ops: {
      kind: wrap("kind"),
      list: wrap("list"),
      makeFolder: wrap("makeFolder"),
      writeFile: wrap("writeFile"),
      rename: wrap("rename"),
      remove: wrap("remove"),
    },
    seen,
  };
}

describe("replaceFolderWith, on memory operations", () => {
  it("writes a new folder, and replaces a previous output whole (stale files go)", () => {
    const fresh: Record<string, string> = {};
    expect(replaceFolderWith(memoryFolderOps(fresh), "out", NEW, "1")).toEqual({ ok: true, value: 3 });
    expect(fresh).toEqual(NEW_FILES);
    const files: Record<string, string> = { ...OLD, "other.txt": "kept" };
    expect(replaceFolderWith(memoryFolderOps(files), "out", NEW, "1")).toEqual({ ok: true, value: 3 });
    expect(files).toEqual({ ...NEW_FILES, "other.txt": "kept" });
  });

  it("never lets a reader see files of two builds", () => {
    const files: Record<string, string> = { ...OLD };
    const { ops, seen } = observed(memoryFolderOps(files), () => under(files, "out"));
    expect(replaceFolderWith(ops, "out", NEW, "1").ok).toBe(true);
    for (const state of seen) expect([OLD, {}, NEW_FILES]).toContainEqual(state);
    expect(seen.at(-1)).toEqual(NEW_FILES);
  });

  it.each([
    ["writing a file", "writeFile", ".out.termsheet-new-1/contracts/F.json"],
    ["making a folder", "makeFolder", ".out.termsheet-new-1/settlement"],
    ["moving the previous output aside", "rename", "out"],
  ] as const)("leaves the previous output as it was when %s fails, and removes what it wrote", (_what, op, path) => {
    const files: Record<string, string> = { ...OLD };
    const r = replaceFolderWith(
      memoryFolderOps(files, (o, p) => o === op && p === path),
      "out",
      NEW,
      "1",
    );
    expect(r).toEqual({ ok: false, reason: "EIO", state: "unchanged" });
    expect(files).toEqual(OLD);
  });

  it("puts the previous output back when the switch fails", () => {
    const files: Record<string, string> = { ...OLD };
    const r = replaceFolderWith(
      memoryFolderOps(files, (o, p) => o === "rename" && p === ".out.termsheet-new-1"),
      "out",
      NEW,
      "1",
    );
    expect(r).toEqual({ ok: false, reason: "EIO", state: "unchanged" });
    expect(files).toEqual(OLD);
  });

  it("says where both outputs are when the switch and the way back both fail", () => {
    const files: Record<string, string> = { ...OLD };
    const r = replaceFolderWith(
      memoryFolderOps(files, (o, p) => o === "rename" && p.startsWith(".out.")),
      "out",
      NEW,
      "1",
    );
    expect(r).toEqual({ ok: false, reason: "EIO", state: "moved", previous: ".out.termsheet-old-1", next: ".out.termsheet-new-1" });
    expect(under(files, ".out.termsheet-old-1")).toEqual({
      ".out.termsheet-old-1/calendars/A.json": "old A",
      ".out.termsheet-old-1/calendars/STALE.json": "old stale",
      ".out.termsheet-old-1/settlement/A.js": "old module",
    });
    expect(Object.keys(under(files, ".out.termsheet-new-1")).length).toBe(3);
  });

  it("says so when the previous output cannot be removed after the switch", () => {
    const files: Record<string, string> = { ...OLD };
    const r = replaceFolderWith(
      memoryFolderOps(files, (o, p) => o === "remove" && p === ".out.termsheet-old-1" && "out/contracts/F.json" in files),
      "out",
      NEW,
      "1",
    );
    expect(r).toEqual({ ok: true, value: 3, leftover: ".out.termsheet-old-1" });
    expect(under(files, "out")).toEqual(NEW_FILES);
  });

  it("refuses to replace a folder that holds anything a build does not write, or a file, and deletes nothing", () => {
    for (const extra of ["out/README.md", "out/calendars/notes.txt", "out/specs/x.json"]) {
      const files: Record<string, string> = { ...OLD, [extra]: "mine" };
      const r = replaceFolderWith(memoryFolderOps(files), "out", NEW, "1");
      expect(r.ok, extra).toBe(false);
      expect(r.ok === false && r.reason, extra).toMatch(/which `termsheet build` does not write; remove it or choose another --out$/);
      expect(files).toEqual({ ...OLD, [extra]: "mine" });
    }
    const file: Record<string, string> = { out: "a file" };
    expect(replaceFolderWith(memoryFolderOps(file), "out", NEW, "1")).toEqual({
      ok: false,
      reason: "it is a file, not a folder",
      state: "unchanged",
    });
  });
});

describe("replaceFolderWith, on a real folder", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "termsheet-out-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The files under a real folder, relative to `dir`. */
  function tree(folder: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (rel: string): void => {
      for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
        const p = `${rel}/${e.name}`;
        if (e.isDirectory()) walk(p);
        else out[p] = readFileSync(join(dir, p), "utf8");
      }
    };
    if (existsSync(join(dir, folder))) walk(folder);
    return out;
  }

  function reset(): void {
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
    for (const [p, text] of Object.entries(OLD)) {
      mkdirSync(join(dir, p, ".."), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  }

  /** Node's operations, failing as `fail` says, with a reader's view after each step. */
  function failing(fail: (op: keyof FolderOps, path: string) => boolean) {
    const real = nodeFolderOps();
    const ops = Object.fromEntries(
      (Object.keys(real) as (keyof FolderOps)[]).map((k) => [
        k,
        (...args: string[]) => {
          if (fail(k, args[0]!)) throw Object.assign(new Error("injected"), { code: "EIO" });
          return (real[k] as (...a: string[]) => unknown)(...args);
        },
      ]),
    ) as unknown as FolderOps;
    return observed(ops, () => tree("out"));
  }

  it("switches the folder: each step shows the old output, none, or the new one", () => {
    reset();
    const { ops, seen } = failing(() => false);
    expect(replaceFolderWith(ops, `${dir}/out`, NEW, "7")).toEqual({ ok: true, value: 3 });
    expect(tree("out")).toEqual(NEW_FILES);
    for (const state of seen) expect([OLD, {}, NEW_FILES]).toContainEqual(state);
    expect(readdirSync(dir)).toEqual(["out"]);
  });

  it("leaves the old output and no trace when a write fails (a full disk)", () => {
    reset();
    const { ops } = failing((op, path) => op === "writeFile" && path.endsWith("contracts/F.json"));
    expect(replaceFolderWith(ops, `${dir}/out`, NEW, "7")).toEqual({ ok: false, reason: "EIO", state: "unchanged" });
    expect(tree("out")).toEqual(OLD);
    expect(readdirSync(dir)).toEqual(["out"]);
  });

  it("puts the old output back when the switch fails", () => {
    reset();
    const { ops, seen } = failing((op, path) => op === "rename" && path.endsWith(".out.termsheet-new-7"));
    expect(replaceFolderWith(ops, `${dir}/out`, NEW, "7")).toEqual({ ok: false, reason: "EIO", state: "unchanged" });
    expect(tree("out")).toEqual(OLD);
    for (const state of seen) expect([OLD, {}]).toContainEqual(state);
    expect(readdirSync(dir)).toEqual(["out"]);
  });
});

describe("termsheet build, on a memory System whose writes fail", () => {
  const sources = { "cal.terms": GOOD_CALENDAR };

  it("says the output was left as it was, and it was", async () => {
    const sys = memorySystem(sources, { fail: (op, path) => op === "writeFile" && path.includes("termsheet-new") });
    Object.assign(sys.written, { "out/calendars/OLD.json": "old" });
    expect(await runCli(["build", "cal.terms", "--out", "out"], sys)).toBe(1);
    expect(sys.err).toBe("error: cannot write the compiled specs to out: EIO; out was left as it was\n");
    expect(sys.written).toEqual({ "out/calendars/OLD.json": "old" });
  });

  it("says where both outputs are when the switch cannot be undone", async () => {
    const sys = memorySystem(sources, { fail: (op, path) => op === "rename" && path.startsWith(".out.") });
    Object.assign(sys.written, { "out/calendars/OLD.json": "old" });
    expect(await runCli(["build", "cal.terms", "--out", "out"], sys)).toBe(1);
    expect(sys.err).toBe(
      "error: cannot write the compiled specs to out: EIO; out is missing: the previous output is in .out.termsheet-old-1 and the new one in .out.termsheet-new-1\n",
    );
  });

  it("replaces the output on success", async () => {
    const sys = memorySystem(sources);
    Object.assign(sys.written, { "out/calendars/OLD.json": "old" });
    expect(await runCli(["build", "cal.terms", "--out", "out"], sys)).toBe(0);
    expect(sys.err).toBe("wrote 1 compiled spec to out\n");
    expect(Object.keys(sys.written)).toEqual(["out/calendars/TEST_CAL.json"]);
  });
});

describe("termsheet build, the built CLI", () => {
  const files = fixture({ "termsheet.json": "{}\n", "cal.terms": GOOD_CALENDAR, "mine/README.md": "my notes\n" });
  beforeAll(() => ensureBuilt(), 60_000);
  afterAll(() => files.cleanup());

  it("replaces its previous output, and refuses a folder that holds other files", () => {
    mkdirSync(join(files.dir, "out", "contracts"), { recursive: true });
    writeFileSync(join(files.dir, "out", "contracts", "GONE.json"), "{}");
    const r = termsheet(["build", "cal.terms", "--out", "out"], files.dir);
    expect(r).toMatchObject({ code: 0, stderr: "wrote 1 compiled spec to out\n" });
    expect(readdirSync(join(files.dir, "out"))).toEqual(["calendars"]);
    expect(readdirSync(files.dir).sort()).toEqual(["cal.terms", "mine", "out", "termsheet.json"]);
    const refused = termsheet(["build", "cal.terms", "--out", "mine"], files.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "error: cannot write the compiled specs to mine: it holds `README.md`, which `termsheet build` does not write; remove it or choose another --out; mine was left as it was\n",
    );
    expect(readdirSync(join(files.dir, "mine"))).toEqual(["README.md"]);
  });
});
