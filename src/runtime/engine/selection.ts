/**
 * The observations an index computation uses from each constituent source, chosen as the methodology's source
 * clauses say. A source that lists `models` (or `instruments`) in priority order takes the first one *available*:
 * the first in the list with an observation in the window (with no window: at or before the fixing instant) —
 * over all rows, not only the source's latest timestamp — whose last observation is fresh when a staleness rule is
 * in force (a stale first model gives way to a fresh second one; when none is fresh, the first with data is taken
 * and the source is then excluded as stale). An observation names its model or instrument in its instrument column;
 * rows of unlisted models, rows naming none, and rows of models after the chosen one are excluded, and every such
 * exclusion is reported with the times of the rows. A blended source needs every part of its blend (the row's part
 * column) from the same model; a row with a part that is not one of the blend's, or with a part for a source without
 * a blend, is excluded. Without a window the source's value is its chosen model's latest observation (per part).
 */
import { formatInstant } from "../calendar/index.js";
import type { Observations } from "../market-data/index.js";
import { nameAt } from "../market-data/names.js";
import type { Exclusion } from "./exclusion.js";

/** What the selection needs to know of one constituent source on the fixing date. */
export interface SourcePlan {
  readonly name: string;
  /** The source's index in the observations' source list, or undefined when no row names it. */
  readonly obsIndex: number | undefined;
  /** The source's priority list in force: `models` or `instruments`, or null without one. */
  readonly list: { readonly kind: "model" | "instrument"; readonly names: readonly string[] } | null;
  /** The parts of the source's blend in force, or null without a blend. */
  readonly parts: readonly string[] | null;
  /** `chosen per day`: the list is decided on each day of the window (see `selectWindow`), not once over it. */
  readonly perDay?: boolean;
}

/**
 * The days of a window for `chosen per day`: `bounds[i]` is the instant (epoch microseconds) the day `labels[i + 1]`
 * begins in the window's zone, ascending; a row before `bounds[0]` is of the day `labels[0]`.
 */
export interface WindowDays {
  readonly bounds: readonly number[];
  readonly labels: readonly string[];
}

/** A source's priority list in force: its `models`, else its `instruments`, else none (both is refused before). */
export function priorityList(models: readonly string[] | undefined, instruments: readonly string[] | undefined): SourcePlan["list"] {
  return models !== undefined
    ? { kind: "model", names: models }
    : instruments !== undefined
      ? { kind: "instrument", names: instruments }
      : null;
}

/** Row numbers of the observations, in input order: a typed array (4 bytes a row) or a JS array. */
export type RowList = ArrayLike<number> & Iterable<number>;

/** The rows [s, e) of a list of rows, as a JS array. */
export function rowsSlice(rows: RowList, s: number, e: number): number[] {
  const out: number[] = [];
  for (let i = s; i < e; i++) out.push(rows[i]!);
  return out;
}

/**
 * A growing list of row numbers in a typed array (a window may hold millions of rows: 4 bytes each, not a JS array's
 * 8 and its growth); `rows()` is a view of the rows pushed.
 */
