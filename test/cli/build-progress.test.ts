/**
 * `build` shows its progress as `settle` does: generating the settlement modules (the long part) draws a bar on
 * stderr, counted in modules, once the build has taken a second on a terminal (forced here by
 * TERMSHEET_PROGRESS=1), erased before the summary line; stdout is untouched.
 */
import { describe, expect, it } from "vitest";
import { ensureBuilt, fixture, repoRoot, termsheet } from "./helpers.js";

describe("build's progress bar", () => {
  it("counts the settlement modules on stderr and erases itself", () => {
    ensureBuilt();
    const f = fixture({});
    try {
      const forced = termsheet(["build", `${repoRoot}/specs/contracts/foti.terms`, "--out", "out"], f.dir, { TERMSHEET_PROGRESS: "1" });
      expect(forced.code).toBe(0);
      // foti.terms, its calendar and two indices, and the weekly futures and options its position limit is aggregated with.
      expect(forced.stdout).toBe("ok: 6 files checked, no problems\n");
      const frames = forced.stderr.split("\r").slice(1);
      expect(frames).toEqual([
        "generating settlement modules [------------------------]   0% 0/1 modules\x1b[K",
        "generating settlement modules [########################] 100% 1/1 modules\x1b[K",
        "\x1b[Kwrote 1 compiled spec and 1 settlement module to out\n",
      ]);
    } finally {
      f.cleanup();
    }
  }, 30_000);
});
