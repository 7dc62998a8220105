// Benchmark: index computation and final settlement on 1,000,000 and 10,000,000 observations (a BTC_REF-style
// methodology: a one-hour window, five sources, per-source volume-weighted medians for the 10% deviation exclusion,
// twelve 5-minute partitions with the volume-weighted median of each, the mean of the partitions, rounded to 0.01
// half-up), exact (src/runtime/engine and src/runtime/functions, bundled from src/ with esbuild) against a
// straightforward float64 implementation of the same methodology in the same run, and against a second float64
// implementation that uses the exact path's algorithmic tricks (native typed-array sorts of packed keys), so that the
// ratio against it shows the cost of exactness alone. The final settlement is the BTC
// contract's (test/cases/compiled/contracts/BTC.json, whose BTC_REF is this methodology) through
// `settlementFunctions`, certificate included; every row names its source's first instrument (BTC_REF lists its
// instruments in priority order, and a row naming none is not used). Also the parse of the 1M observations as CSV text, and two runs of
// the built CLI as child processes on CSV files generated into bench/out: `termsheet settle` end to end on 1M rows
// (against `node -e 0` and `wc -l` of the same file), and on 10M rows streamed from disk, whose peak resident
// memory is read from `/usr/bin/time -v`. Targets: exact within 2x of float64; the 10M settlement under 1 GB.
import { join } from "node:path";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { median, outDir, root, summary, timeCall, timeSpawnCpu } from "./lib.mjs";

const N = 1_000_000;
const N_BIG = 10_000_000;
const SOURCES = ["BITSTAMP", "COINBASE", "GEMINI", "ITBIT", "KRAKEN"];
/** Each source's first instrument in the compiled BTC_REF's priority order: every row names the instrument it trades. */
const INSTRUMENTS = ["BTC/USD", "BTC-USD", "BTCUSD", "XBTUSD", "XBT/USD"];
const clause = (value) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const method = (name, o = {}) => ({ name, exactHalf: null, trim: null, capPercent: null, weightedBy: null, ...o });
const usd = { text: "USD per BTC", dimensions: { "money:USD": 1, "asset:BTC": -1 }, scale: "1", currency: "USD" };
const INDEX = {
  name: "BENCH_REF",
  quoted: clause(usd),
  methodology: clause({ version: "1" }),
  sources: SOURCES.flatMap((name) =>
    clause({ name, title: null, quoted: clause(usd), models: [], instruments: [], weight: [], blend: [] }),
  ),
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

/**
 * Deterministic observations: 2026-03-27 15:00–16:00Z (London is on GMT), prices at 2 places, volumes at 8. The
 * instrument column is built by the runtime's own column builder (`nameColumn`: codes into a table of names, as the
 * parsers build it); a runtime from before the name tables (a baseline build) takes the names as a plain array.
 */
function generate(n, rt) {
  let seed = 20261124;
  const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  const start = Date.UTC(2026, 2, 27, 15, 0, 0) * 1000;
  const time = new Float64Array(n),
    source = new Uint16Array(n),
    price = new Float64Array(n),
    volume = new Float64Array(n),
    line = new Uint32Array(n),
    instrument = new Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = start + Math.floor((i * 3_600_000_000) / n);
    source[i] = Math.floor(rnd() * SOURCES.length);
    price[i] = 8_700_000 + Math.floor(rnd() * 20_000) - 10_000 + (source[i] === 3 ? 1_500_000 : 0); // ITBIT deviates
    volume[i] = 1 + Math.floor(rnd() * 100_000_000);
    line[i] = i + 1;
    instrument[i] = INSTRUMENTS[source[i]];
  }
  const column = typeof rt.nameColumn === "function" ? rt.nameColumn(instrument) : instrument;
  return { length: n, time, source, sources: SOURCES, price, priceScale: 2, volume, volumeScale: 8, instrument: column, line };
}

