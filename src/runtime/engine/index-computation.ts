/**
 * Index computation exactly as a compiled index declares it. The runtime defines its own structural input types
 * ({@link Index} and friends; the compiled model's `Index` is assignable to them, checked by a type
 * test) so it imports nothing from the compiler. For a fixing date it takes the rules in force, then, one stage a
 * file, each callable on its own:
 * 1. `index-fixing.ts` selects the observations (trades inside the window with its inclusive or exclusive bounds,
 *    or each source's latest value at the fixing time, several at the same instant averaged whatever their order),
 *    keeping each source's instrument of highest priority that traded;
 * 2. `index-prices.ts` normalises prices by each source's unit (source scale ÷ index scale, exact) and values each
 *    source from its own rows;
 * 3. `index-eligibility.ts` excludes sources without data, monitored, with too few trades, stale, or deviating from
 *    the median of the others; then the minimum number of sources is checked;
 * 4. `index-aggregate.ts` aggregates (pooled trades per partition then partitions; with `aggregate sources` beside a
 *    partition, per interval each source's trades then the sources, then the intervals (`per-interval.ts`); sampled
 *    (`sampling.ts`); or source values with the degradation rule for the number of sources);
 * 5. `index-publication.ts` applies the extreme-move rule and rounds once;
 * 6. the index-level contingencies (`index-contingencies.ts`): the flag of a value fixed with an interval left out,
 *    and, when no value can be fixed, the last published value carried forward with its flag.
 * Intermediate values are exact {@link Ratio}s. The result carries a certificate: the inputs used, every exclusion
 * with its reason, partition values, the methods chosen and the methodology version.
 */
import type { Observations } from "../market-data/index.js";
import type { Ratio } from "../numbers/ratio.js";
import type { Index } from "../spec.js";
import { valueOn } from "../versions.js";
import { aggregateIndex } from "./index-aggregate.js";
import { eligibleSources } from "./index-eligibility.js";
import { resolveFixing } from "./index-fixing.js";
import { pricesOf, sourceValues } from "./index-prices.js";
import { carriedForward, emptyIntervalsFlag } from "./index-contingencies.js";
import { extremeMove, roundIndex, roundingText } from "./index-publication.js";
import {
  type CertificateDraft,
  type IndexCertificate,
  type IndexFailure,
  type IndexRequest,
  type IndexResult,
  newDraft,
} from "./index-types.js";

export type { Exclusion, IndexCertificate, IndexFailureKind, IndexRequest, IndexResult, PartitionValue, TickTable } from "./index-types.js";
export { durationMicros, lowerBound } from "./index-fixing.js";
export { singleTick, tickAt } from "./index-publication.js";

/** Computes an index value from observations for a fixing date, exactly as the methodology in force declares. */
export function computeIndex(index: Index, obs: Observations, request: IndexRequest): IndexResult {
  const date = request.date;
  const draft = newDraft();
  const version = valueOn(index.methodology, date)?.version ?? null;
  const rounding = valueOn(index.rounding, date);
  const cert = (status: IndexCertificate["status"], unrounded: Ratio | null): IndexCertificate =>
    certificateOf(draft, { index: index.name, date, version, rounding: roundingText(rounding), status, unrounded });
  const fail = (failure: IndexFailure, unrounded: Ratio | null = null): IndexResult => {
    const carried = carriedForward(index, request, failure, draft);
    if (carried !== undefined)
      return { ok: true, value: carried, status: "flagged", flags: draft.flags, certificate: cert("flagged", null) };
    return { ok: false, failure, certificate: cert("failed", unrounded) };
  };

  const fixing = resolveFixing(index, obs, request, draft);
  if (!fixing.ok) return fail(fixing.failure);
  const f = fixing.value;
  const prices = pricesOf(f);
  const values = sourceValues(f, prices);
  const used = eligibleSources(f, values, draft);
  const minimum = valueOn(index.minimumSources, date);
  if (minimum !== undefined && used.length < minimum)
    return fail({ kind: "insufficient-sources", message: `${used.length} eligible source(s), fewer than the minimum of ${minimum}` });
  if (used.length === 0) return fail({ kind: "no-data", message: "no eligible source" });

  const aggregated = aggregateIndex(f, { prices, values, used, minimum }, draft);
  if (!aggregated.ok) return fail(aggregated.failure);
  const unrounded = aggregated.value;
  const moved = extremeMove(index, date, unrounded, request.previous);
  if (moved.note !== undefined) draft.notes.push(moved.note);
  const status = emptyIntervalsFlag(index, date, fewSources(index, date, used.length, moved.status, draft), draft);
  const value = roundIndex(rounding, unrounded, request);
  if (!value.ok) return fail(value.failure, unrounded);
  return { ok: true, value: value.value, status, flags: draft.flags, certificate: cert(status, unrounded) };
}

/**
 * `flagged below N sources`: a value fixed from fewer eligible sources is published flagged, with a note (a value
 * held for review stays held).
 */
function fewSources(
  index: Index,
  date: string,
  used: number,
  status: "published" | "flagged" | "held",
  draft: CertificateDraft,
): "published" | "flagged" | "held" {
  const below = valueOn(index.flagBelowSources ?? [], date);
  if (below === undefined || used >= below) return status;
  draft.notes.push(`flagged: ${used} eligible source(s), fewer than ${below}`);
  return status === "held" ? "held" : "flagged";
}

/** The certificate of a draft, with what the computation knew from the start. */
function certificateOf(
  draft: CertificateDraft,
  c: {
    readonly index: string;
    readonly date: string;
    readonly version: string | null;
    readonly rounding: string;
    readonly status: IndexCertificate["status"];
    readonly unrounded: Ratio | null;
  },
): IndexCertificate {
  return {
    index: c.index,
    date: c.date,
    fixingTime: draft.fixingTime,
    methodologyVersion: c.version,
    window: draft.window,
    sources: draft.sources,
    exclusions: draft.exclusions,
    partitions: draft.partitions,
    method: draft.method,
    unrounded: c.unrounded === null ? null : c.unrounded.toString(),
    rounding: c.rounding,
    status: c.status,
    ...(draft.flags.length === 0 ? {} : { flags: draft.flags }),
    notes: draft.notes,
    ...(draft.cappedMedian === undefined ? {} : { cappedMedian: draft.cappedMedian }),
    ...(draft.samples === undefined ? {} : { samples: draft.samples }),
  };
}
