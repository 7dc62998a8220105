// Benchmark: `termsheet build specs` (compiled specs plus the generated settlement modules, which the builder lays
// out itself) as a process, against `termsheet check specs` without the check cache measured in the same run. No
// target: the ratio is recorded (about 2x before the settlement modules, about 4x with them while they were
// formatted with prettier; see the closing note of issue 20 for the figures without it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, root, summary, timeSpawn } from "./lib.mjs";

export default {
  name: "build",
  title: "termsheet build specs (specs + settlement modules), against termsheet check specs",
  async run({ runs = 5 } = {}) {
    const out = mkdtempSync(join(tmpdir(), "termsheet-bench-build-"));
    const bin = join(root, "bin", "termsheet.js");
    const check = [];
    const build = [];
    try {
      for (let i = 0; i < runs; i++) {
        check.push(timeSpawn(process.execPath, [bin, "check", "specs"], { TERMSHEET_CACHE: "off" }).ms);
        const r = timeSpawn(process.execPath, [bin, "build", "specs", "--out", join(out, String(i))]);
        if (r.status !== 0) throw new Error(`termsheet build failed: ${r.stderr}`);
        build.push(r.ms);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const ratio = Math.round((median(build) / median(check)) * 10) / 10;
    return {
      rows: [summary("termsheet check specs, no cache (baseline)", check), summary("termsheet build specs", build)],
      targets: [{ what: "build / check (medians)", value: ratio, unit: "x" }],
      notes: ["build writes 20 compiled specs and 14 settlement modules with their declarations and the runtime bundle"],
    };
  },
};
