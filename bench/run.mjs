// `npm run bench`: runs the benchmarks listed below (each a module exporting { name, title, run }), prints a table
// and writes bench/out/results.json. Options: `--only NAME[,NAME]` to run some, `--runs N` to change the number of
// measured runs, `--strict` to exit 1 when a target is missed, `--quick` for a smoke run (each benchmark once, on small
// inputs, targets not judged: it shows that every benchmark still runs, and test/bench/smoke.test.ts runs it). Add a
// benchmark by adding its module to the list; its `run` takes { runs, warmup, quick }.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { outDir } from "./lib.mjs";

const BENCHMARKS = [
  "./cli-startup.mjs",
  "./cold-phases.mjs",
  "./check-throughput.mjs",
  "./calendar.mjs",
  "./settlement.mjs",
  "./format.mjs",
  "./build.mjs",
  "./playground.mjs",
  "./lsp.mjs",
  "./hostile.mjs",
  "./sql-engine.mjs",
];

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const only = option("--only")?.split(",");
const runs = option("--runs") ? Number(option("--runs")) : undefined;
const strict = process.argv.includes("--strict");
const quick = process.argv.includes("--quick");

const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
const results = [];
let missed = 0;
for (const path of BENCHMARKS) {
  const bench = (await import(path)).default;
  if (only && !only.includes(bench.name)) continue;
  console.log(`\n## ${bench.name}: ${bench.title}\n`);
  const r = await bench.run(quick ? { runs: 1, warmup: 0, quick } : runs ? { runs } : {});
  const width = Math.max(...r.rows.map((x) => x.label.length), 10);
  console.log(`${pad("", width)}  ${pad("median", 9, true)}  ${pad("min", 9, true)}  ${pad("max", 9, true)}  runs`);
  for (const row of r.rows) {
    const ms = (x) => pad(`${x.toFixed(1)} ms`, 9, true);
    console.log(`${pad(row.label, width)}  ${ms(row.median_ms)}  ${ms(row.min_ms)}  ${ms(row.max_ms)}  ${pad(row.runs, 4, true)}`);
  }
  for (const t of r.targets) {
    const verdict =
      t.max === undefined ? "" : t.value <= t.max ? `  target ≤ ${t.max}${t.unit}: met` : `  target ≤ ${t.max}${t.unit}: MISSED`;
    if (t.max !== undefined && t.value > t.max && !quick) missed++;
    t.met = t.max === undefined ? undefined : t.value <= t.max;
    console.log(`${t.what}: ${t.value}${t.unit}${verdict}`);
  }
  for (const n of r.notes ?? []) console.log(`  ${n}`);
  results.push({ name: bench.name, title: bench.title, ...r });
}

mkdirSync(outDir, { recursive: true });
const report = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpu: cpus()[0]?.model ?? "unknown",
  date: new Date().toISOString(),
  results,
};
const resultsFile = quick ? "results-quick.json" : "results.json";
writeFileSync(join(outDir, resultsFile), JSON.stringify(report, null, 2) + "\n");
console.log(`\nwrote bench/out/${resultsFile}${missed > 0 ? `; ${missed} target(s) missed` : ""}`);
if (strict && missed > 0) process.exitCode = 1;
