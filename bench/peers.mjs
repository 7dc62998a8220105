// Benchmark: Termsheet's `index` end to end against DuckDB on one machine (issue 20), `npm run bench:peers`.
// The methodology is BTC_REF's (test/cases/compiled/indices/BTC_REF.json: 6 sources, 15:00–16:00 London in twelve
// 5-minute partitions, volume-weighted medians with the exact-half rule, the 10% deviation exclusion, the mean rounded
// half-up to 0.01) on 1M and 10M generated trades in CSV (bench/out/peers/, kept for reuse). Each measure is a fresh
// process under /usr/bin/time -v (wall time, CPU time user + system, peak resident memory), interleaved run by run:
// `node -e 0` (the baseline), the floor of reading the file in Node (bench/peers-floor.mjs: finding the line breaks
// in the bytes; decoding and cutting one string per line), Termsheet reading the file alone (the CLI's reader,
// bench/entries/read-observations.ts), `termsheet index` end to end, DuckDB (@duckdb/node-api, installed here into
// bench/out/peers/ by npm) loading the CSV into a table, and DuckDB's best query for the index (bench/peers-duckdb.mjs);
// then the same trades as Parquet (written once by DuckDB: TIMESTAMPTZ, DECIMAL(18,2) and DECIMAL(18,8), SNAPPY), read
// and indexed by both.
// Every implementation must give the same value to the cent, or the benchmark fails.
// Options: --sizes 1000000,10000000  --runs 5 (at 1M; at most 3 at 10M)  --only NAME,… (the measures whose names start so)  --bin PATH (another build's
// bin/termsheet.js, beside its dist/, for before/after figures; the reader is then that build's too, --reader PATH)
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { bundle, median, outDir, root } from "./lib.mjs";

const DUCKDB = "@duckdb/node-api@1.5.6-r.1";
const peersDir = join(outDir, "peers");
const SOURCES = ["BITSTAMP", "COINBASE", "GEMINI", "ITBIT", "KRAKEN", "LMAX_DIGITAL"];
/** Each source's first instrument in BTC_REF's priority order; every row names it. */
const INSTRUMENTS = ["BTC/USD", "BTC-USD", "BTCUSD", "XBTUSD", "XBT/USD", "BTC/USD"];
/** The trades span 14:55–16:05Z on 2026-03-27 (London is on GMT), so the window cuts off ten minutes of them. */
const FIRST = Date.UTC(2026, 2, 27, 14, 55, 0);
const SPAN_US = 70 * 60 * 1_000_000;
const WINDOW_START = "2026-03-27 15:00:00";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Installs @duckdb/node-api into bench/out/peers/ once (a registry package with its native binary). */
function ensureDuckdb() {
  mkdirSync(peersDir, { recursive: true });
  if (existsSync(join(peersDir, "node_modules", "@duckdb", "node-api", "package.json"))) return;
  writeFileSync(join(peersDir, "package.json"), '{ "private": true }\n');
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", DUCKDB], { cwd: peersDir, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`npm install ${DUCKDB} failed`);
}

/**
 * Deterministic trades in time order: prices 87,000.00 ± 100.00 at cents (ITBIT 17% higher, so the deviation rule
 * excludes it), volumes of 0.00000001 to 1.00000000, microsecond times; `n` rows after the header.
 */
function writeTrades(n) {
  const path = join(peersDir, `trades-${n}.csv`);
  if (existsSync(path)) return path;
  let seed = 20261207;
  const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  writeSync(fd, "time,source,price,volume,instrument\n");
  let minute = -1;
  let prefix = "";
  const lines = [];
  for (let i = 0; i < n; i++) {
    const us = Math.floor((i * SPAN_US) / n);
    const m = Math.floor(us / 60_000_000);
    if (m !== minute) {
      minute = m;
      prefix = new Date(FIRST + m * 60_000).toISOString().slice(0, 17);
    }
    const inMinute = us - m * 60_000_000;
    const s = String(Math.floor(inMinute / 1_000_000)).padStart(2, "0");
    const frac = String(inMinute % 1_000_000).padStart(6, "0");
    const k = Math.floor(rnd() * SOURCES.length);
    const cents = 8_700_000 + Math.floor(rnd() * 20_001) - 10_000 + (k === 3 ? 1_479_000 : 0);
    const vol = String(1 + Math.floor(rnd() * 100_000_000)).padStart(9, "0");
    const c = String(cents);
    lines.push(
      `${prefix}${s}.${frac}Z,${SOURCES[k]},${c.slice(0, -2)}.${c.slice(-2)},${vol.slice(0, -8)}.${vol.slice(-8)},${INSTRUMENTS[k]}`,
    );
    if (lines.length === 100_000) {
      writeSync(fd, lines.join("\n") + "\n");
      lines.length = 0;
    }
  }
  if (lines.length > 0) writeSync(fd, lines.join("\n") + "\n");
  closeSync(fd);
  renameSync(temp, path);
  return path;
}

