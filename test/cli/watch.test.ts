/**
 * `--watch` (src/cli/watch.ts): `check`, `build` and `render` run again when a file they read changes, a moment
 * after the last change (the debounce), and not on an event that changed nothing; on an in-memory System whose
 * watcher and timer the test drives, and once with the real file system in a temporary folder.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { BAD_CALENDAR, GOOD_CALENDAR, ensureBuilt, fixture, memorySystem, repoRoot } from "./helpers.js";

/** An in-memory System with a watcher, a timer and an interrupt the test drives. */
function watchable(files: Record<string, string>) {
  const sys = memorySystem(files);
  const state = {
    watched: [] as string[],
    change: undefined as (() => void) | undefined,
    timers: [] as { f: () => void; cancelled: boolean }[],
    interrupt: undefined as (() => void) | undefined,
  };
  const system = Object.assign(sys, {
    watch(paths: readonly string[], onChange: () => void) {
      state.watched = [...paths];
      state.change = onChange;
      return { close: () => (state.change = undefined) };
    },
    setTimer(_ms: number, f: () => void) {
      const t = { f, cancelled: false };
      state.timers.push(t);
      return () => (t.cancelled = true);
    },
    interrupted: () => new Promise<void>((resolve) => (state.interrupt = resolve)),
  });
  /** Fires the pending timers. */
  const settle = () => {
    const due = state.timers.splice(0);
    for (const t of due) if (!t.cancelled) t.f();
  };
  return { sys: system, state, settle };
}

/** Waits until `ready` holds (the CLI loads its commands asynchronously). */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ready()).toBe(true);
}

describe("--watch", () => {
  it("checks again when a file it read changes, after the changes settle, until interrupted", async () => {
    const files: Record<string, string> = { "cals/a.terms": GOOD_CALENDAR };
    const { sys, state, settle } = watchable(files);
    const exit = runCli(["check", "--watch", "cals"], sys);
    await until(() => state.change !== undefined);
    expect(sys.out).toBe("ok: 1 file checked, no problems\n");
    expect(state.watched).toEqual(["cals", "cals/a.terms"]);
    expect(sys.err).toContain("watching 1 file and 1 folder for changes (Ctrl-C to stop)");

    // An event that changed nothing does not run the check again.
    state.change!();
    settle();
    expect(sys.out).toBe("ok: 1 file checked, no problems\n");

    // Two changes in a row: one run, after the second has settled.
    files["cals/a.terms"] = GOOD_CALENDAR + "\n";
    state.change!();
    files["cals/a.terms"] = BAD_CALENDAR;
    state.change!();
    expect(state.timers.filter((t) => !t.cancelled)).toHaveLength(1);
    settle();
    await until(() => sys.out.includes("error[E2007]"));
    expect(sys.err).toContain("change detected: running `termsheet check` again (run 2)");
    await until(() => state.change !== undefined);
    state.interrupt!();
    expect(await exit).toBe(1);
  });

  it("renders again with render --watch", async () => {
    const files: Record<string, string> = { "a.terms": GOOD_CALENDAR };
    const { sys, state, settle } = watchable(files);
    const exit = runCli(["render", "--watch", "a.terms", "--as-of", "2026-01-15"], sys);
    await until(() => state.change !== undefined);
    expect(sys.out).toContain("Test calendar");
    files["a.terms"] = GOOD_CALENDAR.replace("Test calendar", "Renamed calendar");
    state.change!();
    settle();
    await until(() => sys.out.includes("Renamed calendar"));
    await until(() => state.change !== undefined);
    state.interrupt!();
    expect(await exit).toBe(0);
  });

  it("runs again after a save made while the command ran, before the watcher was armed (no event announces it)", async () => {
    const files: Record<string, string> = { "a.terms": GOOD_CALENDAR };
    const { sys, state, settle } = watchable(files);
    // The save lands between the run's read of a.terms and the arming of the watcher: no event will come for it.
    const watch = sys.watch.bind(sys);
    let saved = false;
    sys.watch = ((paths: readonly string[], onChange: () => void) => {
      if (!saved) {
        saved = true;
        files["a.terms"] = BAD_CALENDAR;
      }
      return watch(paths, onChange);
    }) as typeof sys.watch;
    const exit = runCli(["check", "--watch", "a.terms"], sys);
    await until(() => state.timers.length > 0);
    // The watcher is armed before "watching" is said, so a save after the message is always seen.
    expect(sys.err).toContain("watching 1 file for changes");
    settle();
    await until(() => sys.out.includes("error[E2007]"));
    expect(sys.err).toContain("change detected: running `termsheet check` again (run 2)");
    await until(() => state.change !== undefined && sys.err.split("watching 1 file").length === 3);
    state.interrupt!();
    expect(await exit).toBe(1);
  });

  it("watches the real file system: build --watch builds again after a save", async () => {
    ensureBuilt();
    const f = fixture({ "a.terms": GOOD_CALENDAR });
    try {
      const child = spawn(process.execPath, [join(repoRoot, "bin", "termsheet.js"), "build", "--watch", "a.terms", "--out", "out"], {
        cwd: f.dir,
        env: { ...process.env, TERMSHEET_CACHE: "off" },
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const waitFor = async (text: string, times = 1) => {
        for (let i = 0; i < 2000 && err.split(text).length - 1 < times; i++) await new Promise((r) => setTimeout(r, 10));
        expect(err.split(text).length - 1).toBeGreaterThanOrEqual(times);
      };
      await waitFor("watching 1 file");
      expect(err).toContain("wrote 1 compiled spec to out");
      writeFileSync(join(f.dir, "a.terms"), GOOD_CALENDAR.replace("Test calendar", "Renamed calendar"));
      await waitFor("wrote 1 compiled spec to out", 2);
      expect(err).toContain("change detected: running `termsheet build` again (run 2)");
      await waitFor("watching 1 file", 2);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      f.cleanup();
    }
  }, 60_000);
});
