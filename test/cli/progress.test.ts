/**
 * The progress bar of src/cli/progress.ts on a System with a hand-driven clock: nothing before a second has passed
 * or when stderr is not a terminal, redrawn in place at most ten times a second, erased at the end, forced on or
 * off by TERMSHEET_PROGRESS.
 */
import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress.js";
import { memorySystem } from "./helpers.js";

function clocked(tty: boolean, env: Record<string, string> = {}) {
  const base = memorySystem({}, { env });
  const clock = { ms: 0 };
  return { base, clock, sys: { ...base, stderrIsTTY: tty, now: () => clock.ms } };
}

describe("progressBar", () => {
  it("draws nothing in the first second, then a bar, and erases it at the end", () => {
    const { base, clock, sys } = clocked(true);
    const p = progressBar(sys, "reading o.csv");
    clock.ms = 500;
    p.update(1_000_000, 4_000_000);
    expect(base.err).toBe("");
    clock.ms = 1200;
    p.update(2_000_000, 4_000_000);
    expect(base.err).toBe("\rreading o.csv [############------------]  50% 2.0/4.0 MB\x1b[K");
    clock.ms = 1250;
    p.update(2_500_000, 4_000_000); // within 100 ms of the last drawing: skipped
    clock.ms = 1400;
    p.update(4_000_000, 4_000_000);
    p.stage("computing the final settlement");
    p.finish();
    expect(base.err.split("\r").slice(1)).toEqual([
      "reading o.csv [############------------]  50% 2.0/4.0 MB\x1b[K",
      "reading o.csv [########################] 100% 4.0/4.0 MB\x1b[K",
      "computing the final settlement…\x1b[K",
      "\x1b[K",
    ]);
  });

  it("draws nothing when stderr is not a terminal, or with TERMSHEET_PROGRESS=0", () => {
    for (const { base, clock, sys } of [clocked(false), clocked(true, { TERMSHEET_PROGRESS: "0" })]) {
      const p = progressBar(sys, "reading o.csv");
      clock.ms = 5000;
      p.update(1, 2);
      p.stage("computing");
      p.finish();
      expect(base.err).toBe("");
    }
  });

  it("draws from the start with TERMSHEET_PROGRESS=1, even without a terminal", () => {
    const { base, sys } = clocked(false, { TERMSHEET_PROGRESS: "1" });
    const p = progressBar(sys, "reading o.csv");
    p.update(0, 10);
    p.finish();
    expect(base.err).toBe("\rreading o.csv [------------------------]   0% 0.0/0.0 MB\x1b[K\r\x1b[K");
  });

  it("erases nothing when nothing was drawn", () => {
    const { base, sys } = clocked(true);
    progressBar(sys, "x").finish();
    expect(base.err).toBe("");
  });
});
