/**
 * Trade qualification (issue 15), part of the first stage of an index computation: after each source's rows are
 * selected, the trades the methodology does not qualify are left out of every later stage (values, exclusions,
 * intervals, samples), and the certificate says per source how many were left out and why. In order: the rules on
 * named fields of the record, each in the order written (`exclude trades flagged "affiliate"`: the record's `flags`
 * hold the word; `exclude trades of type "spread-leg"`: its `type` is the word; `exclude trades reversed within 5
 * minutes`: its `reversed_at` is at most that long after its time; `exclude trades on the buy side`: its `side` is
 * `buy`; `exclude trades with counterparty "MM-01"`: its `counterparty` is that id; a trade whose record states no side
 * or no counterparty is not left out by these), a rule whose column the observations lack failing the fixing (never
 * a rule silently not applied); then a trade with a volume below `exclude trades with volume below N`; then a trade
 * whose price deviates by more than X% from the source's previous qualifying trade in its rows (`exclude trades deviating more than X% from the previous trade`,
 * |p − q| > X% × |q|; a source's first qualifying trade has nothing to deviate from). Exact: integer coefficients
 * compared as bigints. A source's staleness is still judged on all its observations (its feed is live).
 */
import type { Observations } from "../market-data/index.js";
import { hasFlag, type RecordField } from "../market-data/record.js";
import { pow10 } from "../numbers/integers.js";
import type { Index, TradeFilter } from "../spec.js";
import { inForce, valueOn } from "../versions.js";
import { durationMicros } from "./durations.js";
import { ratioOf } from "./aggregation.js";
import type { Exclusion } from "./index-types.js";
import type { RowList } from "./selection.js";

/** The qualification rules in force on a date (either may be absent). */
export interface TradeRules {
  /** Volume coefficients below `num / den` at the observations' volume scale do not qualify. */
  readonly minVolume: { readonly num: bigint; readonly den: bigint; readonly text: string } | undefined;
  /** A deviation above `num / den` (a fraction, not a percentage) from the previous qualifying price does not qualify. */
  readonly maxJump: { readonly num: bigint; readonly den: bigint; readonly text: string } | undefined;
  /** The rules on named fields of the record in force, in the order written. */
  readonly where: readonly TradeFilter[];
}

/** The record column a rule on a named field reads. */
export function filterField(f: TradeFilter): RecordField {
  switch (f.kind) {
    case "flagged":
      return "flags";
    case "type":
      return "type";
    case "reversed-within":
      return "reversed_at";
    case "side":
      return "side";
    case "counterparty":
      return "counterparty";
  }
}

/** The record columns an index's rules read on any date (the reader keeps these and no other; market-data/record.ts). */
export function recordFieldsOf(index: Index): RecordField[] {
  const fields = new Set((index.excludeTradesWhere ?? []).map((c) => filterField(c.value)));
  if ((index.minimumCounterparties ?? []).length > 0) fields.add("counterparty");
  return [...fields].sort();
}

/** A rule in the methodology's words, for the certificate. */
export function filterWords(f: TradeFilter): string {
  switch (f.kind) {
    case "flagged":
      return `flagged ${JSON.stringify(f.flag)}`;
    case "type":
      return `of type ${JSON.stringify(f.type)}`;
    case "reversed-within":
      return `reversed within ${f.within.amount} ${f.within.unit}`;
    case "side":
      return `on the ${f.side} side`;
    case "counterparty":
      return `with counterparty ${JSON.stringify(f.counterparty)}`;
  }
}

/** The rules of an index in force on a date, or undefined when it states none. */
export function tradeRulesOn(index: Index, date: string): TradeRules | undefined {
  const below = valueOn(index.excludeTradesBelow ?? [], date);
  const jump = valueOn(index.excludeTradeJumps ?? [], date);
  const where = (index.excludeTradesWhere ?? []).filter((c) => inForce(c, date)).map((c) => c.value);
  if (below === undefined && jump === undefined && where.length === 0) return undefined;
  const v = below === undefined ? undefined : ratioOf(below.volume);
  const j = jump === undefined ? undefined : ratioOf(jump.percent).div(ratioOf("100"));
  return {
    minVolume: v === undefined ? undefined : { num: v.num, den: v.den, text: below!.volume },
    maxJump: j === undefined ? undefined : { num: j.num, den: j.den, text: jump!.percent },
    where,
  };
}

