// Benchmark: index computation on 1,000,000 observations (a BTC_REF-style methodology: a one-hour window, five
// sources, per-source volume-weighted medians for the 10% deviation exclusion, twelve 5-minute partitions with the
// volume-weighted median of each, the mean of the partitions, rounded to 0.01 half-up), exact (src/runtime/settlement,
// bundled from src/ with esbuild) against a straightforward float64 implementation of the same methodology in the
// same run. Also the parse of the same observations as CSV text. Target: exact within 2x of float64. Peak memory is
// the process's maximum resident set size after the runs.
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { outDir, root, summary, timeCall } from "./lib.mjs";

const N = 1_000_000;
const SOURCES = ["BITSTAMP", "COINBASE", "GEMINI", "ITBIT", "KRAKEN"];
const clause = (value) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const method = (name, o = {}) => ({ name, exactHalf: null, trim: null, capPercent: null, weightedBy: null, ...o });
const usd = { text: "USD per BTC", dimensions: { "money:USD": 1, "asset:BTC": -1 }, scale: "1", currency: "USD" };
const INDEX = {
  name: "BENCH_REF",
  quoted: clause(usd),
  methodology: clause({ version: "1" }),
  sources: SOURCES.flatMap((name) => clause({ name, title: null, quoted: clause(usd), models: [], instruments: [], weight: [], blend: [] })),
  window: clause({ from: "15:00:00", fromBound: "inclusive", to: "16:00:00", toBound: "exclusive", zone: "Europe/London" }),
  partition: clause({ count: 12, length: { amount: "5", unit: "minutes" } }),
  emptyIntervals: clause("skip"),
  aggregateTrades: clause(method("volume-weighted-median", { exactHalf: "mean-of-straddling" })),
  aggregateIntervals: clause(method("mean")),
  aggregateSources: [],
  excludeDeviation: clause({ percent: "10" }),
  excludeStale: [],
  minimumSources: clause(2),
  minimumTrades: clause({ count: 1, perInterval: true }),
  degradation: [],
  extremeMoves: [],
  rounding: clause({ kind: "increment", increment: "0.01", mode: "half-up" }),
  publication: clause({ calendar: null, at: { time: "16:00:00", zone: "Europe/London" } }),
};

/** Deterministic observations: 2026-03-27 15:00–16:00Z (London is on GMT), prices at 2 places, volumes at 8. */
function generate(n) {
  let seed = 20261124;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const start = Date.UTC(2026, 2, 27, 15, 0, 0) * 1000;
  const time = new Float64Array(n), source = new Uint16Array(n), price = new Float64Array(n), volume = new Float64Array(n), line = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = start + Math.floor((i * 3_600_000_000) / n);
    source[i] = Math.floor(rnd() * SOURCES.length);
    price[i] = 8_700_000 + Math.floor(rnd() * 20_000) - 10_000 + (source[i] === 3 ? 1_500_000 : 0); // ITBIT deviates
    volume[i] = 1 + Math.floor(rnd() * 100_000_000);
    line[i] = i + 1;
  }
  return { length: n, time, source, sources: SOURCES, price, priceScale: 2, volume, volumeScale: 8, instrument: null, line };
}