/** The trades of `csv` as Parquet (written by DuckDB, `bench/peers-duckdb.mjs parquet`), kept beside it for reuse. */
function writeParquet(csv) {
  const path = csv.replace(/\.csv$/, ".parquet");
  if (existsSync(path)) return path;
  const temp = `${path}.${process.pid}.tmp.parquet`;
  const r = spawnSync(process.execPath, ["bench/peers-duckdb.mjs", "parquet", csv, temp], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("writing the Parquet file failed");
  renameSync(temp, path);
  return path;
}

/** One run of a command under GNU time: wall ms, CPU ms (user + system), peak resident MiB, stdout. */
function measure(command, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-v", command, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const field = (re) => Number((re.exec(r.stderr ?? "") ?? [])[1]);
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  return {
    ms,
    cpu: (field(/User time \(seconds\): ([\d.]+)/) + field(/System time \(seconds\): ([\d.]+)/)) * 1000,
    rss: field(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
    stdout: r.stdout.trim(),
  };
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main() {
  if (!existsSync("/usr/bin/time")) throw new Error("bench:peers needs GNU time (/usr/bin/time)");
  if (!existsSync(join(root, "dist", "cli.js")) && !process.argv.includes("--bin")) throw new Error("build first: npm run build");
  ensureDuckdb();
  const bin = arg("bin", join(root, "bin", "termsheet.js"));
  const reader = arg("reader", undefined) ?? (await bundle("read-observations.ts"));
  const sizes = arg("sizes", "1000000,10000000").split(",").map(Number);
  const only = arg("only", "")?.split(",").filter(Boolean);
  const runsAt1M = Number(arg("runs", "5"));
  const spec = join(root, "test/cases/compiled/indices/BTC_REF.json");
  const pairs = SOURCES.map((s, k) => `${s}=${INSTRUMENTS[k]}`).join(",");
  const node = process.execPath;
  let failed = false;
  for (const n of sizes) {
    const file = writeTrades(n);
    const parquet = writeParquet(file);
    const runs = n > 2_000_000 ? Math.min(3, runsAt1M) : runsAt1M;
    const cases = [
      { name: "node -e 0", cmd: [node, "-e", "0"] },
      { name: "floor: line breaks in the bytes", cmd: [node, "bench/peers-floor.mjs", "bytes", file] },
      { name: "floor: a string per line", cmd: [node, "bench/peers-floor.mjs", "lines", file] },
      { name: "termsheet: read the CSV", cmd: [node, reader, file] },
      { name: "duckdb: read_csv into a table", cmd: [node, "bench/peers-duckdb.mjs", "read", file] },
      {
        name: "termsheet index",
        value: true,
        cmd: [node, bin, "index", spec, "--at", "2026-03-27", "--observations", file, "--format", "json"],
        parse: (out) => JSON.parse(out).value,
      },
      { name: "duckdb index (best query)", value: true, cmd: [node, "bench/peers-duckdb.mjs", "index", file, WINDOW_START, pairs] },
      { name: "parquet: termsheet read", cmd: [node, reader, parquet] },
      { name: "parquet: duckdb read_parquet into a table", cmd: [node, "bench/peers-duckdb.mjs", "read", parquet] },
      {
        name: "parquet: termsheet index",
        value: true,
        cmd: [node, bin, "index", spec, "--at", "2026-03-27", "--observations", parquet, "--format", "json"],
        parse: (out) => JSON.parse(out).value,
      },
      {
        name: "parquet: duckdb index (best query)",
        value: true,
        cmd: [node, "bench/peers-duckdb.mjs", "index", parquet, WINDOW_START, pairs],
      },
    ].filter((c) => !only?.length || c.name === "node -e 0" || only.some((o) => c.name.startsWith(o)));
    const samples = new Map(cases.map((c) => [c.name, []]));
    const values = new Map();
    for (let run = 0; run < runs + 1; run++) {
      for (const c of cases) {
        const m = measure(c.cmd[0], c.cmd.slice(1));
        if (run > 0) samples.get(c.name).push(m); // the first round warms the page cache
        if (c.value) values.set(c.name, c.parse ? c.parse(m.stdout) : m.stdout);
      }
    }
    const base = median(samples.get("node -e 0").map((m) => m.ms));
    const baseCpu = median(samples.get("node -e 0").map((m) => m.cpu));
    const rows = [];
    for (const c of cases) {
      const s = samples.get(c.name);
      const wall = s.map((m) => m.ms);
      const cpu = s.map((m) => m.cpu);
      rows.push({
        name: c.name,
        wall: median(wall),
        min: Math.min(...wall),
        max: Math.max(...wall),
        cpu: median(cpu),
        rss: median(s.map((m) => m.rss)),
      });
    }
    const by = new Map(rows.map((r) => [r.name, r]));
    console.log(`\n${(n / 1e6).toFixed(0)}M rows (${runs} runs after a warm-up round; ${file.replace(root + "/", "")})`);
    console.log("| measure | wall median ms | min–max ms | CPU median ms | peak RSS MiB | wall / node -e 0 |");
    console.log("|---|---|---|---|---|---|");
    for (const r of rows)
      console.log(
        `| ${r.name} | ${fmt(r.wall)} | ${fmt(r.min)}–${fmt(r.max)} | ${fmt(r.cpu)} | ${fmt(r.rss)} | ${(r.wall / base).toFixed(2)} |`,
      );
    const ratio = (a, b, key) => (by.has(a) && by.has(b) ? (by.get(a)[key] / by.get(b)[key]).toFixed(2) : "n/a");
    console.log(
      `ratios (wall / CPU medians): termsheet index ÷ duckdb index ${ratio("termsheet index", "duckdb index (best query)", "wall")} / ${ratio("termsheet index", "duckdb index (best query)", "cpu")};` +
        ` termsheet read ÷ duckdb read ${ratio("termsheet: read the CSV", "duckdb: read_csv into a table", "wall")} / ${ratio("termsheet: read the CSV", "duckdb: read_csv into a table", "cpu")};` +
        ` termsheet read ÷ a string per line ${ratio("termsheet: read the CSV", "floor: a string per line", "wall")} / ${ratio("termsheet: read the CSV", "floor: a string per line", "cpu")};` +
        ` peak memory termsheet ÷ duckdb ${ratio("termsheet index", "duckdb index (best query)", "rss")}; node -e 0 ${fmt(base)} ms wall, ${fmt(baseCpu)} ms CPU`,
    );
    console.log(
      `parquet ratios (wall / CPU medians): termsheet index ÷ duckdb index ${ratio("parquet: termsheet index", "parquet: duckdb index (best query)", "wall")} / ${ratio("parquet: termsheet index", "parquet: duckdb index (best query)", "cpu")};` +
        ` termsheet read ÷ duckdb read ${ratio("parquet: termsheet read", "parquet: duckdb read_parquet into a table", "wall")} / ${ratio("parquet: termsheet read", "parquet: duckdb read_parquet into a table", "cpu")};` +
        ` peak memory termsheet ÷ duckdb ${ratio("parquet: termsheet index", "parquet: duckdb index (best query)", "rss")}`,
    );
    const distinct = new Set(values.values());
    console.log(
      `values: ${[...values].map(([k, v]) => `${k} ${v}`).join(", ")}${distinct.size === 1 ? " (the same to the cent)" : " — THEY DIFFER"}`,
    );
    if (distinct.size > 1) failed = true;
  }
  if (failed) process.exit(1);
}

await main();
