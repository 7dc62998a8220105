/**
 * What an index methodology means on each fixing date, resolved for the SQL backend: the rules in force on the date
 * (through the runtime's own `valueOn`, `placeWindow`, `localToInstant` and unit factors, so the window and the
 * fixing instant are the runtime's), reduced to the few shapes the SQL compiler knows how to state exactly. A rule
 * the SQL cannot state with the runtime's exact meaning is an {@link Unsupported} naming the construct (E6170),
 * never an approximation. Pure: plain data in, plain data out.
 */
import { localToInstant, parseIsoDate, formatIsoDate } from "../../runtime/calendar/index.js";
import { durationMicros } from "../../runtime/engine/index-computation.js";
import { placeWindow } from "../../runtime/engine/windows.js";
import { priorityList } from "../../runtime/engine/selection.js";
import { ratioOf } from "../../runtime/engine/aggregation.js";
import { gcd } from "../../runtime/numbers/integers.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { AggregationMethod, Index, RoundingMode } from "../../runtime/spec.js";
import { inForce, valueOn, valuesOn } from "../../runtime/versions.js";

/** A methodology construct that a dialect cannot state with the runtime's exact meaning (E6170). */
export interface Unsupported {
  readonly code: "E6170";
  /** The construct, as the methodology writes it (`aggregate sources by capped-median`). */
  readonly construct: string;
  readonly message: string;
}

/** A trade aggregation the SQL states exactly. `half` methods give twice their value as an integer (a median). */
export type TradeMethod =
  | { readonly kind: "vwap" }
  | { readonly kind: "mean" }
  | { readonly kind: "median" }
  | { readonly kind: "vwm"; readonly straddle: boolean };

/** One constituent source in force: its position, name, priority list, integer unit factor and weight 0. */
export interface PlanSource {
  readonly k: number;
  readonly name: string;
  readonly list: { readonly kind: "model" | "instrument"; readonly names: readonly string[] } | null;
  readonly factor: bigint;
  readonly monitored: boolean;
}

/** The methodology in force on a date, in the shape the SQL states (dates with equal plans share one query). */
export interface Plan {
  readonly sources: readonly PlanSource[];
  /** The common denominator of the unit factors: a normalised value is Σ(price coefficient × factor) / (10^ps × lcm). */
  readonly lcm: bigint;
  readonly fromInclusive: boolean;
  readonly toInclusive: boolean;
  readonly trades: TradeMethod;
  readonly partition: {
    readonly count: number;
    readonly length: number;
    readonly intervals: "mean" | "median";
    readonly skip: boolean;
    readonly needed: number;
  } | null;
  readonly minTradesPerSource: number | null;
  readonly staleMicros: number | null;
  /** Deviation limit as an integer fraction num/den of 1 (10% is 1/10). */
  readonly deviation: { readonly num: bigint; readonly den: bigint } | null;
  readonly minimumSources: number | null;
  readonly rounding: { readonly coefficient: bigint; readonly scale: number; readonly mode: RoundingMode };
}

/** A fixing date with its instants (epoch microseconds) and the failure the runtime reports before any data, if any. */
export interface PlanDay {
  readonly date: string;
  readonly at: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  /** A failure known from the spec and the date alone, reported before the sources (`time`: no window on the date). */
  readonly before: { readonly kind: string; readonly message: string } | null;
  /** A failure known from the spec and the date alone, reported after the sources (a partition across a clock change). */
  readonly afterSources: { readonly kind: string; readonly message: string } | null;
}

const unsupported = (construct: string, why: string): Unsupported => ({
  code: "E6170",
  construct,
  message: `\`${construct}\` cannot be compiled to SQL with the runtime's exact meaning: ${why}`,
});

function tradeMethod(m: AggregationMethod): TradeMethod | Unsupported {
  switch (m.name) {
    case "vwap":
      return { kind: "vwap" };
    case "mean":
      return { kind: "mean" };
    case "median":
      return { kind: "median" };
    case "volume-weighted-median":
      return { kind: "vwm", straddle: (m.exactHalf ?? "first-reaching-half") === "mean-of-straddling" };
    case "weighted-mean":
      if ((m.weightedBy ?? "volume") === "volume") return { kind: "vwap" };
      return unsupported(`aggregate trades by weighted-mean, weighted by ${m.weightedBy}`, "only volume weights are stated in SQL");
    case "vtwap":
      return unsupported(
        "aggregate trades by vtwap",
        "each trade's weight is its volume times the time until the next trade, which the SQL backend does not state",
      );
    default:
      return unsupported(`aggregate trades by ${m.name}`, "the SQL backend states vwap, mean, median and volume-weighted-median of trades");
  }
}

