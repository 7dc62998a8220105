// The check-result cache (src/cli/check-cache.ts): a repeated check replays the recorded output only while every
// file, listing and setting it read is unchanged; any change runs the check again. In-process on a memory System
// with a memory store, plus one run of the built CLI with a real cache folder.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import type { CacheStore } from "../../src/cli/system.js";
import { BAD_CALENDAR, GOOD_CALENDAR, ensureBuilt, fixture, memorySystem, termsheet } from "./helpers.js";

const CONTRACTS = `import "cal.terms"

calendar OTHER "Other" {
  time zone Europe/London
  based on TEST_CAL
}
`;

function memoryStore(): CacheStore & { entries: Map<string, string>; failWrites: boolean } {
  const store = {
    scope: "/project",
    entries: new Map<string, string>(),
    failWrites: false,
    read: (name: string) => store.entries.get(name),
    write(name: string, text: string) {
      if (store.failWrites) return false;
      store.entries.set(name, text);
      return true;
    },
  };
  return store;
}

/** Runs `termsheet <args>` in process with the cache, reporting whether it was a hit (TERMSHEET_DEBUG). */
async function run(files: Record<string, string>, store: CacheStore, args: string[], env: Record<string, string> = {}) {
  // memorySystem's write closes over its own object: read the output back from there.
  const base = memorySystem(files, { env: { TERMSHEET_DEBUG: "1", ...env } });
  const wrapped = { ...base, cacheStore: () => store };
  const code = await runCli(args, wrapped);
  const outcome = /(?:check|build) cache (\w[\w-]*)/.exec(base.err)?.[1];
  return { code, out: base.out, err: base.err.replace(/termsheet: (?:check|build) cache .*\n/, ""), outcome };
}

describe("check cache", () => {
  it("replays the first run's output and exit code while nothing changed", async () => {
    const store = memoryStore();
    const files = { "specs/cal.terms": GOOD_CALENDAR, "specs/other.terms": CONTRACTS };
    const first = await run(files, store, ["check", "specs"]);
    expect(first.outcome).toBe("stored");
    const second = await run(files, store, ["check", "specs"]);
    expect(second.outcome).toBe("hit");
    expect(second).toEqual({ ...first, outcome: "hit" });
    expect(store.entries.size).toBe(1);
  });

  it("replays errors too, with their exit code", async () => {
    const store = memoryStore();
    const files = { "cal.terms": BAD_CALENDAR };
    const first = await run(files, store, ["check", "cal.terms"]);
    const second = await run(files, store, ["check", "cal.terms"]);
    expect(first.code).toBe(1);
    expect(second).toEqual({ ...first, outcome: "hit" });
  });

  it("runs again when a root file, an imported file, a listing or a setting changed", async () => {
    const store = memoryStore();
    const files: Record<string, string> = { "specs/cal.terms": GOOD_CALENDAR, "specs/other.terms": CONTRACTS };
    const clean = await run(files, store, ["check", "specs/other.terms"]);
    expect(clean.code).toBe(0);
    expect((await run(files, store, ["check", "specs/other.terms"])).outcome).toBe("hit");

    // The imported file changes: not a hit, and the new result is the right one.
    files["specs/cal.terms"] = BAD_CALENDAR;
    const broken = await run(files, store, ["check", "specs/other.terms"]);
    expect(broken.outcome).toBe("stored");
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("E2007");
    files["specs/cal.terms"] = GOOD_CALENDAR;
    expect((await run(files, store, ["check", "specs/other.terms"])).code).toBe(0);

    // A new file in a checked folder changes the listing.
    expect((await run(files, store, ["check", "specs"])).outcome).toBe("stored");
    expect((await run(files, store, ["check", "specs"])).outcome).toBe("hit");
    files["specs/new.terms"] = BAD_CALENDAR.replace("TEST_CAL", "NEW_CAL");
    const grown = await run(files, store, ["check", "specs"]);
    expect(grown.outcome).toBe("stored");
    expect(grown.code).toBe(1);

    // A setting the run read (NO_COLOR) differs.
    expect((await run(files, store, ["check", "specs"], { NO_COLOR: "1" })).outcome).toBe("stored");
  });

  it("keys on the invocation: another format or input is another entry", async () => {
    const store = memoryStore();
    const files = { "cal.terms": GOOD_CALENDAR };
    await run(files, store, ["check", "cal.terms"]);
    const json = await run(files, store, ["check", "cal.terms", "--format", "json"]);
    expect(json.outcome).toBe("stored");
    expect(JSON.parse(json.out).summary.errors).toBe(0);
    expect(store.entries.size).toBe(2);
  });

  it("treats a corrupt or foreign entry as a miss, and a failed write as no entry", async () => {
    const store = memoryStore();
    const files = { "cal.terms": GOOD_CALENDAR };
    const first = await run(files, store, ["check", "cal.terms"]);
    const [name] = [...store.entries.keys()];
    store.entries.set(name!, "{not json");
    expect(await run(files, store, ["check", "cal.terms"])).toEqual({ ...first, outcome: "stored" });
    store.entries.set(name!, JSON.stringify({ ...JSON.parse(store.entries.get(name!)!), key: "someone else's" }));
    expect((await run(files, store, ["check", "cal.terms"])).outcome).toBe("stored");
    store.entries.clear();
    store.failWrites = true;
    expect((await run(files, store, ["check", "cal.terms"])).outcome).toBe("not-stored");
  });

  it("is not used with --no-cache, by check or build", async () => {
    const store = memoryStore();
    const files = { "cal.terms": GOOD_CALENDAR };
    expect((await run(files, store, ["check", "cal.terms", "--no-cache"])).outcome).toBeUndefined();
    expect((await run(files, store, ["build", "cal.terms", "--no-cache"])).outcome).toBeUndefined();
    expect(store.entries.size).toBe(0);
  });

  it("replays a build that failed the check, with its exit code, and keeps it apart from the check's entry", async () => {
    const store = memoryStore();
    const files = { "cal.terms": BAD_CALENDAR };
    const first = await run(files, store, ["build", "cal.terms"]);
    expect(first.code).toBe(1);
    expect(first.err).toContain("nothing was written");
    expect(await run(files, store, ["build", "cal.terms"])).toEqual({ ...first, outcome: "hit" });
    await run(files, store, ["check", "cal.terms"]);
    expect([...store.entries.keys()].map((k) => k.split("-")[0]).sort()).toEqual(["build", "check"]);
  });
});

