// Benchmark: where a cold `termsheet check specs` spends its time. Each run is a fresh Node process executing
// bench/entries/cold-phases.ts (bundled from src/ as scripts/build.mjs bundles the CLI, minified), which times the
// check path step by step; the table gives the median of each step. No target: this explains cli-startup's cold
// figure (which parts are Node, chevrotain's parser construction, and our own parse and check).
import { bundle, median, summary, timeSpawn } from "./lib.mjs";

export default {
  name: "cold-phases",
  title: "a cold check of specs/, step by step (fresh process per run)",
  async run({ runs = 15 } = {}) {
    const file = await bundle("cold-phases.ts", { minify: true });
    const samples = new Map();
    const node = [];
    for (let i = 0; i < runs + 2; i++) {
      const r = timeSpawn(process.execPath, [file, "specs"]);
      const n = timeSpawn(process.execPath, ["-e", "0"]).ms;
      if (r.status !== 0) throw new Error(`cold-phases failed: ${r.stderr}`);
      if (i < 2) continue; // warm-up: the file system cache
      node.push(n);
      for (const [k, v] of Object.entries(JSON.parse(r.stdout))) samples.set(k, [...(samples.get(k) ?? []), v]);
    }
    const rows = [...samples].map(([k, v]) => summary(k, v));
    const base = median(node);
    // The steps the CLI takes once each: the check is counted without the warm re-parse it includes here.
    const ours = [...samples].filter(([k]) => !k.startsWith("node start-up") && !k.includes("warm")).reduce((s, [, v]) => s + median(v), 0);
    return {
      rows: [...rows, summary("node -e 0 (whole process, for scale)", node)],
      targets: [
        {
          what: "the steps of a cold check after Node starts (sum of medians) / node -e 0",
          value: Math.round((ours / base) * 100) / 100,
          unit: "x",
        },
      ],
      notes: ["the cli-startup target (a cold check at most 2x node -e 0) leaves about one node -e 0 for all the steps above"],
    };
  },
};