/** The plan of an index on a date, or the first construct in force that SQL cannot state. */
/** `minimum counterparties` and lists `chosen per day` (issue 15), which the SQL backend does not state. */
function counterpartiesOrPerDay(
  index: Index,
  constituents: readonly Index["sources"][number]["value"][],
  date: string,
): Unsupported | undefined {
  if (valueOn(index.minimumCounterparties ?? [], date) !== undefined)
    return unsupported(
      "minimum counterparties …",
      "the counterparties are read from a record column the SQL backend's observations table does not have",
    );
  if (constituents.some((s) => valueOn(s.priorityPerDay ?? [], date) !== undefined))
    return unsupported(
      "models … chosen per day",
      "the priority is decided on each day of the window in the window's time zone, which the SQL backend does not state",
    );
  return undefined;
}

export function planOn(index: Index, date: string): Plan | Unsupported {
  const window = valueOn(index.window, date);
  if (window === undefined)
    return unsupported(
      "sources observed at the fixing time (no window)",
      "the latest value of each source is a mean of the observations at one instant, whose exact order the SQL backend does not state yet",
    );
  if (window.also !== undefined)
    return unsupported(
      "window from … and from …",
      "a window of several pieces selects the rows of each piece and partitions each piece on its own; the SQL backend states one window",
    );
  if (valueOn(index.excludeTradesBelow ?? [], date) !== undefined)
    return unsupported(
      "exclude trades with volume below …",
      "trade qualification is applied by the runtime; the SQL backend does not state it yet",
    );
  if (valueOn(index.excludeTradeJumps ?? [], date) !== undefined)
    return unsupported(
      "exclude trades deviating more than … from the previous trade",
      "each trade is compared with its source's previous qualifying trade, a recursion the SQL backend does not state",
    );
  if ((index.excludeTradesWhere ?? []).some((c) => inForce(c, date)))
    return unsupported(
      "exclude trades flagged …, of type …, reversed within …, on the … side or with counterparty …",
      "the rules on named fields of the record read columns the SQL backend's observations table does not have",
    );
  const constituents = valuesOn(index.sources, date);
  const perDay = counterpartiesOrPerDay(index, constituents, date);
  if (perDay !== undefined) return perDay;
  if (constituents.some((s) => valueOn(s.blend, date) !== undefined))
    return unsupported("blend", "token-mix blends need a fixing-time selection");
  if (valueOn(index.aggregateSources, date) !== undefined)
    return unsupported(
      "aggregate sources by " + valueOn(index.aggregateSources, date)!.name,
      "source values inside a trade window are ratios of different denominators; their exact sort and mean are not stated in SQL",
    );
  if (valuesOn(index.degradation, date).length > 0) return unsupported("with N sources use …", "degradation rules aggregate source values");
  const tm = valueOn(index.aggregateTrades, date);
  if (tm === undefined) return unsupported("no trade aggregation", "the index states no trade aggregation");
  const trades = tradeMethod(tm);
  if ("code" in trades) return trades;
  const indexUnit = valueOn(index.quoted, date);
  if (indexUnit === undefined) return unsupported("no quote unit", "the index states no quote unit on the date");
  const indexScale = ratioOf(indexUnit.scale);
  const factors = constituents.map((s) => ratioOf((valueOn(s.quoted, date) ?? indexUnit).scale).div(indexScale));
  let lcm = 1n;
  for (const f of factors) lcm = (lcm * f.den) / gcd(lcm, f.den);
  const sources: PlanSource[] = [];
  for (let k = 0; k < constituents.length; k++) {
    const s = constituents[k]!;
    const models = valueOn(s.models ?? [], date);
    const instruments = valueOn(s.instruments, date);
    if (models !== undefined && instruments !== undefined)
      return unsupported(`source ${s.name} lists both models and instruments`, "an observation names one of them");
    const weight = valueOn(s.weight, date);
    sources.push({
      k,
      name: s.name,
      list: priorityList(models, instruments),
      factor: (factors[k]!.num * lcm) / factors[k]!.den,
      monitored: weight !== undefined && ratioOf(weight).sign() === 0,
    });
  }
  const part = valueOn(index.partition, date);
  const minTrades = valueOn(index.minimumTrades, date);
  let partition: Plan["partition"] = null;
  if (part !== undefined) {
    const length = durationMicros(part.length);
    if (length === undefined)
      return unsupported("partition in business days", "a partition length in business days is meaningless inside a window");
    const im = valueOn(index.aggregateIntervals, date);
    if (im === undefined) return unsupported("no interval aggregation", "the index states no interval aggregation");
    if (im.name !== "mean" && im.name !== "median")
      return unsupported(`aggregate intervals by ${im.name}`, "the SQL backend states mean and median of intervals");
    if (trades.kind === "vwap" || trades.kind === "mean")
      return unsupported(
        `aggregate trades by ${tm.name} per interval, then aggregate intervals by ${im.name}`,
        "interval values would be ratios of different denominators, whose exact sum the SQL backend does not state",
      );
    partition = {
      count: part.count,
      length,
      intervals: im.name,
      skip: (valueOn(index.emptyIntervals, date) ?? "fail") === "skip",
      needed: minTrades !== undefined && minTrades.perInterval ? minTrades.count : 1,
    };
  }
  const deviation = valueOn(index.excludeDeviation, date);
  if (deviation !== undefined && (trades.kind === "vwap" || trades.kind === "mean"))
    return unsupported(
      `exclude sources deviating more than ${deviation.percent}% (over ${tm.name} source values)`,
      "the median of ratios of different denominators is not stated in SQL",
    );
  const stale = valueOn(index.excludeStale, date);
  if (stale !== undefined && stale.unit === "business-days")
    return unsupported("exclude sources stale for business days", "not applied to intraday data");
  const rounding = valueOn(index.rounding, date);
  if (rounding === undefined || rounding.kind !== "increment")
    return unsupported(
      rounding === undefined ? "no rounding" : rounding.kind === "tick" ? "round to the tick" : "unrounded",
      "the SQL backend rounds to a stated increment",
    );
  if (rounding.mode === "half-toward-reference") return unsupported("round … half-toward-reference", "needs the previous value");
  const inc = Decimal.of(rounding.increment);
  const dev = deviation === undefined ? null : ratioOf(deviation.percent).div(ratioOf("100"));
  return {
    sources,
    lcm,
    fromInclusive: window.fromBound === "inclusive",
    toInclusive: window.toBound === "inclusive",
    trades,
    partition,
    minTradesPerSource: minTrades !== undefined && !minTrades.perInterval ? minTrades.count : null,
    staleMicros: stale === undefined ? null : durationMicros(stale)!,
    deviation: dev === null ? null : { num: dev.num, den: dev.den },
    minimumSources: valueOn(index.minimumSources, date) ?? null,
    rounding: { coefficient: inc.coefficient, scale: inc.scale, mode: rounding.mode },
  };
}