/** The same methodology in float64, written straightforwardly. */
function floatIndex(obs) {
  const start = Date.UTC(2026, 2, 27, 15, 0, 0) * 1000,
    end = start + 3_600_000_000,
    len = 300_000_000;
  const p = new Float64Array(obs.length),
    v = new Float64Array(obs.length);
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

/** The first row of a sorted time column with time >= t (the binary search the exact path selects its window with). */
function firstAtOrAfter(time, t) {
  let lo = 0,
    hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Sorts rows by float64 price with one native Float64Array sort, mirroring the exact path's `sortRowsByPrice`
 * (src/runtime/engine/aggregation.ts), whose key is price·2^k + position on integer coefficients. A float
 * price has no free low bits, so here the key is the price's own float64 with its lowest k bits replaced by the
 * position (a positive double orders like its bit pattern), and the replaced bits are kept next to the row. Keys
 * then order by price except between distinct prices equal in all but those k bits; reading the permutation back
 * restores each price's bits and checks the order, falling back to a comparator sort in that case (as the exact
 * path does when its key would pass 2^53).
 */
function sortRowsByFloatPrice(price, rows) {
  const n = rows.length;
  let shift = 1;
  while (shift <= n) shift *= 2;
  if (!LITTLE_ENDIAN || shift > 2 ** 31) {
    rows.sort((a, b) => price[a] / 100 - price[b] / 100);
    return;
  }
  const mask = shift - 1;
  const keys = new Float64Array(n);
  const words = new Uint32Array(keys.buffer); // words[2k] and words[2k + 1]: the low and high 32 bits of keys[k]
  const saved = new Uint32Array(2 * n); // per position: the row, and the key bits the position replaced
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    keys[k] = price[r] / 100;
    const low = words[2 * k];
    saved[2 * k] = r;
    saved[2 * k + 1] = low & mask;
    words[2 * k] = (low & ~mask) | k;
  }
  keys.sort();
  let prevHigh = 0,
    prevLow = 0;
  for (let k = 0; k < n; k++) {
    const low = words[2 * k],
      high = words[2 * k + 1];
    const at = low & mask;
    const priceLow = ((low & ~mask) | saved[2 * at + 1]) >>> 0;
    if (high < prevHigh || (high === prevHigh && priceLow < prevLow)) {
      for (let j = 0; j < n; j++) rows[j] = saved[2 * j];
      rows.sort((a, b) => price[a] / 100 - price[b] / 100);
      return;
    }
    prevHigh = high;
    prevLow = priceLow;
    rows[k] = saved[2 * at];
  }
}

/**
 * The same methodology in float64 with the exact path's algorithmic choices (src/runtime/engine/index-computation.ts
 * and `aggregateScaled`): the window found by binary search on the time column, rows kept per source as indices, each
 * set of rows a Uint32Array sorted by price with a native typed-array sort of packed keys ({@link sortRowsByFloatPrice}),
 * the rows of the kept sources pooled into one Uint32Array put back in time order by a native sort, and each partition
 * a subarray of it. Prices and volumes become float64 (÷ 100, ÷ 1e8) where they are read rather than in a copy of
 * the columns; they, the sums and the comparisons are float64 as in {@link floatIndex}, with no integer arithmetic.
 */
function floatIndexFast(obs) {
  const start = Date.UTC(2026, 2, 27, 15, 0, 0) * 1000,
    end = start + 3_600_000_000,
    len = 300_000_000;
  const price = obs.price,
    volume = obs.volume;
  const bySource = SOURCES.map(() => []);
  const lo = firstAtOrAfter(obs.time, start),
    hi = firstAtOrAfter(obs.time, end);
  for (let i = lo; i < hi; i++) bySource[obs.source[i]].push(i);
  const vwm = (rows) => {
    sortRowsByFloatPrice(price, rows);
    const n = rows.length;
    let total = 0;
    for (let k = 0; k < n; k++) total += volume[rows[k]] / 1e8;
    let cum = 0;
    for (let k = 0; k < n; k++) {
      cum += volume[rows[k]] / 1e8;
      if (cum * 2 === total && k + 1 < n) return (price[rows[k]] / 100 + price[rows[k + 1]] / 100) / 2;
      if (cum * 2 > total) return price[rows[k]] / 100;
    }
    return price[rows[n - 1]] / 100;
  };
  const values = bySource.map((rows) => (rows.length ? vwm(Uint32Array.from(rows)) : NaN));
  const keep = values.map((x, k) => {
    const others = values.filter((y, j) => j !== k && !Number.isNaN(y)).sort((a, b) => a - b);
    const n = others.length;
    const med = n % 2 ? others[(n - 1) / 2] : (others[n / 2 - 1] + others[n / 2]) / 2;
    return !Number.isNaN(x) && Math.abs(x - med) / med <= 0.1;
  });
  let total = 0;
  bySource.forEach((rows, k) => (total += keep[k] ? rows.length : 0));
  const pooled = new Uint32Array(total);
  let w = 0;
  bySource.forEach((rows, k) => {
    if (keep[k]) for (const r of rows) pooled[w++] = r;
  });
  pooled.sort();
  const pv = [];
  let at = 0;
  for (let i = 0; i < 12; i++) {
    const b = start + (i + 1) * len;
    const from = at;
    while (at < pooled.length && (i === 11 || obs.time[pooled[at]] < b)) at++;
    if (at > from) pv.push(vwm(pooled.subarray(from, at)));
  }
  const mean = pv.reduce((a, b) => a + b, 0) / pv.length;
  return Math.round(mean * 100) / 100;
}

