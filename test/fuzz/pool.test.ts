/**
 * The fuzzer's watchdog (pool.ts): a mutant that never ends is a hang and one that exhausts its worker's heap an
 * abort, each caught without stopping the fuzzer, whose next mutant runs in a fresh worker; and the reducer
 * (fuzz.ts) keeps what a failure needs.
 */
import { describe, expect, it } from "vitest";
import { reduce } from "./fuzz.js";
import { Pool } from "./pool.js";
import { PROBES } from "./pipeline.js";

const calendar = "calendar X {\n  time zone Europe/London\n}\n";

describe("the fuzzer's watchdog", () => {
  it("catches a hang and an abort, and goes on in a fresh worker", async () => {
    const pool = await Pool.create([], 1, 64);
    try {
      const hang = await pool.run(PROBES.hang, "", false, 500);
      expect(hang.outcome).toMatchObject({ kind: "failure", failure: { class: "hang", stage: "worker" } });
      const abort = await pool.run(PROBES.abort, "", false, 60_000);
      expect(abort.outcome).toMatchObject({ kind: "failure", failure: { class: "abort", stage: "worker" } });
      const ok = await pool.run("x.terms", calendar, false, 60_000);
      expect(ok.outcome).toMatchObject({ kind: "ok", specs: 1 });
      const wrong = await pool.run("x.terms", "calendar X {", false, 60_000);
      expect(wrong.outcome).toMatchObject({ kind: "diagnostics" });
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe("the reducer", () => {
  it("removes whole blocks, lines, words and characters a failure does not need", async () => {
    const text = `${calendar}calendar Y {\n  time zone Europe/Paris\n  weekend Saturday, Sunday\n}\n${calendar.replace("X", "Z")}`;
    const reduced = await reduce(text, async (t) => t.includes("Paris"));
    expect(reduced).toBe("Paris");
  });
});