/** The instants of a fixing date and the failures the spec and the date alone decide, as the runtime decides them. */
export function dayOf(index: Index, date: string): PlanDay | { readonly error: string } {
  const day = parseIsoDate(date);
  if (day === undefined) return { error: `invalid date ${date}` };
  const publication = valueOn(index.publication, date);
  if (publication === undefined) return { error: `${index.name} states no publication time on ${date}` };
  const r = localToInstant(day, publication.at.time, publication.at.zone);
  if (!r.ok) return { error: `fixing time ${publication.at.time} ${publication.at.zone}: ${r.error.kind}` };
  const at = r.value * 1000;
  const window = valueOn(index.window, date);
  if (window === undefined) return { date, at, windowStart: 0, windowEnd: 0, before: null, afterSources: null };
  const placed = placeWindow(day, window);
  if (!placed.ok) return { date, at, windowStart: 0, windowEnd: 0, before: { kind: "time", message: placed.reason }, afterSources: null };
  const windowStart = placed.start * 1000,
    windowEnd = placed.end * 1000;
  const before = windowEnd > at ? { kind: "time", message: "the window closes after the fixing instant" } : null;
  const part = valueOn(index.partition, date);
  const len = part === undefined ? undefined : durationMicros(part.length);
  const afterSources =
    part !== undefined && len !== undefined && part.count * len !== windowEnd - windowStart
      ? { kind: "time", message: `the window is not ${part.count} intervals long on ${date} (a clock change)` }
      : null;
  return { date, at, windowStart, windowEnd, before, afterSources };
}

/** The dates from `from` to `to` inclusive (YYYY-MM-DD), or undefined when either is not a date or to < from. */
export function datesBetween(from: string, to: string): string[] | undefined {
  const a = parseIsoDate(from),
    b = parseIsoDate(to);
  if (a === undefined || b === undefined || b < a) return undefined;
  const out: string[] = [];
  for (let d = a; d <= b; d++) out.push(formatIsoDate(d));
  return out;
}