function csvRow(obs, i) {
  const ms = Math.floor(obs.time[i] / 1000);
  const us = obs.time[i] - ms * 1000;
  const iso = new Date(ms).toISOString().replace("Z", "") + String(us).padStart(3, "0") + "Z";
  const pr = String(obs.price[i]);
  const vo = String(obs.volume[i]).padStart(9, "0");
  return `${iso},${SOURCES[obs.source[i]]},${pr.slice(0, -2)}.${pr.slice(-2)},${vo.slice(0, -8)}.${vo.slice(-8)},${INSTRUMENTS[obs.source[i]]}`;
}

/** Writes the observations as a CSV file in batches (10M rows are more text than one string can hold); kept for reuse. */
function writeCsvFile(obs, path) {
  if (existsSync(path)) return path;
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  writeSync(fd, "time,source,price,volume,instrument\n");
  for (let start = 0; start < obs.length; start += 100_000) {
    const lines = [];
    for (let i = start; i < Math.min(obs.length, start + 100_000); i++) lines.push(csvRow(obs, i));
    writeSync(fd, lines.join("\n") + "\n");
  }
  closeSync(fd);
  renameSync(temp, path);
  return path;
}

function toCsv(obs, n) {
  const out = ["time,source,price,volume,instrument"];
  for (let i = 0; i < n; i++) out.push(csvRow(obs, i));
  return out.join("\n");
}