class RowBuffer {
  private buffer = new Uint32Array(64);
  length = 0;
  push(r: number): void {
    if (this.length === this.buffer.length) {
      const next = new Uint32Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    this.buffer[this.length++] = r;
  }
  last(): number {
    return this.buffer[this.length - 1]!;
  }
  rows(): Uint32Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** The rows chosen for each source, in input order per source, with the time staleness is measured from. */
export interface Selection {
  readonly rows: readonly RowList[];
  /** The last observation of each source's choice (a blend: the oldest of its parts' latest), −∞ without one. */
  readonly lastTime: number[];
  /** The model or instrument chosen for each source, or null (no list, or nothing available). */
  readonly chosen: (string | null)[];
  /** For a blended source with no complete choice: the parts missing from the first model that has any. */
  readonly missingParts: (readonly string[] | null)[];
  readonly exclusions: Exclusion[];
}

/** Why a row of a source cannot be used whatever the choice (a negative code; a usable row's code is its key ≥ 0). */
const UNLISTED = -1;
const NO_NAME = -2;
const BAD_PART = -3;
const NO_PART = -4;
const STRAY_PART = -5;

/** Classifies rows of one source: the key `rank × parts + part` of a usable row, or a negative reason. */
class Classifier {
  readonly ranks: number;
  readonly width: number;
  private readonly rankOf: Map<string, number> | null;
  private readonly partOf: Map<string, number> | null;
  /** The rank of each instrument code of the observations (UNLISTED or NO_NAME when none), and the part of each part code. */
  private readonly rankOfCode: Int32Array | null;
  private readonly partOfCode: Int32Array | null;
  constructor(
    readonly plan: SourcePlan,
    private readonly obs: Observations,
  ) {
    this.ranks = plan.list?.names.length ?? 1;
    this.width = plan.parts?.length ?? 1;
    const rankOf = plan.list === null ? null : new Map(plan.list.names.map((n, i) => [n, i]));
    const partOf = plan.parts === null ? null : new Map(plan.parts.map((n, i) => [n, i]));
    this.rankOf = rankOf;
    this.partOf = partOf;
    const inst = obs.instrument;
    this.rankOfCode =
      rankOf === null || inst === null ? null : Int32Array.from(inst.names, (n) => (n === null ? NO_NAME : (rankOf.get(n) ?? UNLISTED)));
    const part = obs.part ?? null;
    this.partOfCode =
      partOf === null || part === null ? null : Int32Array.from(part.names, (n) => (n === null ? NO_PART : (partOf.get(n) ?? BAD_PART)));
  }
  /** Whether every row is usable as it is (no list, no blend, no part column): the hot path skips classification. */
  get trivial(): boolean {
    return this.rankOf === null && this.partOf === null && (this.obs.part ?? null) === null;
  }
  key(r: number): number {
    let rank = 0;
    if (this.rankOf !== null) {
      if (this.rankOfCode === null) return NO_NAME;
      rank = this.rankOfCode[this.obs.instrument!.codes[r]!]!;
      if (rank < 0) return rank;
    }
    const part = this.obs.part ?? null;
    const code = part === null ? 0 : part.codes[r]!;
    if (this.partOf === null) return code === 0 ? rank : STRAY_PART;
    if (this.partOfCode === null) return NO_PART;
    const p = this.partOfCode[code]!;
    return p < 0 ? p : rank * this.width + p;
  }
}

/** An instant in epoch microseconds as a certificate prints it: ISO 8601 in UTC, with any microseconds after it. */
export function isoMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const r = formatInstant(ms, "UTC");
  const base = r.ok ? r.value : new Date(ms).toISOString();
  const sub = micros - ms * 1000;
  return sub === 0 ? base : `${base} +${sub}µs`;
}

/** A staleness rule: the limit in microseconds and its words ("60 minutes"). */
export interface Staleness {
  readonly limit: number;
  readonly text: string;
}

/**
 * When some rows were observed, for a certificate: "at T", "at T1, T2 and T3", "at T1, T2, T3 and 4 more" (the
 * distinct times, earliest first). Times, not line numbers: a certificate does not depend on the order of rows that
 * share a time.
 */
function timesText(obs: Observations, rows: RowList): string {
  const times = [...new Set(Array.from(rows, (r) => obs.time[r]!))].sort((a, b) => a - b).map(isoMicros);
  if (times.length === 1) return `at ${times[0]}`;
  if (times.length <= 3) return `at ${times.slice(0, -1).join(", ")} and ${times[times.length - 1]}`;
  return `at ${times.slice(0, 3).join(", ")} and ${times.length - 3} more`;
}

/** The exclusions of rows that no choice could use, grouped by reason and name, in a stable order. */
function unusable(obs: Observations, c: Classifier, rows: readonly number[], keys: readonly number[], out: Exclusion[]): void {
  const plan = c.plan;
  const groups = new Map<string, { code: number; name: string | null; rows: number[] }>();
  rows.forEach((r, i) => {
    const code = keys[i]!;
    const name = code === UNLISTED ? nameAt(obs.instrument, r) : code === BAD_PART || code === STRAY_PART ? nameAt(obs.part, r) : null;
    const g = `${-code}\u0000${name ?? ""}`;
    let group = groups.get(g);
    if (group === undefined) groups.set(g, (group = { code, name, rows: [] }));
    group.rows.push(r);
  });
  const what = plan.list?.kind ?? "model";
  const listed = plan.list === null ? "" : plan.list.names.map((n) => JSON.stringify(n)).join(", ");
  for (const g of [...groups.values()].sort((a, b) => b.code - a.code || ((a.name ?? "") < (b.name ?? "") ? -1 : 1))) {
    const n = `${g.rows.length} observation(s)`;
    const at = timesText(obs, g.rows);
    const detail =
      g.code === UNLISTED
        ? `${n} of ${JSON.stringify(g.name)} (${at}): not one of the ${what}s it lists (${listed})`
        : g.code === NO_NAME
          ? `${n} naming no ${what} (${at}): an observation of ${plan.name} names one of its ${what}s (${listed}) in its instrument column`
          : g.code === NO_PART
            ? `${n} naming no part (${at}): ${plan.name} blends ${plan.parts!.join(", ")}, and each observation names its part`
            : g.code === BAD_PART
              ? `${n} of part ${JSON.stringify(g.name)} (${at}): not a part of ${plan.name}'s blend (${plan.parts!.join(", ")})`
              : `${n} of part ${JSON.stringify(g.name)} (${at}): ${plan.name} has no blend, so its observations name no part`;
    out.push({
      source: plan.name,
      reason: g.code === UNLISTED || g.code === NO_NAME ? (what === "model" ? "model" : "instrument") : "part",
      detail,
    });
  }
}

/**
 * The rows of one rank in input order: the rank's own array when it has one part (no copy: a window may hold millions
 * of rows, far more than a spread argument list takes), else the parts' rows merged by a loop and sorted.
 */
function rowsOfRank(byKey: readonly RowBuffer[], rank: number, width: number): Uint32Array {
  if (width === 1) return byKey[rank]!.rows();
  let n = 0;
  for (let p = 0; p < width; p++) n += byKey[rank * width + p]!.length;
  const out = new Uint32Array(n);
  let w = 0;
  for (let p = 0; p < width; p++) for (const r of byKey[rank * width + p]!.rows()) out[w++] = r;
  return out.sort();
}

/** Per source, the choice among complete ranks: the first fresh one, else the first complete one, else none. */
function choose(completeAt: readonly number[], at: number, stale: Staleness | undefined): number {
  let first = -1;
  for (let rank = 0; rank < completeAt.length; rank++) {
    const t = completeAt[rank]!;
    if (t === -Infinity) continue;
    if (stale === undefined || at - t <= stale.limit) return rank;
    if (first < 0) first = rank;
  }
  return first;
}

/** The exclusions of the listed models (or instruments) not chosen, with why each gave way. */
function passedOver(
  obs: Observations,
  c: Classifier,
  byKey: readonly RowBuffer[],
  completeAt: readonly number[],
  chosen: number,
  at: number,
  stale: Staleness | undefined,
  out: Exclusion[],
  day?: string,
): void {
  const plan = c.plan;
  if (plan.list === null || chosen < 0) return;
  const names = plan.list.names;
  for (let rank = 0; rank < c.ranks; rank++) {
    if (rank === chosen) continue;
    const rows = rowsOfRank(byKey, rank, c.width);
    if (rows.length === 0) continue;
    const name = JSON.stringify(names[rank]);
    const why =
      rank > chosen
        ? `${JSON.stringify(names[chosen])} comes first in priority order and is ${day === undefined ? "available" : "present that day"}`
        : completeAt[rank] === -Infinity
          ? `no ${plan.parts!.filter((_, p) => byKey[rank * c.width + p]!.length === 0).join(", ")} price of ${name}`
          : `its last observation ${isoMicros(completeAt[rank]!)} is more than ${stale!.text} before the fixing time ${isoMicros(at)}, and ${JSON.stringify(names[chosen])} is fresh`;
    out.push({
      source: plan.name,
      reason: plan.list.kind,
      detail: `${rows.length} observation(s) of ${name} (${timesText(obs, rows)}) not used${day === undefined ? "" : ` on ${day}`}: ${why}`,
    });
  }
}

/**
 * The latest observations at or before the fixing instant (rows `[0, hi)` of the observations): for each source,
 * the chosen model's latest observation (all rows at that time; per part for a blend). The scan runs backward from
 * the fixing instant and stops once every source's first-priority model is complete, so it reads each row at most
 * once.
 */
export function selectLatest(obs: Observations, plans: readonly SourcePlan[], hi: number, at: number, stale?: Staleness): Selection {
  const byObs = new Map<number, number>();
  plans.forEach((p, k) => {
    if (p.obsIndex !== undefined) byObs.set(p.obsIndex, k);
  });
  const classifiers = plans.map((p) => new Classifier(p, obs));
  const latest = classifiers.map((c) => new Array<number>(c.ranks * c.width).fill(-Infinity));
  const byKey = classifiers.map((c) => Array.from({ length: c.ranks * c.width }, () => new RowBuffer()));
  const found = classifiers.map((c) => new Array<number>(c.ranks).fill(0));
  const completeAt = classifiers.map((c) => new Array<number>(c.ranks).fill(-Infinity));
  const badRows = plans.map((): number[] => []);
  const badKeys = plans.map((): number[] => []);
  const resolvedAt = plans.map(() => -Infinity);
  let unresolved = byObs.size;
  let stop = Infinity;
  for (let r = hi - 1; r >= 0; r--) {
    const t = obs.time[r]!;
    if (unresolved === 0 && t < stop) break;
    const k = byObs.get(obs.source[r]!);
    if (k === undefined || t < resolvedAt[k]!) continue;
    const c = classifiers[k]!;
    const key = c.key(r);
    if (key < 0) {
      badRows[k]!.push(r);
      badKeys[k]!.push(key);
      continue;
    }
    const lk = latest[k]!;
    if (lk[key] === -Infinity) {
      lk[key] = t;
      byKey[k]![key]!.push(r);
      const rank = Math.floor(key / c.width);
      if (++found[k]![rank]! === c.width) {
        completeAt[k]![rank] = t; // the oldest of the parts' latest times: the scan goes backward
        if (rank === 0) {
          resolvedAt[k] = t;
          unresolved--;
          stop = Math.min(stop, t);
        }
      }
    } else if (lk[key] === t) byKey[k]![key]!.push(r);
  }
  return finish(obs, plans, classifiers, byKey, completeAt, badRows, badKeys, at, stale, true);
}

/**
 * The observations of each source inside a window (the rows of `ranges`, each `[lo, hi)`, in time order: one range,
 * or one per piece of a window of several), of its chosen model only.
 */
export function selectWindow(
  obs: Observations,
  plans: readonly SourcePlan[],
  ranges: readonly (readonly [number, number])[],
  at: number,
  stale?: Staleness,
  days?: WindowDays,
): Selection & { readonly foreign: ReadonlyMap<string, number> } {
  const byObs = new Map<number, number>();
  plans.forEach((p, k) => {
    if (p.obsIndex !== undefined) byObs.set(p.obsIndex, k);
  });
  const classifiers = plans.map((p) => new Classifier(p, obs));
  const trivial = classifiers.map((c) => c.trivial);
  const byKey = classifiers.map((c) => Array.from({ length: c.ranks * c.width }, () => new RowBuffer()));
  const completeAt = classifiers.map((c) => new Array<number>(c.ranks).fill(-Infinity));
  const badRows = plans.map((): number[] => []);
  const badKeys = plans.map((): number[] => []);
  const foreign = new Map<string, number>();
  for (const [lo, hi] of ranges)
    for (let r = lo; r < hi; r++) {
      const k = byObs.get(obs.source[r]!);
      if (k === undefined) {
        const name = obs.sources[obs.source[r]!]!;
        foreign.set(name, (foreign.get(name) ?? 0) + 1);
        continue;
      }
      if (trivial[k]) {
        byKey[k]![0]!.push(r);
        continue;
      }
      const key = classifiers[k]!.key(r);
      if (key < 0) {
        badRows[k]!.push(r);
        badKeys[k]!.push(key);
      } else byKey[k]![key]!.push(r);
    }
  // A rank is complete when each of its parts has rows; its time is the oldest of their last rows.
  classifiers.forEach((c, k) => {
    for (let rank = 0; rank < c.ranks; rank++) {
      let t = Infinity;
      for (let p = 0; p < c.width; p++) {
        const rows = byKey[k]![rank * c.width + p]!;
        t = rows.length === 0 ? -Infinity : Math.min(t, obs.time[rows.last()]!);
        if (t === -Infinity) break;
      }
      completeAt[k]![rank] = t;
    }
  });
  return { ...finish(obs, plans, classifiers, byKey, completeAt, badRows, badKeys, at, stale, false, days), foreign };
}

/**
 * `chosen per day`: the source's choice made on each day of the window (the first model or instrument of the list
 * with a complete observation that day; on the last day with any, a fresh one first when a staleness rule is in
 * force): the rows of each day's choice in time order, the last of them, the choices named with their days, and the
 * exclusions of the models passed over, each naming its day.
 */
function choosePerDay(
  obs: Observations,
  c: Classifier,
  byKey: readonly RowBuffer[],
  days: WindowDays,
  at: number,
  stale: Staleness | undefined,
  own: Exclusion[],
): { readonly rows: Uint32Array; readonly lastTime: number; readonly chosen: string | null } {
  const plan = c.plan;
  const names = plan.list!.names;
  const segments = days.labels.length;
  const dayOf = (t: number): number => {
    let d = 0;
    while (d < days.bounds.length && t >= days.bounds[d]!) d++;
    return d;
  };
  // The rows of each key, split by day (each in input order).
  const split = Array.from({ length: segments }, () => Array.from({ length: byKey.length }, () => new RowBuffer()));
  byKey.forEach((buffer, key) => {
    for (const r of buffer.rows()) split[dayOf(obs.time[r]!)]![key]!.push(r);
  });
  const rows: number[] = [];
  const chosen: string[] = [];
  let lastTime = -Infinity;
  let lastDay = -1;
  for (let d = segments - 1; d >= 0 && lastDay < 0; d--) if (split[d]!.some((b) => b.length > 0)) lastDay = d;
  for (let d = 0; d < segments; d++) {
    const dayKeys = split[d]!;
    if (!dayKeys.some((b) => b.length > 0)) continue;
    const completeAt = new Array<number>(c.ranks).fill(-Infinity);
    for (let rank = 0; rank < c.ranks; rank++) {
      let t = Infinity;
      for (let p = 0; p < c.width; p++) {
        const b = dayKeys[rank * c.width + p]!;
        t = b.length === 0 ? -Infinity : Math.min(t, obs.time[b.last()]!);
        if (t === -Infinity) break;
      }
      completeAt[rank] = t;
    }
    const rank = choose(completeAt, at, d === lastDay ? stale : undefined);
    if (rank < 0) continue;
    for (const r of rowsOfRank(dayKeys, rank, c.width)) rows.push(r);
    chosen.push(`${names[rank]!} on ${days.labels[d]!}`);
    lastTime = completeAt[rank]!;
    passedOver(obs, c, dayKeys, completeAt, rank, at, d === lastDay ? stale : undefined, own, days.labels[d]!);
  }
  return { rows: Uint32Array.from(rows), lastTime, chosen: chosen.length === 0 ? null : chosen.join(", ") };
}

function finish(
  obs: Observations,
  plans: readonly SourcePlan[],
  classifiers: readonly Classifier[],
  byKey: readonly (readonly RowBuffer[])[],
  completeAt: readonly number[][],
  badRows: readonly number[][],
  badKeys: readonly number[][],
  at: number,
  stale: Staleness | undefined,
  latestOnly: boolean,
  days?: WindowDays,
): Selection {
  const rows: RowList[] = [];
  const lastTime: number[] = [];
  const chosen: (string | null)[] = [];
  const missingParts: (readonly string[] | null)[] = [];
  const exclusions: Exclusion[] = [];
  plans.forEach((plan, k) => {
    const c = classifiers[k]!;
    const rank = choose(completeAt[k]!, at, stale);
    if (days !== undefined && plan.perDay === true && plan.list !== null) {
      // `chosen per day`: the choice made on each day, its passed-over models reported per day.
      const daily = choosePerDay(obs, c, byKey[k]!, days, at, stale, exclusions);
      rows.push(daily.rows);
      lastTime.push(daily.lastTime);
      chosen.push(daily.chosen);
      missingParts.push(null);
      unusable(obs, c, badRows[k]!, badKeys[k]!, exclusions);
      return;
    }
    rows.push(rank >= 0 ? rowsOfRank(byKey[k]!, rank, c.width) : new Uint32Array(0));
    lastTime.push(rank >= 0 ? completeAt[k]![rank]! : -Infinity);
    chosen.push(rank >= 0 && plan.list !== null ? plan.list.names[rank]! : null);
    // A blend with no complete model: the parts the first model with any part lacks.
    let missing: readonly string[] | null = null;
    if (rank < 0 && plan.parts !== null) {
      for (let q = 0; q < c.ranks && missing === null; q++) {
        const have = plan.parts.map((_, p) => byKey[k]![q * c.width + p]!.length > 0);
        if (have.some((h) => h)) missing = plan.parts.filter((_, p) => !have[p]);
      }
    }
    missingParts.push(missing);
    passedOver(obs, c, byKey[k]!, completeAt[k]!, rank, at, stale, exclusions);
    // Rows no choice could use: without a window, only those at or after the chosen observation (earlier ones are
    // superseded whatever they are); all of them when nothing was chosen.
    const since = latestOnly && rank >= 0 ? completeAt[k]![rank]! : -Infinity;
    const keptRows: number[] = [];
    const keptKeys: number[] = [];
    badRows[k]!.forEach((r, i) => {
      if (obs.time[r]! >= since) {
        keptRows.push(r);
        keptKeys.push(badKeys[k]![i]!);
      }
    });
    unusable(obs, c, keptRows, keptKeys, exclusions);
  });
  return { rows, lastTime, chosen, missingParts, exclusions };
}
