// Benchmark: wall time of `termsheet check specs` against `node -e 0` measured in the same run, hyperfine style:
// warm-up runs, then N runs of each command interleaved so that machine noise hits both alike. Target: the check
// takes at most twice as long as starting Node and doing nothing.
import { checkCommand, summary, timeSpawn } from "./lib.mjs";

export default {
  name: "cli-startup",
  title: "termsheet check specs vs node -e 0 (wall time)",
  async run({ runs = 15, warmup = 2 } = {}) {
    const check = await checkCommand("specs");
    const node = { command: process.execPath, args: ["-e", "0"], label: "node -e 0" };
    const first = timeSpawn(check.command, check.args);
    for (let i = 1; i < warmup; i++) timeSpawn(check.command, check.args);
    for (let i = 0; i < warmup; i++) timeSpawn(node.command, node.args);
    const tNode = [];
    const tCheck = [];
    for (let i = 0; i < runs; i++) {
      tNode.push(timeSpawn(node.command, node.args).ms);
      tCheck.push(timeSpawn(check.command, check.args).ms);
    }
    const a = summary(check.label, tCheck);
    const b = summary(node.label, tNode);
    const ratio = Math.round((a.median_ms / b.median_ms) * 100) / 100;
    return {
      rows: [a, b],
      targets: [{ what: "check / node -e 0 (medians)", value: ratio, unit: "x", max: 2 }],
      notes: [
        `ratio of the fastest runs (less sensitive to a busy machine): ${Math.round((a.min_ms / b.min_ms) * 100) / 100}x`,
        `check exit status ${first.status}: ${first.stdout.trim().split("\n").pop() ?? ""}`.trim(),
      ],
    };
  },
};
