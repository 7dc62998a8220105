/**
 * Small market data for a loaded spec, generated from the spec itself so that it fits whatever names a mutant
 * declares: for each index, on each day given, a fixing at its publication time on every other day (the rest left
 * to be computed), and a few observations of every source in its window (naming the source's first model or
 * instrument, and for a blended source each part); for the contract, a few trades of its symbol in each daily
 * settlement step's window. The rows are written as CSV and read with the runtime's own parsers, so the
 * parsers are exercised too. Pure; deterministic for a spec and days.
 */
import { formatIsoDate, localToInstant, parseIsoDate } from "../../src/runtime/calendar/index.js";
import { parseFixings, parseObservations, type Fixing, type Observations } from "../../src/runtime/market-data/index.js";
import type { Index, TimeWindow } from "../../src/runtime/spec.js";
import { valueOn, valuesOn } from "../../src/runtime/versions.js";
import type { SettlementSpec } from "../../src/runtime/functions/index.js";

/** What a request may carry. */
export interface Market {
  readonly observations?: Observations;
  readonly fixings?: readonly Fixing[];
}

const PRICES = ["10.1", "10.3", "9.9", "10.2345", "10"];

/** An instant as `…Z` text, from epoch milliseconds. */
const iso = (ms: number): string => new Date(ms).toISOString();

/** The instant of a local time on a day, or undefined. */
function instant(day: string, time: string, zone: string): number | undefined {
  const d = parseIsoDate(day);
  if (d === undefined) return undefined;
  const r = localToInstant(d, time, zone);
  return r.ok ? r.value : undefined;
}

/** A few instants inside a window on a day (its ends when they are inclusive). */
function windowInstants(day: string, w: TimeWindow): number[] {
  const from = instant(day, w.from, w.zone);
  let to = instant(day, w.to, w.zone);
  if (from === undefined || to === undefined) return [];
  if (to <= from) to += 86_400_000;
  const out = [from + 1000, Math.floor((from + to) / 2 / 1000) * 1000, to - 1000];
  if (w.fromBound === "inclusive") out.push(from);
  if (w.toBound === "inclusive") out.push(to);
  return out.filter((t) => t >= from && t <= to);
}

function indexRows(name: string, m: Index, day: string, k: number, obs: string[][], fix: string[][]): void {
  const publication = valueOn(m.publication, day);
  if (publication !== undefined && k % 2 === 0) {
    const at = instant(day, publication.at.time, publication.at.zone);
    if (at !== undefined) {
      fix.push([iso(at), name, PRICES[k % PRICES.length]!, k % 4 === 2 ? "held" : "published"]);
      if (k % 3 === 0) fix.push([iso(at + 3_600_000), name, "10.2", "corrected"]);
    }
  }
  const window = valueOn(m.window, day);
  const sources = valuesOn(m.sources, day);
  const times =
    window === undefined
      ? publication === undefined
        ? []
        : [instant(day, publication.at.time, publication.at.zone)! - 60_000]
      : windowInstants(day, window);
  sources.forEach((source, s) => {
    const models = source.models === undefined ? undefined : valueOn(source.models, day);
    const instruments = valueOn(source.instruments, day);
    const blend = valueOn(source.blend, day) ?? [];
    const instrument = models?.[0] ?? instruments?.[0] ?? "";
    times.forEach((t, i) => {
      if (!Number.isFinite(t)) return;
      const price = PRICES[(s + i) % PRICES.length]!;
      if (blend.length > 0) for (const b of blend) obs.push([iso(t), source.name, price, "2", instrument, b.part]);
      else obs.push([iso(t), source.name, price, String(1 + ((s + i) % 4)), instrument, ""]);
    });
  });
}

/** Market data for the given days (ISO dates) of a spec, and the contract symbols that trade on them. */
export function marketFor(spec: SettlementSpec, days: readonly string[], trades: readonly { symbol: string; day: string }[]): Market {
  const obs: string[][] = [];
  const fix: string[][] = [];
  for (const [name, m] of Object.entries(spec.indices)) days.forEach((day, k) => indexRows(name, m, day, k, obs, fix));
  const contract = Object.hasOwn(spec.contracts, spec.subject.name) ? spec.contracts[spec.subject.name] : undefined;
  for (const { symbol, day } of trades) {
    for (const clause of contract?.dailySettlement ?? []) {
      for (const step of clause.value) {
        if (step.kind !== "vwap") continue;
        windowInstants(day, step.window).forEach((t, i) => obs.push([iso(t), "EXCHANGE", PRICES[i % PRICES.length]!, "3", symbol, ""]));
      }
    }
  }
  obs.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  fix.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const o = parseObservations(["time,source,price,volume,instrument,part", ...obs.map((r) => r.join(","))].join("\n") + "\n", {
    file: "observations.csv",
  });
  const f = parseFixings(["time,index,value,status", ...fix.map((r) => r.join(","))].join("\n") + "\n", { file: "fixings.csv" });
  return { ...(o.ok && obs.length > 0 ? { observations: o.value } : {}), ...(f.ok && fix.length > 0 ? { fixings: f.value } : {}) };
}

/** The day before an ISO date. */
export function dayBefore(day: string): string {
  const d = parseIsoDate(day);
  return d === undefined ? day : formatIsoDate(d - 1);
}
