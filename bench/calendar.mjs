// Benchmark: the runtime calendar engine and schedules on the compiled standard specs. Business-day queries per
// second on the tabulated engine against the naive evaluator (isBusinessDayNaive, every rule evaluated per query)
// in the same run, and the time to compute 100 years of monthly expiries (last trading day, termination instant,
// final settlement date) of FOTI and of BTC (joint London and New York calendar) with calendar engines already
// built, plus the time of a new Schedule (tabulating its calendars) and of the first run in the process (calendar
// engines and the zone's per-year tables of clock changes built from ICU). Target: 100 years of monthly expiries under 5 ms.
// The runtime is bundled from src/ with esbuild into bench/out/, as lib.mjs bundles the other stand-ins.
import { readFileSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { outDir, root, summary, timeCall } from "./lib.mjs";

async function runtimeApi() {
  const { build } = await import("esbuild");
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "calendar-api.js");
  await build({
    stdin: {
      contents: [
        'export { Schedule, monthPeriod } from "./src/runtime/schedule/index.ts";',
        'export { isBusinessDayNaive, resolverFromList, fromCivil } from "./src/runtime/calendar/index.ts";',
        'export { compileSources } from "./src/compile.ts";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href + `?t=${Date.now()}`);
}

function termsFiles(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) out.push(...termsFiles(path));
    else if (name.endsWith(".terms")) out.push(path);
  }
  return out;
}

/** A deterministic stream of days (a linear congruential generator with a fixed seed). */
function days(n, from, to) {
  const out = new Int32Array(n);
  let x = 20261124;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = from + (x % (to - from));
  }
  return out;
}

export default {
  name: "calendar",
  title: "business-day queries and 100 years of monthly expiries",
  async run({ runs = 15 } = {}) {
    const api = await runtimeApi();
    let firstEver;
    const host = {
      readFile: (p) => {
        try {
          return readFileSync(join(root, p), "utf8");
        } catch {
          return undefined;
        }
      },
      resolveImport: (from, p) =>
        normalize(join(dirname(from), p))
          .split("\\")
          .join("/"),
    };
    const roots = termsFiles("specs").map((path) => ({ path, text: host.readFile(path) }));
    const compiled = api.compileSources(roots, host, { compilerVersion: "bench" });
    // The compiled JSON specs, parsed back: the runtime works from what an exchange loads.
    const spec = (p) => {
      const f = compiled.files.find((x) => x.path === p);
      if (!f) throw new Error(`no compiled ${p}`);
      return JSON.parse(f.text);
    };
    const btc = spec("contracts/BTC.json");
    const foti = spec("contracts/FOTI.json");

    // The very first expiries of the process: calendar engines and the zone's per-year offset tables are built here.
    firstEver = timeCall(() => new api.Schedule(foti, 2000, 2099).expiries("FOTI", { year: 2000, month: 1 }, { year: 2099, month: 12 })).ms;

    // Business-day queries.
    const from = api.fromCivil(2000, 1, 1);
    const to = api.fromCivil(2060, 12, 31);
    const fast = days(1_000_000, from, to);
    const slow = days(2_000, from, to);
    const calendars = Object.values(btc.calendars);
    const resolve = api.resolverFromList(calendars);
    const nyse = btc.calendars.NYSE;
    const engine = new api.Schedule(btc).engine("NYSE").value;
    let sink = 0;
    const tabled = [];
    const naive = [];
    for (let r = 0; r < runs; r++) {
      tabled.push(
        timeCall(() => {
          for (let i = 0; i < fast.length; i++) if (engine.isBusinessDay(fast[i])) sink++;
        }).ms,
      );
      naive.push(
        timeCall(() => {
          for (let i = 0; i < slow.length; i++) if (api.isBusinessDayNaive(nyse, resolve, slow[i]).value) sink++;
        }).ms,
      );
    }
    const tabledRow = summary(`NYSE isBusinessDay, ${fast.length.toLocaleString("en-US")} queries (tabulated engine)`, tabled);
    const naiveRow = summary(`NYSE isBusinessDayNaive, ${slow.length.toLocaleString("en-US")} queries (baseline)`, naive);
    const qps = (row, n) => Math.round(n / (row.median_ms / 1000));

    // 100 years of monthly expiries.
    const first = { year: 2000, month: 1 };
    const last = { year: 2099, month: 12 };
    const warm = (input, name, cals) => {
      const samples = [];
      for (let r = 0; r < runs; r++) {
        const s = new api.Schedule(input, 2000, 2099);
        for (const c of cals) s.engine(c);
        samples.push(timeCall(() => s.expiries(name, first, last)).ms);
      }
      return samples;
    };
    const cold = [];
    for (let r = 0; r < runs; r++) cold.push(timeCall(() => new api.Schedule(foti, 2000, 2099).expiries("FOTI", first, last)).ms);
    const fotiRow = summary("FOTI: 1,200 monthly expiries 2000-2099, engines built", warm(foti, "FOTI", ["ENGLAND_WALES"]));
    const btcRow = summary(
      "BTC: 1,200 monthly expiries 2000-2099 (joint calendar), engines built",
      warm(btc, "BTC", ["LONDON_AND_NEW_YORK", "LONDON_OR_NEW_YORK"]),
    );
    const coldRow = summary("FOTI: the same, new Schedule (tabulating the calendar first)", cold);
    const firstRow = summary("FOTI: the same, first in the process (calendar and zone tables built)", [firstEver]);
    const ltdOnly = [];
    for (let r = 0; r < runs; r++) {
      const s = new api.Schedule(foti, 2000, 2099);
      s.engine("ENGLAND_WALES");
      ltdOnly.push(
        timeCall(() => {
          for (let y = 2000; y < 2100; y++) for (let m = 1; m <= 12; m++) s.lastTradingDay("FOTI", api.monthPeriod(y, m));
        }).ms,
      );
    }
    const ltdRow = summary("FOTI: 1,200 last trading days only (no time-zone work), engines built", ltdOnly);
    return {
      rows: [tabledRow, naiveRow, fotiRow, btcRow, coldRow, firstRow, ltdRow],
      targets: [
        { what: "tabulated business-day queries per second", value: qps(tabledRow, fast.length), unit: "/s" },
        { what: "naive business-day queries per second (baseline)", value: qps(naiveRow, slow.length), unit: "/s" },
        { what: "tabulated / naive speed-up", value: Math.round(qps(tabledRow, fast.length) / qps(naiveRow, slow.length)), unit: "x" },
        { what: "100 years of FOTI monthly expiries", value: fotiRow.median_ms, unit: " ms", max: 5 },
        { what: "100 years of BTC monthly expiries", value: btcRow.median_ms, unit: " ms", max: 5 },
      ],
      notes: [
        "Termination instants read per-zone, per-year tables of clock changes built from ICU once per process (about 30 Intl calls a year);",
        "the first run pays for them, later runs (and the rows marked 'engines built') only look them up.",
        `(checksum ${sink})`,
      ],
    };
  },
};
