/**
 * `npm run fuzz -- --count N [--seed S] [--from I] [--workers W] [--out DIR] [--modules all|sample|none] [--no-reduce]`:
 * runs N mutants of the corpus (specs/ and test/cases/) through parse, check, build, load and settle with a
 * watchdog (test/fuzz/), writes each new failure as a delta-debugged reproducer under DIR (fuzz-failures/ by
 * default, git-ignored) with summary.json, and prints a summary: mutants, outcomes, failures by class, time, the
 * slowest and the largest mutant with their sizes, and milliseconds per KB by size. Exits 1 when a failure is not
 * on the known-open list (test/fuzz/known-open.ts).
 * `npm run fuzz -- --replay FILE --as PATH` runs one file (a reproducer) as if it were PATH of the repository.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus, REPO_ROOT } from "../test/fuzz/corpus.js";
import { fuzz, type FuzzSummary } from "../test/fuzz/fuzz.js";
import { budgetOf, DEFAULT_BUDGET, Pool } from "../test/fuzz/pool.js";

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const num = (name: string, dflt: number): number => {
  const v = arg(name);
  const n = v === undefined ? dflt : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} takes a whole number, not ${v}`);
  return n;
};

const corpus = readCorpus();

if (arg("--replay") !== undefined) {
  const file = arg("--replay")!;
  const as = arg("--as") ?? "replay.terms";
  const text = readFileSync(file, "utf8");
  const pool = await Pool.create(corpus, 1);
  const r = await pool.run(as, text, arg("--modules") !== "none", budgetOf(DEFAULT_BUDGET, text.length));
  await pool.close();
  console.log(JSON.stringify({ ...r.outcome, ms: Math.round(r.ms) }, null, 2));
  process.exit(r.outcome.kind === "failure" ? 1 : 0);
}

const out = arg("--out") ?? join(REPO_ROOT, "fuzz-failures");
const count = num("--count", 1000);
const modules = (arg("--modules") ?? "all") as "all" | "sample" | "none";
if (!["all", "sample", "none"].includes(modules)) throw new Error("--modules takes all, sample or none");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let lastShown = 0;
const summary = await fuzz(corpus, {
  seed: num("--seed", 1),
  count,
  from: num("--from", 0),
  workers: num("--workers", 1),
  modules,
  reduce: !argv.includes("--no-reduce"),
  out,
  progress: (done, total, p) => {
    const now = Date.now();
    const line = () =>
      `${done}/${total} mutants in ${(p.ms / 1000).toFixed(0)} s: ok ${p.ok}, user diagnostics ${p.diagnostics}, failures ${p.failures} (${p.fresh} not known open)` +
      (p.slowest ? `; slowest ${p.slowest.ms.toFixed(0)} ms (${(p.slowest.chars / 1000).toFixed(1)} KB)` : "");
    if (process.stderr.isTTY && (now - lastShown > 500 || done === total)) {
      lastShown = now;
      process.stderr.write(`\r${line()}`);
    }
    if (!process.stderr.isTTY && done % 1000 === 0) process.stderr.write(`${line()}\n`);
  },
});
if (process.stderr.isTTY) process.stderr.write("\n");
writeFileSync(
  join(out, "summary.json"),
  JSON.stringify(summary, (k, v) => (k === "mutant" ? { ...v, text: undefined } : k === "reproducer" ? undefined : v), 2) + "\n",
);
console.log(report(summary));
process.exitCode = summary.groups.some((g) => g.knownOpen === undefined) ? 1 : 0;

function report(s: FuzzSummary): string {
  const kb = (chars: number): string => `${(chars / 1000).toFixed(1)} KB`;
  const lines = [
    `seed ${s.seed}, mutants ${s.from}-${s.from + s.count - 1}: ${s.count} mutants in ${(s.ms / 1000).toFixed(1)} s (${(s.ms / s.count).toFixed(1)} ms each)`,
    `  ok ${s.ok}, user diagnostics ${s.diagnostics}, failures ${s.failures}`,
  ];
  if (s.slowest)
    lines.push(`  slowest: mutant ${s.slowest.index} (${s.slowest.path}), ${kb(s.slowest.chars)}, ${s.slowest.ms.toFixed(0)} ms`);
  if (s.largest)
    lines.push(`  largest: mutant ${s.largest.index} (${s.largest.path}), ${kb(s.largest.chars)}, ${s.largest.ms.toFixed(0)} ms`);
  for (const b of s.bySize)
    if (b.mutants > 0)
      lines.push(`  ${b.band}: ${b.mutants} mutants, ${b.meanMsPerKb.toFixed(2)} ms per KB on average, ${b.maxMsPerKb.toFixed(2)} at most`);
  const byClass = new Map<string, number>();
  for (const g of s.groups) byClass.set(g.failure.class, (byClass.get(g.failure.class) ?? 0) + g.count);
  if (byClass.size > 0) lines.push(`  failures by class: ${[...byClass].map(([c, n]) => `${c} ${n}`).join(", ")}`);
  for (const g of s.groups)
    lines.push(
      `  ${g.count} × ${g.signature}${g.knownOpen ? ` [known open: ${g.knownOpen}]` : ""}${g.folder ? `\n      ${g.folder}` : ""}`,
    );
  return lines.join("\n");
}
