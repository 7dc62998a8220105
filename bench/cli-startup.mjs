// Benchmark: wall time of `termsheet check specs` against `node -e 0` measured in the same run, hyperfine style:
// warm-up runs, then N runs of each command interleaved so that machine noise hits both alike. Target: the check
// takes at most twice as long as starting Node and doing nothing.
//
// Two checks are timed. "cached" is the command as users run it a second time: nothing changed since the last
// run, so the check cache (src/cli/check-cache.ts) re-reads every file, finds them unchanged and prints the
// recorded result without loading the parser. "cold" is `--no-cache`: every run lexes, parses and checks all 18
// files from scratch, as the first run after an edit does.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { checkCommand, outDir, summary, timeSpawn } from "./lib.mjs";

export default {
  name: "cli-startup",
  title: "termsheet check specs vs node -e 0 (wall time)",
  async run({ runs = 15, warmup = 2 } = {}) {
    const check = await checkCommand("specs");
    const cacheDir = join(outDir, "check-cache");
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    const cachedEnv = { TERMSHEET_CACHE: "on", TERMSHEET_CACHE_DIR: cacheDir };
    const coldEnv = { TERMSHEET_CACHE: "off" };
    const node = { command: process.execPath, args: ["-e", "0"], label: "node -e 0" };
    const first = timeSpawn(check.command, check.args, cachedEnv); // also fills the cache
    for (let i = 0; i < warmup; i++) {
      timeSpawn(check.command, check.args, coldEnv);
      timeSpawn(check.command, check.args, cachedEnv);
      timeSpawn(node.command, node.args);
    }
    const tNode = [];
    const tCold = [];
    const tCached = [];
    for (let i = 0; i < runs; i++) {
      tNode.push(timeSpawn(node.command, node.args).ms);
      tCached.push(timeSpawn(check.command, check.args, cachedEnv).ms);
      tCold.push(timeSpawn(check.command, check.args, coldEnv).ms);
    }
    const cached = summary(`${check.label} (cached: unchanged since the last run)`, tCached);
    const cold = summary(`${check.label} --no-cache (cold: parse and check everything)`, tCold);
    const b = summary(node.label, tNode);
    const ratio = (x) => Math.round((x / b.median_ms) * 100) / 100;
    return {
      rows: [cached, cold, b],
      targets: [
        { what: "check (cached) / node -e 0 (medians)", value: ratio(cached.median_ms), unit: "x", max: 2 },
        { what: "check --no-cache (cold) / node -e 0 (medians)", value: ratio(cold.median_ms), unit: "x", max: 2 },
      ],
      notes: [
        `ratios of the fastest runs (less sensitive to a busy machine): cached ${Math.round((cached.min_ms / b.min_ms) * 100) / 100}x, cold ${Math.round((cold.min_ms / b.min_ms) * 100) / 100}x`,
        `check exit status ${first.status}: ${first.stdout.trim().split("\n").pop() ?? ""}`.trim(),
      ],
    };
  },
};