/** The same methodology in float64, written straightforwardly. */
function floatIndex(obs) {
  const start = Date.UTC(2026, 2, 27, 15, 0, 0) * 1000, end = start + 3_600_000_000, len = 300_000_000;
  const p = new Float64Array(obs.length), v = new Float64Array(obs.length);
  const bySource = SOURCES.map(() => []);
  const inWindow = [];
  for (let i = 0; i < obs.length; i++) {
    const t = obs.time[i];
    if (t < start || t >= end) continue;
    p[i] = obs.price[i] / 100;
    v[i] = obs.volume[i] / 1e8;
    bySource[obs.source[i]].push(i);
    inWindow.push(i);
  }
  const vwm = (rows) => {
    rows.sort((a, b) => p[a] - p[b]);
    let total = 0;
    for (const r of rows) total += v[r];
    let cum = 0;
    for (let k = 0; k < rows.length; k++) {
      cum += v[rows[k]];
      if (cum * 2 === total && k + 1 < rows.length) return (p[rows[k]] + p[rows[k + 1]]) / 2;
      if (cum * 2 > total) return p[rows[k]];
    }
    return p[rows[rows.length - 1]];
  };
  const values = bySource.map((rows) => (rows.length ? vwm(rows.slice()) : NaN));
  const keep = values.map((x, k) => {
    const others = values.filter((y, j) => j !== k && !Number.isNaN(y)).sort((a, b) => a - b);
    const n = others.length;
    const med = n % 2 ? others[(n - 1) / 2] : (others[n / 2 - 1] + others[n / 2]) / 2;
    return !Number.isNaN(x) && Math.abs(x - med) / med <= 0.1;
  });
  const parts = [];
  for (let i = 0; i < 12; i++) parts.push([]);
  for (const r of inWindow) if (keep[obs.source[r]]) parts[Math.min(11, Math.floor((obs.time[r] - start) / len))].push(r);
  const pv = parts.filter((x) => x.length > 0).map(vwm);
  const mean = pv.reduce((a, b) => a + b, 0) / pv.length;
  return Math.round(mean * 100) / 100;
}

function toCsv(obs, n) {
  const out = ["time,source,price,volume"];
  for (let i = 0; i < n; i++) {
    const ms = Math.floor(obs.time[i] / 1000);
    const us = obs.time[i] - ms * 1000;
    const iso = new Date(ms).toISOString().replace("Z", "") + String(us).padStart(3, "0") + "Z";
    const pr = String(obs.price[i]);
    const vo = String(obs.volume[i]).padStart(9, "0");
    out.push(`${iso},${SOURCES[obs.source[i]]},${pr.slice(0, -2)}.${pr.slice(-2)},${vo.slice(0, -8)}.${vo.slice(-8)}`);
  }
  return out.join("\n");
}

async function loadRuntime() {
  const { build } = await import("esbuild");
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "settlement-runtime.js");
  await build({
    stdin: {
      contents: 'export * from "./src/runtime/settlement/index.ts"; export * from "./src/runtime/market-data/index.ts";',
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

export default {
  name: "settlement",
  title: "index computation on 1,000,000 observations, exact vs float64",
  async run({ runs = 7, warmup = 2 } = {}) {
    const rt = await loadRuntime();
    const obs = generate(N);
    const request = { date: "2026-03-27" };
    const exact = () => rt.computeIndex(INDEX, obs, request);
    const first = exact();
    if (!first.ok) throw new Error(`exact index failed: ${first.failure.message}`);
    const fl = floatIndex(obs);
    const csv = toCsv(obs, N);
    const parse = () => rt.parseObservations(csv, { file: "bench.csv", sources: SOURCES });
    const tasks = [
      { label: "float64 (baseline)", fn: () => floatIndex(obs) },
      { label: "exact (scaled integers + rationals)", fn: exact },
      { label: `parse ${(csv.length / 1e6).toFixed(0)} MB CSV`, fn: parse },
    ];
    for (let i = 0; i < warmup; i++) for (const t of tasks) t.fn();
    const samples = tasks.map(() => []);
    for (let i = 0; i < runs; i++) tasks.forEach((t, j) => samples[j].push(timeCall(t.fn).ms));
    const rows = tasks.map((t, j) => summary(t.label, samples[j]));
    const ratio = Math.round((rows[1].median_ms / rows[0].median_ms) * 100) / 100;
    const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return {
      rows,
      targets: [
        { what: "exact / float64 (median)", value: ratio, unit: "x", max: 2 },
        { what: "peak resident memory of the process", value: rssMb, unit: " MB", max: 1024 },
      ],
      notes: [
        `exact value ${first.value.toString()} (unrounded ${first.certificate.unrounded}); float64 value ${fl}`,
        `excluded: ${first.certificate.exclusions.map((e) => `${e.source} (${e.reason})`).join(", ") || "none"}`,
      ],
    };
  },
};
