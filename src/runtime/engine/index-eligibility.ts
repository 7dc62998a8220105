/**
 * The third stage of an index computation: which constituents are used. In the methodology's order, a source is
 * left out when it has no data, when its fixed weight in force is 0 (monitored), when it has fewer trades than the
 * minimum per source, when its trades name fewer counterparties than the minimum, when its last observation is
 * stale, and when its value deviates from the median of the others (decided once for every source at the same time). Each exclusion is added to the certificate draft with its reason.
 */
import { Ratio } from "../numbers/ratio.js";
import { valueOn } from "../versions.js";
import { ratioOf } from "./aggregation.js";
import { durationMicros, type Fixing } from "./index-fixing.js";
import type { CertificateDraft } from "./index-types.js";
import { isoMicros } from "./selection.js";

/** A source without rows. */
export function excludeNoData(f: Fixing, eligible: boolean[], draft: CertificateDraft): void {
  f.constituents.list.forEach((s, k) => {
    if (f.selection.rows[k]!.length === 0) {
      eligible[k] = false;
      draft.exclusions.push({
        source: s.name,
        reason: "no-data",
        detail: f.window !== undefined ? "no observations in the window" : "no observation at or before the fixing time",
      });
    }
  });
}

/** A source whose fixed weight in force is 0 is kept for monitoring: observed and reported, never used. */
export function excludeMonitored(f: Fixing, eligible: boolean[], draft: CertificateDraft): void {
  f.constituents.list.forEach((s, k) => {
    const weight = valueOn(s.weight, f.date);
    if (eligible[k] && weight !== undefined && ratioOf(weight).sign() === 0) {
      eligible[k] = false;
      draft.exclusions.push({ source: s.name, reason: "monitored", detail: "weight 0: observed for monitoring, not used" });
    }
  });
}

/** Minimum trades per source (when not per interval). */
export function excludeTooFewTrades(f: Fixing, eligible: boolean[], draft: CertificateDraft): void {
  const minimum = valueOn(f.index.minimumTrades, f.date);
  if (minimum === undefined || minimum.perInterval) return;
  f.constituents.list.forEach((s, k) => {
    const n = f.selection.rows[k]!.length;
    if (eligible[k] && n < minimum.count) {
      eligible[k] = false;
      draft.exclusions.push({
        source: s.name,
        reason: "too-few-trades",
        detail: `${n} trade(s), fewer than the minimum of ${minimum.count}`,
      });
    }
  });
}

/**
 * `minimum counterparties N`: a source whose qualifying trades name fewer than N distinct counterparties (the
 * record's `counterparty`; a trade naming none adds none) is excluded, as a liquidity criterion ("number of
 * counterparties"). The column is there: the fixing fails before without it (index-fixing.ts).
 */
export function excludeTooFewCounterparties(f: Fixing, eligible: boolean[], draft: CertificateDraft): void {
  const minimum = valueOn(f.index.minimumCounterparties ?? [], f.date);
  const column = f.obs.record?.counterparty;
  if (minimum === undefined || column === undefined) return;
  f.constituents.list.forEach((s, k) => {
    if (!eligible[k]) return;
    const names = new Set<string>();
    for (const r of f.selection.rows[k]!) {
      const c = column[r];
      if (c != null) names.add(c);
    }
    if (names.size >= minimum) return;
    eligible[k] = false;
    const listed = [...names].sort();
    draft.exclusions.push({
      source: s.name,
      reason: "too-few-counterparties",
      detail: `${names.size} counterpart${names.size === 1 ? "y" : "ies"}${listed.length === 0 ? "" : ` (${listed.slice(0, 5).join(", ")}${listed.length > 5 ? `, and ${listed.length - 5} more` : ""})`}, fewer than the minimum of ${minimum}`,
    });
  });
}

/** A source whose last observation is older than the staleness limit at the fixing instant. */
export function excludeStale(f: Fixing, eligible: boolean[], draft: CertificateDraft): void {
  const stale = valueOn(f.index.excludeStale, f.date);
  if (stale === undefined) return;
  const limit = durationMicros(stale);
  if (limit === undefined) {
    draft.notes.push("staleness in business days is not applied to intraday data");
    return;
  }
  const lastTime = f.selection.lastTime;
  f.constituents.list.forEach((s, k) => {
    if (eligible[k] && f.at - lastTime[k]! > limit) {
      eligible[k] = false;
      draft.exclusions.push({
        source: s.name,
        reason: "stale",
        detail: `last observation ${isoMicros(lastTime[k]!)} is more than ${stale.amount} ${stale.unit} before the fixing time`,
      });
    }
  });
}

/**
 * The positions among `candidates` whose value deviates from the median of the other candidates' values by more
 * than `percent` per cent of that median (a zero median excludes no one), all decided on the same values.
 */
export function deviatingSources(values: readonly (Ratio | null)[], candidates: readonly number[], percent: string): number[] {
  const limit = ratioOf(percent).div(Ratio.of(100n));
  const drop: number[] = [];
  for (const k of candidates) {
    const others = candidates.filter((j) => j !== k).map((j) => values[j]!);
    if (others.length === 0) continue;
    const sorted = others.sort((a, b) => a.cmp(b));
    const n = sorted.length;
    const med = n % 2 === 1 ? sorted[(n - 1) / 2]! : sorted[n / 2 - 1]!.add(sorted[n / 2]!).div(Ratio.of(2n));
    if (med.sign() === 0) continue;
    const dev = values[k]!.sub(med).abs().div(med.abs());
    if (dev.cmp(limit) > 0) drop.push(k);
  }
  return drop;
}

/** Deviation from the median of the others, applied once to every eligible source with a value simultaneously. */
export function excludeDeviating(f: Fixing, values: readonly (Ratio | null)[], eligible: boolean[], draft: CertificateDraft): void {
  const deviation = valueOn(f.index.excludeDeviation, f.date);
  if (deviation === undefined) return;
  const candidates = f.constituents.list.map((_, k) => k).filter((k) => eligible[k] && values[k] !== null);
  for (const k of deviatingSources(values, candidates, deviation.percent)) {
    eligible[k] = false;
    draft.exclusions.push({
      source: f.constituents.list[k]!.name,
      reason: "deviation",
      detail: `value ${values[k]!.toString()} deviates more than ${deviation.percent}% from the median of the others`,
    });
  }
}

/**
 * Every exclusion in the methodology's order; then each constituent as the certificate lists it. Returns the
 * positions of the sources used, ascending.
 */
export function eligibleSources(f: Fixing, values: readonly (Ratio | null)[], draft: CertificateDraft): number[] {
  const eligible = new Array<boolean>(f.constituents.list.length).fill(true);
  excludeNoData(f, eligible, draft);
  excludeMonitored(f, eligible, draft);
  excludeTooFewTrades(f, eligible, draft);
  excludeTooFewCounterparties(f, eligible, draft);
  excludeStale(f, eligible, draft);
  excludeDeviating(f, values, eligible, draft);
  const { plans } = f.constituents;
  const { chosen, rows } = f.selection;
  f.constituents.list.forEach((s, k) =>
    draft.sources.push({
      name: s.name,
      model: plans[k]!.list?.kind === "model" ? chosen[k]! : null,
      instrument: plans[k]!.list?.kind === "instrument" ? chosen[k]! : null,
      observations: rows[k]!.length,
      value: values[k]?.toString() ?? null,
      used: eligible[k]!,
    }),
  );
  return f.constituents.list.map((_, k) => k).filter((k) => eligible[k]);
}
