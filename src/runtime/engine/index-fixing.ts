/**
 * The first stage of an index computation: the fixing instant, the constituents in force with their unit factors,
 * and the observations each source contributes (`selection.ts`: inside the window, or each source's latest as of
 * the fixing instant) that qualify (`trade-qualification.ts`), every row left out reported in the certificate draft.
 */
import { formatIsoDate, localToInstant, parseIsoDate } from "../calendar/index.js";
import type { Observations } from "../market-data/index.js";
import { Ratio } from "../numbers/ratio.js";
import type { Index, Sampling, Source, TimeWindow } from "../spec.js";
import { valueOn, valuesOn } from "../versions.js";
import { ratioOf } from "./aggregation.js";
import type { CertificateDraft, CertificateWindow, IndexRequest, Stage } from "./index-types.js";
import { stop } from "./index-types.js";
import {
  type Selection,
  type SourcePlan,
  type Staleness,
  type WindowDays,
  isoMicros,
  priorityList,
  selectLatest,
  selectWindow,
} from "./selection.js";
import { qualifyTrades, tradeRulesOn } from "./trade-qualification.js";
import { type PlacedPiece, placePieces } from "./windows.js";

export { durationMicros } from "./durations.js";
import { durationMicros } from "./durations.js";

/** First row of a sorted time column with time >= t (inclusive) or > t (exclusive). */
export function lowerBound(time: Float64Array, t: number, inclusive: boolean): number {
  let lo = 0,
    hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? time[mid]! < t : time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The blend of each constituent in force (undefined: none). */
export type Blends = readonly (readonly { readonly part: string; readonly weight: string }[] | undefined)[];

/** The constituents in force on the fixing date and how their observations are found. */
export interface Constituents {
  readonly list: readonly Source[];
  /** Each constituent's unit factor: its quote scale ÷ the index's. */
  readonly factors: readonly Ratio[];
  /** Observation source index → constituent position. */
  readonly byObsIndex: ReadonlyMap<number, number>;
  readonly blends: Blends;
  readonly plans: readonly SourcePlan[];
}

/** Everything the later stages read: the request resolved on its date, and the rows chosen for each source. */
export interface Fixing {
  readonly index: Index;
  readonly obs: Observations;
  readonly date: string;
  /** The fixing instant in epoch microseconds. */
  readonly at: number;
  readonly constituents: Constituents;
  readonly window: TimeWindow | undefined;
  /** The window's placed bounds in epoch microseconds (0 without a window). */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The window's pieces placed on the fixing date (one, unless the window has several; none without a window). */
  readonly pieces: readonly PlacedPiece[];
  readonly sampling: Sampling | undefined;
  /** How long a sampled price is held, in microseconds (0 when not sampled). */
  readonly hold: number;
  readonly selection: Selection;
}

/** The fixing instant: the request's, else the publication time on the date. */
export function fixingInstant(index: Index, request: IndexRequest): Stage<number> {
  const date = request.date;
  const day = parseIsoDate(date);
  if (day === undefined) return stop("time", `invalid date ${date}`);
  if (request.at !== undefined) return { ok: true, value: request.at };
  const publication = valueOn(index.publication, date);
  if (publication === undefined) return stop("time", "no fixing time: the index states no publication time and none was given");
  const r = localToInstant(day, publication.at.time, publication.at.zone);
  if (!r.ok) return stop("time", `fixing time ${publication.at.time} ${publication.at.zone}: ${r.error.kind}`);
  return { ok: true, value: r.value * 1000 };
}

/** The constituents in force, their unit factors against the index's quote unit, and their selection plans. */
export function constituentsOn(index: Index, obs: Observations, date: string): Stage<Constituents> {
  const indexUnit = valueOn(index.quoted, date);
  if (indexUnit === undefined) return stop("no-methodology", `${index.name} states no quote unit on ${date}`);
  const indexScale = ratioOf(indexUnit.scale);
  const list = valuesOn(index.sources, date);
  const byObsIndex = new Map<number, number>();
  const obsIndexOf = new Map(obs.sources.map((n, i) => [n, i]));
  const factors: Ratio[] = [];
  for (let k = 0; k < list.length; k++) {
    const s = list[k]!;
    const u = valueOn(s.quoted, date) ?? indexUnit;
    factors.push(ratioOf(u.scale).div(indexScale));
    const oi = obsIndexOf.get(s.name);
    if (oi !== undefined) byObsIndex.set(oi, k);
  }
  const blends = list.map((s) => valueOn(s.blend, date));
  if (valueOn(index.window, date) !== undefined && blends.some((b) => b !== undefined))
    return stop("unsupported", "token-mix blends are supported for sources observed at the fixing time, not inside a trade window");
  const plans: SourcePlan[] = [];
  for (const s of list) {
    const models = valueOn(s.models ?? [], date);
    const instruments = valueOn(s.instruments, date);
    if (models !== undefined && instruments !== undefined)
      return stop(
        "unsupported",
        `source ${s.name} lists both models and instruments; an observation names one of them, in its instrument column`,
      );
    plans.push({
      name: s.name,
      obsIndex: obsIndexOf.get(s.name),
      list: priorityList(models, instruments),
      parts: blends[list.indexOf(s)]?.map((p) => p.part) ?? null,
      perDay: valueOn(s.priorityPerDay ?? [], date) === true,
    });
  }
  return { ok: true, value: { list, factors, byObsIndex, blends, plans } };
}

/**
 * The days of a window on the fixing date, for `chosen per day`: a window ends on the fixing date and is at most a
 * day long (a sampled one starts at most its holding time earlier), so its rows are of the previous day until the
 * fixing date's midnight in the window's zone, and of the fixing date from then on.
 */
function windowDays(date: string, zone: string): WindowDays | undefined {
  const day = parseIsoDate(date)!;
  const midnight = localToInstant(day, "00:00:00", zone);
  return midnight.ok ? { bounds: [midnight.value * 1000], labels: [formatIsoDate(day - 1), date] } : undefined;
}

/** The staleness rule in force, in microseconds and words (undefined without one, or in business days). */
function stalenessOn(index: Index, date: string): Staleness | undefined {
  const rule = valueOn(index.excludeStale, date);
  const limit = rule === undefined ? undefined : durationMicros(rule);
  return limit === undefined ? undefined : { limit, text: `${rule!.amount} ${rule!.unit}` };
}

/**
 * Resolves the request on its date and selects each source's rows: its chosen model (or instrument) by priority,
 * inside the window or as of the fixing instant. The draft receives the fixing time, the window and the exclusions
 * of the selection.
 */
export function resolveFixing(index: Index, obs: Observations, request: IndexRequest, draft: CertificateDraft): Stage<Fixing> {
  const date = request.date;
  const instant = fixingInstant(index, request);
  if (!instant.ok) return instant;
  const at = instant.value;
  draft.fixingTime = isoMicros(at);
  const found = constituentsOn(index, obs, date);
  if (!found.ok) return found;
  const constituents = found.value;
  const window = valueOn(index.window, date);
  const staleness = stalenessOn(index, date);
  // A sampled index holds a price observed up to the holding time before the window's first sample.
  const sampling = valueOn(index.sampling ?? [], date);
  const hold = sampling === undefined ? 0 : (durationMicros(sampling.hold) ?? 0);
  let windowStart = 0,
    windowEnd = 0;
  let pieces: readonly PlacedPiece[] = [];
  let selection: Selection;
  if (window !== undefined) {
    const placed = placePieces(parseIsoDate(date)!, window);
    if (!placed.ok) return stop("time", `window ${window.from}–${window.to} ${window.zone} cannot be placed on ${date}`);
    pieces = placed.pieces;
    windowStart = pieces[0]!.start * 1000;
    windowEnd = pieces[pieces.length - 1]!.end * 1000;
    const placedCert = (p: PlacedPiece): CertificateWindow => ({
      from: isoMicros(p.start * 1000),
      to: isoMicros(p.end * 1000),
      fromBound: p.fromInclusive ? "inclusive" : "exclusive",
      toBound: p.toInclusive ? "inclusive" : "exclusive",
    });
    draft.window = pieces.length === 1 ? placedCert(pieces[0]!) : { ...placedCert(pieces[0]!), also: pieces.slice(1).map(placedCert) };
    if (pieces.length > 1 && sampling !== undefined)
      return stop("unsupported", "a sampled index samples one window, not a window of several pieces");
    // As of the fixing instant: a window that has not closed by then would need observations after it.
    if (windowEnd > at)
      return stop(
        "time",
        `the window closes at ${isoMicros(windowEnd)}, after the fixing instant ${isoMicros(at)}: the value as of that instant would use observations after it`,
      );
    // The rows of each piece (of the one window, unless it has several pieces), in time order.
    const ranges = pieces.map((p, j): [number, number] => [
      sampling !== undefined && j === 0
        ? lowerBound(obs.time, windowStart - hold, true)
        : lowerBound(obs.time, p.start * 1000, p.fromInclusive),
      lowerBound(obs.time, p.end * 1000, !p.toInclusive),
    ]);
    const days = windowDays(date, window.zone);
    if (days === undefined && constituents.plans.some((p) => p.perDay === true))
      return stop(
        "time",
        `the day of ${date} cannot be placed in ${window.zone} (no midnight that day), so a list chosen per day has no days`,
      );
    const w = selectWindow(obs, constituents.plans, ranges, at, staleness, days);
    for (const [name, count] of [...w.foreign].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      draft.exclusions.push({
        source: name,
        reason: "not-a-constituent",
        detail: `${count} observation(s) from a source that is not a constituent on ${date}`,
      });
    }
    if (valueOn(index.minimumCounterparties ?? [], date) !== undefined && obs.record?.counterparty === undefined)
      return stop(
        "no-data",
        "the observations have no counterparty column, which `minimum counterparties` reads (market-data record columns: a CSV header naming it, or an NDJSON key)",
      );
    const rules = tradeRulesOn(index, date);
    if (rules === undefined) selection = w;
    else {
      // Trade qualification (trade-qualification.ts): the trades the methodology does not qualify are left out here.
      const q = qualifyTrades(
        obs,
        rules,
        constituents.list.map((s) => s.name),
        w.rows,
      );
      if (!q.ok) return stop("no-data", q.message);
      selection = { ...w, rows: q.rows, exclusions: [...w.exclusions, ...q.exclusions] };
    }
  } else {
    // Each source's latest observation at or before the fixing time (for a blended source, the latest of each part).
    selection = selectLatest(obs, constituents.plans, lowerBound(obs.time, at, false), at, staleness);
  }
  draft.exclusions.push(...selection.exclusions);
  constituents.list.forEach((s, k) => {
    const missing = selection.missingParts[k];
    if (missing != null && missing.length > 0)
      draft.exclusions.push({ source: s.name, reason: "no-data", detail: `no ${missing.join(", ")} price at or before the fixing time` });
  });
  return { ok: true, value: { index, obs, date, at, constituents, window, windowStart, windowEnd, pieces, sampling, hold, selection } };
}