/**
 * The qualifying rows of each source (in their order) and one exclusion per source and rule that left any out.
 * `names[k]` is the name of constituent k, `rows[k]` its selected rows in time order.
 */
export function qualifyTrades(
  obs: Observations,
  rules: TradeRules,
  names: readonly string[],
  rows: readonly RowList[],
): { readonly ok: true; readonly rows: number[][]; readonly exclusions: Exclusion[] } | { readonly ok: false; readonly message: string } {
  for (const f of rules.where)
    if (obs.record?.[filterField(f)] === undefined)
      return {
        ok: false,
        message: `the observations have no ${filterField(f)} column, which the rule \`exclude trades ${filterWords(f)}\` reads (market-data record columns: a CSV header naming it, or an NDJSON key)`,
      };
  const exclusions: Exclusion[] = [];
  const scale = pow10(obs.volumeScale);
  const kept = rows.map((all, k) => {
    let out = [...all];
    for (const f of rules.where) {
      const before = out.length;
      out = out.filter((r) => !matches(obs, f, r));
      if (out.length < before)
        exclusions.push({
          source: names[k]!,
          reason: "trade-record",
          trades: before - out.length,
          detail: `${before - out.length} trade(s) ${filterWords(f)}${tradeIds(obs, all, f)}`,
        });
    }
    const min = rules.minVolume;
    if (min !== undefined) {
      // volume / 10^scale < num / den  ⇔  volume × den < num × 10^scale
      const bound = min.num * scale;
      const before = out.length;
      out = out.filter((r) => BigInt(obs.volume[r]!) * min.den >= bound);
      if (out.length < before)
        exclusions.push({
          source: names[k]!,
          reason: "trade-volume",
          trades: before - out.length,
          detail: `${before - out.length} trade(s) with a volume below ${min.text}`,
        });
    }
    const jump = rules.maxJump;
    if (jump !== undefined && out.length > 1) {
      const before = out.length;
      const qualified: number[] = [out[0]!];
      let previous = BigInt(obs.price[out[0]!]!);
      for (let i = 1; i < out.length; i++) {
        const p = BigInt(obs.price[out[i]!]!);
        const change = p > previous ? p - previous : previous - p;
        const base = previous < 0n ? -previous : previous;
        // |p − q| / |q| > num / den  ⇔  |p − q| × den > num × |q|
        if (change * jump.den > jump.num * base) continue;
        qualified.push(out[i]!);
        previous = p;
      }
      out = qualified;
      if (out.length < before)
        exclusions.push({
          source: names[k]!,
          reason: "trade-jump",
          trades: before - out.length,
          detail: `${before - out.length} trade(s) priced more than ${jump.text}% from the source's previous qualifying trade`,
        });
    }
    return out;
  });
  return { ok: true, rows: kept, exclusions };
}

/** Whether row r is a trade the rule names (its column is present: checked before). */
function matches(obs: Observations, f: TradeFilter, r: number): boolean {
  const rec = obs.record!;
  if (f.kind === "flagged") return hasFlag(rec.flags![r], f.flag);
  if (f.kind === "type") return rec.type![r] === f.type;
  if (f.kind === "side") return rec.side![r] === f.side;
  if (f.kind === "counterparty") return rec.counterparty![r] === f.counterparty;
  const reversed = rec.reversed_at![r]!;
  // NaN (not reversed) compares false.
  return reversed - obs.time[r]! <= (durationMicros(f.within) ?? -1);
}

/** The trade ids of the rows a rule leaves out, when the record has them (at most five named). */
function tradeIds(obs: Observations, rows: RowList, f: TradeFilter): string {
  const ids = obs.record?.trade_id;
  if (ids === undefined) return "";
  const out = Array.from(rows)
    .filter((r) => matches(obs, f, r))
    .map((r) => ids[r] ?? "?");
  return ` (trade ${out.slice(0, 5).join(", ")}${out.length > 5 ? `, and ${out.length - 5} more` : ""})`;
}
