// Benchmark: `termsheet build specs` (compiled specs plus the generated settlement modules, which the builder lays
// out itself) as a process, interleaved run by run with its baselines: `node -e 0` (issue 20's measure) and
// `termsheet check specs` without the check cache. Two builds: from scratch (the cache off, a new output folder each
// run), and again with nothing changed (the build cache finds the output folder up to date and leaves it; see
// src/cli/check-cache.ts). Issue 20's target is build ≤ 4× `node -e 0`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, root, summary, timeSpawn } from "./lib.mjs";

const ratio = (a, b) => Math.round((median(a) / median(b)) * 10) / 10;

export default {
  name: "build",
  title: "termsheet build specs (specs + settlement modules), from scratch and up to date, against node -e 0 and check",
  async run({ runs = 7 } = {}) {
    const out = mkdtempSync(join(tmpdir(), "termsheet-bench-build-"));
    const bin = join(root, "bin", "termsheet.js");
    const node = [];
    const check = [];
    const cold = [];
    const warm = [];
    const cached = { TERMSHEET_CACHE: "on", TERMSHEET_CACHE_DIR: join(out, "cache") };
    const build = (args, env, into) => {
      const r = timeSpawn(process.execPath, [bin, "build", "specs", ...args], env);
      if (r.status !== 0) throw new Error(`termsheet build failed: ${r.stderr}`);
      into?.push(r.ms);
      return r;
    };
    try {
      // The up-to-date builds' folder and record: one build first.
      build(["--out", join(out, "current")], cached);
      for (let i = 0; i < runs; i++) {
        node.push(timeSpawn(process.execPath, ["-e", "0"]).ms);
        check.push(timeSpawn(process.execPath, [bin, "check", "specs"], { TERMSHEET_CACHE: "off" }).ms);
        build(["--out", join(out, String(i))], { TERMSHEET_CACHE: "off" }, cold);
        const r = build(["--out", join(out, "current")], cached, warm);
        if (!r.stderr.includes("is up to date")) throw new Error(`the repeated build was not up to date: ${r.stderr}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return {
      rows: [
        summary("node -e 0 (baseline)", node),
        summary("termsheet check specs, no cache", check),
        summary("termsheet build specs, from scratch", cold),
        summary("termsheet build specs, nothing changed (up to date)", warm),
      ],
      targets: [
        { what: "build from scratch / node -e 0 (medians)", value: ratio(cold, node), unit: "x" },
        { what: "build up to date / node -e 0 (medians)", value: ratio(warm, node), unit: "x", max: 4 },
        { what: "build from scratch / check (medians)", value: ratio(cold, check), unit: "x" },
      ],
      notes: ["build writes the compiled specs of specs/ and their settlement modules with their declarations and the runtime bundle"],
    };
  },
};