async function loadRuntime() {
  const { build } = await import("esbuild");
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "settlement-runtime.js");
  await build({
    stdin: {
      contents:
        'export * from "./src/runtime/engine/index.ts"; export * from "./src/runtime/market-data/index.ts"; export { settlementFunctions, reportJson } from "./src/runtime/functions/index.ts";',
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

/** The float64 final settlement: the same index, rounded to the settlement's 0.01 (half-up, as Math.round on cents). */
function floatFinal(obs) {
  return floatIndex(obs);
}

const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const sizeLabel = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n}`);

/** `termsheet settle` on the CSV file of `n` rows, beside `node -e 0` and `wc -l` of the same file, interleaved. */
function settleCli(n, obs, runs, expected, out) {
  const label = sizeLabel(n);
  const file = writeCsvFile(obs, join(outDir, `observations-${n}-instrument.csv`));
  const args = [join(root, "bin", "termsheet.js"), "settle", "test/cases/compiled/contracts/BTC.json", "--contract", "BTC-H26"];
  args.push("--observations", file, "--format", "json");
  const cli = [],
    node = [],
    wc = [];
  for (let i = 0; i < runs; i++) {
    const b = timeSpawnCpu(process.execPath, ["-e", "0"]);
    if (b === null) {
      out.notes.push(`${label} CSV: /usr/bin/time not available; termsheet settle not measured`);
      return;
    }
    node.push(b);
    wc.push(timeSpawnCpu("wc", ["-l", file]));
    const t = timeSpawnCpu(process.execPath, args);
    if (t.status !== 0) throw new Error(`termsheet settle on ${label} rows failed: ${t.stderr}`);
    cli.push(t);
  }
  const wall = (xs) => xs.map((x) => x.ms);
  const cpu = (xs) => xs.map((x) => x.cpuMs);
  out.rows.push(
    summary(`${label} CSV: termsheet settle end to end (streamed)`, wall(cli)),
    summary(`${label} CSV: termsheet settle end to end, CPU time`, cpu(cli)),
    summary(`${label} CSV: node -e 0, CPU time (baseline)`, cpu(node)),
    summary(`${label} CSV: wc -l, CPU time (baseline)`, cpu(wc)),
  );
  // GNU time counts in 10 ms steps: on a small file wc -l takes none, and there is no ratio to give.
  if (median(cpu(wc)) > 0) {
    out.targets.push({
      what: `termsheet settle on ${label} CSV rows / wc -l (CPU medians)`,
      value: ratio(median(cpu(cli)), median(cpu(wc))),
      unit: "x",
    });
  }
  const rss = cli.map((m) => m.rssMb);
  out.targets.push({ what: `${label} CSV: peak resident memory of termsheet settle (median)`, value: median(rss), unit: " MB", max: 1024 });
  const price = JSON.parse(cli[0].stdout).price;
  out.notes.push(`${label} CSV: peak RSS per run ${rss.join(", ")} MB; price ${price}, the same as in-process: ${price === expected}`);
}

/** The in-process measures on `n` observations: exact and float64 index and final settlement, interleaved run by run. */
function inProcess(rt, fns, n, obs, runs, warmup, out) {
  const label = sizeLabel(n);
  const request = { date: "2026-03-27" };
  const exact = () => rt.computeIndex(INDEX, obs, request);
  const final = () => fns.final({ period: "2026-03", observations: obs });
  const first = exact();
  if (!first.ok) throw new Error(`exact index failed: ${first.failure.message}`);
  const settled = final();
  if (!settled.ok) throw new Error(`final settlement failed: ${settled.error.message}`);
  const fl = floatIndex(obs);
  const flFast = floatIndexFast(obs);
  const tasks = [
    { label: `${label}: float64 index (baseline)`, fn: () => floatIndex(obs) },
    { label: `${label}: exact index (scaled integers + rationals)`, fn: exact },
    { label: `${label}: float64 final settlement (baseline)`, fn: () => floatFinal(obs) },
    { label: `${label}: exact final settlement with certificate`, fn: final },
    { label: `${label}: float64 index, native typed-array sorts (fast baseline)`, fn: () => floatIndexFast(obs) },
  ];
  if (n <= N) {
    const csv = toCsv(obs, n);
    tasks.push({
      label: `${label}: parse ${(csv.length / 1e6).toFixed(1)} MB CSV`,
      fn: () => rt.parseObservations(csv, { file: "bench.csv", sources: SOURCES }),
    });
  }
  for (let i = 0; i < warmup; i++) for (const t of tasks) t.fn();
  const wall = tasks.map(() => []);
  const cpu = tasks.map(() => []);
  for (let i = 0; i < runs; i++)
    tasks.forEach((t, j) => {
      const m = timeCall(t.fn);
      wall[j].push(m.ms);
      cpu[j].push(m.cpuMs);
    });
  const measured = tasks.map((t, j) => summary(t.label, wall[j]));
  const measuredCpu = tasks.map((t, j) => summary(`${t.label}, CPU time`, cpu[j]));
  out.rows.push(...measured, ...measuredCpu);
  const med = (j) => measuredCpu[j].median_ms;
  out.targets.push(
    { what: `${label} index: exact / float64 (CPU medians)`, value: ratio(med(1), med(0)), unit: "x", max: 2 },
    { what: `${label} final settlement: exact / float64 (CPU medians)`, value: ratio(med(3), med(2)), unit: "x", max: 2 },
    // Against the float64 baseline with the exact path's own sorting tricks: the cost of exactness alone (no target).
    { what: `${label} index: exact / float64 with native typed-array sorts (CPU medians)`, value: ratio(med(1), med(4)), unit: "x" },
  );
  out.notes.push(
    `${label}: exact index ${first.value.toString()} (unrounded ${first.certificate.unrounded}); final settlement ${settled.price}; float64 ${fl}; float64 with native sorts ${flFast} (the same as float64: ${flFast === fl}, as exact: ${flFast === Number(first.value.toString())})`,
  );
  if (n === N || n < N)
    out.notes.push(`${label}: excluded ${first.certificate.exclusions.map((e) => `${e.source} (${e.reason})`).join(", ") || "none"}`);
  return settled.price;
}

export default {
  name: "settlement",
  title: "index computation and final settlement on 1M and 10M observations, exact vs float64; termsheet settle on 1M and 10M CSV rows",
  /** `quick`: a smoke run (a few thousand rows, one run of each) that only shows every step still works. */
  async run({ runs = 7, warmup = 2, quick = false } = {}) {
    const rt = await loadRuntime();
    const btc = JSON.parse(readFileSync(join(root, "test/cases/compiled/contracts/BTC.json"), "utf8"));
    const fns = rt.settlementFunctions(btc);
    const out = { rows: [], targets: [], notes: [] };
    // TERMSHEET_BENCH_SETTLEMENT_SIZES=1000000 measures one size (before/after figures on a busy machine).
    const chosen = process.env.TERMSHEET_BENCH_SETTLEMENT_SIZES?.split(",").map(Number);
    const sizes = quick ? [2_000, 5_000] : (chosen ?? [N, N_BIG]);
    mkdirSync(outDir, { recursive: true });
    for (const n of sizes) {
      const big = n > N;
      const obs = generate(n, rt);
      const r = quick ? 1 : big ? Math.min(runs, 3) : runs;
      const price = inProcess(rt, fns, n, obs, r, quick || big ? 0 : warmup, out);
      settleCli(n, obs, quick ? 1 : big ? Math.min(runs, 3) : Math.min(runs, 5), price, out);
    }
    out.notes.push(
      `peak resident memory of this process (all of the above in memory at once): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    return out;
  },
};
