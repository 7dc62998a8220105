/**
 * Generated observations for the differential test of the SQL backend: trades of every source of an index around
 * each fixing date's window, drawn from a seeded generator so that the hard cases happen often: prices on a coarse
 * grid (ties), small integer volumes (a cumulative volume at exactly half), zero volumes, instruments out of the
 * priority list or missing, a source far from the others (deviation), a source with no trades on some days,
 * partitions with no trades, sources that are not constituents on the date, times with offsets and microseconds.
 */
import { isoMicros } from "../../../src/runtime/engine/selection.js";
import type { Index } from "../../../src/runtime/spec.js";
import { valuesOn } from "../../../src/runtime/versions.js";
import { dayOf } from "../../../src/backends/sql/plan.js";

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An instant as the CSV writes it: UTC with Z, or with a +01:00 / -05:00 offset, with microseconds sometimes. */
function timeText(micros: number, r: () => number): string {
  const iso = isoMicros(micros - (micros % 1_000_000)); // "2026-03-27T15:00:00Z"
  const frac = micros % 1_000_000;
  const base = iso.slice(0, 19);
  const f = frac === 0 ? "" : "." + String(frac).padStart(6, "0");
  const pick = r();
  if (pick < 0.6) return `${base}${f}Z`;
  const off = pick < 0.8 ? 60 : -300;
  const local = new Date((micros - frac) / 1000 + off * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  return `${local}${f}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

export interface Generated {
  readonly csv: string;
  readonly rows: number;
}

/**
 * Observations for the dates of an index: `perDay` trades per date on average, over the union of the windows and an
 * hour either side. `base` is the price level, `tick` the grid (a decimal string's scale and step).
 */
export function generate(index: Index, dates: readonly string[], seed: number, perDay: number, base: number, decimals: number): Generated {
  const r = rng(seed);
  const names = [...new Set(index.sources.map((s) => s.value.name))].sort();
  const lines: { t: number; line: string }[] = [];
  const step = 10 ** -decimals;
  for (const date of dates) {
    const day = dayOf(index, date);
    if ("error" in day) continue;
    const from = day.windowStart === 0 ? day.at - 3_600_000_000 : day.windowStart - 600_000_000;
    const to = day.windowEnd === 0 ? day.at + 600_000_000 : day.windowEnd + 600_000_000;
    const constituents = valuesOn(index.sources, date);
    // Some days only one source trades (too few sources); on others some sources are silent (no data).
    const lone = r() < 0.15 ? names[Math.floor(r() * names.length)] : undefined;
    const silent = new Set(names.filter((x) => (lone !== undefined ? x !== lone : r() < 0.15)));
    const outlier = r() < 0.4 ? names[Math.floor(r() * names.length)] : undefined;
    // A quiet stretch: about a quarter of the window without trades (empty partitions).
    const quietFrom = from + Math.floor(r() * (to - from));
    const quietTo = quietFrom + Math.floor((to - from) * 0.25);
    const level = base * (0.9 + 0.2 * r());
    const n = Math.floor(perDay * (0.5 + r()));
    for (let j = 0; j < n; j++) {
      let t = from + Math.floor(r() * (to - from));
      if (r() < 0.5) t -= t % 1_000_000; // whole seconds often, so rows share instants
      if (t >= quietFrom && t < quietTo) continue;
      const name = names[Math.floor(r() * names.length)]!;
      if (silent.has(name)) continue;
      const src = constituents.find((s) => s.name === name);
      const list = src !== undefined ? (src.instruments.at(-1)?.value ?? src.models.at(-1)?.value) : undefined;
      const ladder = list ?? index.sources.find((s) => s.value.name === name)?.value.instruments.at(-1)?.value ?? [];
      const u = r();
      const instrument = ladder.length === 0 ? "" : u < 0.75 ? ladder[0]! : u < 0.9 ? ladder[ladder.length - 1]! : u < 0.95 ? "OTHER" : "";
      const m = name === outlier ? 1.3 : 1;
      // A coarse grid (ties), one tick off it sometimes (so that the mean of two straddling prices is a half tick).
      const ticks = Math.round((level * m * (1 + (r() - 0.5) * 0.02)) / (step * 5)) * 5 + (r() < 0.3 ? 1 : 0);
      const price = (ticks * step).toFixed(decimals);
      const v = r();
      const volume = v < 0.05 ? "0" : v < 0.65 ? "1" : v < 0.85 ? "2" : (Math.floor(r() * 400) / 100).toFixed(2);
      lines.push({ t, line: `${timeText(t, r)},${name},${price},${volume},${instrument}` });
    }
  }
  lines.sort((a, b) => a.t - b.t);
  // Exact duplicate rows are an error of the file; drop them.
  const seen = new Set<string>();
  const out: string[] = ["time,source,price,volume,instrument"];
  for (const l of lines) {
    const key = `${l.t}|${l.line.slice(l.line.indexOf(","))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l.line);
  }
  return { csv: out.join("\n") + "\n", rows: out.length - 1 };
}