describe("build cache in the built CLI: an up-to-date output folder is left as it is", () => {
  let cacheDir = "";
  beforeAll(() => {
    ensureBuilt();
    cacheDir = mkdtempSync(join(tmpdir(), "termsheet-cache-"));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("builds, then finds the folder up to date, until a source, an output file or the folder's contents change", () => {
    const f = fixture({ "specs/cal.terms": GOOD_CALENDAR });
    const env = { TERMSHEET_CACHE: "on", TERMSHEET_CACHE_DIR: cacheDir, TERMSHEET_DEBUG: "1" };
    const build = () => termsheet(["build", "specs", "--out", "out"], f.dir, env);
    const spec = join(f.dir, "out/calendars/TEST_CAL.json");
    try {
      const first = build();
      expect(first.code).toBe(0);
      expect(first.stderr).toContain("wrote 1 compiled spec to out\n");
      expect(first.stderr).toContain("termsheet: build cache stored\n");
      const written = readFileSync(spec, "utf8");

      const again = build();
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(first.stdout);
      expect(again.stderr).toBe(
        "out is up to date: nothing it was built from has changed since the last build, and it holds the 1 file that build wrote\n" +
          "termsheet: build cache hit\n",
      );
      expect(readFileSync(spec, "utf8")).toBe(written);

      // An output file edited by hand: built again, and the file is what the build writes.
      writeFileSync(spec, written.replace("TEST_CAL", "EDITED"));
      expect(build().stderr).toContain("wrote 1 compiled spec to out\n");
      expect(readFileSync(spec, "utf8")).toBe(written);
      expect(build().stderr).toContain("build cache hit");

      // The output file removed: built again.
      rmSync(spec);
      expect(build().stderr).toContain("wrote 1 compiled spec to out\n");
      expect(readFileSync(spec, "utf8")).toBe(written);

      // A file the build does not write: not up to date, and the build refuses to replace the folder, as always.
      writeFileSync(join(f.dir, "out/notes.txt"), "mine");
      const foreign = build();
      expect(foreign.code).toBe(1);
      expect(foreign.stderr).toContain("it holds `notes.txt`");
      rmSync(join(f.dir, "out/notes.txt"));

      // A source changed: built again, with the new text.
      writeFileSync(join(f.dir, "specs/cal.terms"), GOOD_CALENDAR.replace(/"([^"]*)"/, '"$1, renamed"'));
      expect(build().stderr).toContain("wrote 1 compiled spec to out\n");
      expect(readFileSync(spec, "utf8")).not.toBe(written);

      // --no-cache writes the folder again even when it is up to date.
      expect(build().stderr).toContain("build cache hit");
      const fresh = termsheet(["build", "specs", "--out", "out", "--no-cache"], f.dir, env);
      expect(fresh.stderr).toBe("wrote 1 compiled spec to out\n");
    } finally {
      f.cleanup();
    }
  });
});

describe("check cache in the built CLI", () => {
  let cacheDir = "";
  beforeAll(() => {
    ensureBuilt();
    cacheDir = mkdtempSync(join(tmpdir(), "termsheet-cache-"));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("stores one entry in TERMSHEET_CACHE_DIR and prints the same output from it", () => {
    const f = fixture({ "specs/cal.terms": GOOD_CALENDAR });
    try {
      const env = { TERMSHEET_CACHE: "on", TERMSHEET_CACHE_DIR: cacheDir };
      const first = termsheet(["check", "specs"], f.dir, env);
      const second = termsheet(["check", "specs"], f.dir, { ...env, TERMSHEET_DEBUG: "1" });
      expect(readdirSync(cacheDir)).toHaveLength(1);
      expect(second.stderr).toBe("termsheet: check cache hit\n");
      expect({ ...second, stderr: "" }).toEqual(first);
      writeFileSync(join(f.dir, "specs/cal.terms"), BAD_CALENDAR);
      const third = termsheet(["check", "specs"], f.dir, env);
      expect(third.code).toBe(1);
      expect(third.stdout).toContain("E2007");
      const off = termsheet(["check", "specs"], f.dir, { ...env, TERMSHEET_CACHE: "off", TERMSHEET_DEBUG: "1" });
      expect(off.stderr).toBe("");
      expect(off.stdout).toBe(third.stdout);
    } finally {
      f.cleanup();
    }
  });
});
