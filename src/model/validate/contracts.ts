/** A contract's invariants, field group by field group, as the checker's contract checks state them. */
import { sameUnit, type Unit as BaseUnit } from "../../base/units.js";
import { formatIsoDate } from "../../runtime/calendar/index.js";
import type { Clause, Quantity, Rounding } from "../common.js";
import type { Contract, Fallback } from "../contracts.js";
import {
  EXPIRY_HORIZON,
  PERCENT_RANGES,
  contractUnitGivesMoney,
  expiryProblems,
  TRIGGER_PROBLEMS,
  triggerProblem,
  governingVersions,
  fixingTickIndexNotSettled,
  selfSelectionGap,
  FUTURES_SETTLEMENT_MESSAGES,
  FUTURE_VWAP_MESSAGES,
  fallbackNeverApplies,
  futureVwapProblem,
  aggregationProblems,
  aggregationUnitProblem,
  AGGREGATION_UNIT_MESSAGE,
  AGGREGATION_MESSAGES,
  futuresSettlementProblem,
  isOneSided,
  paymentWithoutFinalSettlement,
  licensedIndexNotSettled,
  disclaimerWithoutLicence,
  versionSelectionAlways,
  listingProblems,
  isPositiveAmount,
  overlappingVersions,
  percentRangeText,
  priceLimitProblems,
  quoteUnitChange,
  roundingProblems,
  secondsOfDay,
  settlingIndices,
  strikeOffTick,
  strikeListingOffGrid,
  tickTierProblem,
  walkWaterfall,
  dealerPollProblem,
  windowLength,
  type SettlingRef,
} from "../invariants.js";
import { Doc, baseUnit, dec, sole, CONTRACT_VERSIONS } from "./doc.js";

/** Every invariant of a contract, field group by field group. */
export function contractProblems(doc: Doc, base: string, c: Contract): void {
  for (const f of CONTRACT_VERSIONS) if (f in c) doc.versions(base, f, (c as unknown as Record<string, Clause<unknown>[]>)[f]!);
  positionLimitsAndPayment(doc, base, c);
  requiredRules(doc, base, c);
  underlyings(doc, base, c);
  const price = contractPriceUnit(doc, base, c);
  tickAndLimitAmounts(doc, base, c, price);
  contractUnits(doc, base, c, price);
  finalSettlementValues(doc, base, c);
  dynamicPriceLimits(doc, base, c);
  optionAmounts(doc, base, c, price);
  roundings(doc, base, c);
  fallbacksAndLastTradingDays(doc, base, c);
}

/** Position limits (one per scope at a time, aggregation), cash rounding and payment. */
export function positionLimitsAndPayment(doc: Doc, base: string, c: Contract): void {
  const positions = new Map<string, Clause<unknown>[]>();
  c.positionLimits.forEach((p) => positions.set(p.value.scope, [...(positions.get(p.value.scope) ?? []), p]));
  for (const list of positions.values())
    for (const o of overlappingVersions(list))
      doc.problem(
        `${base}/positionLimits/${c.positionLimits.indexOf(list[o.later] as never)}/effective/${o.laterRange}`,
        "overlaps another position limit of the same scope",
      );

  c.positionLimits.forEach((l, i) => {
    const names = l.value.aggregatedWith ?? [];
    for (const [j, problem] of aggregationProblems(c.name, names, (n) => doc.contractNamed(n)?.kind))
      doc.problem(`${base}/positionLimits/${i}/value/aggregatedWith/${j}`, AGGREGATION_MESSAGES[problem]);
    names.forEach((n, j) => {
      const other = doc.contractNamed(n);
      if (other === undefined || n === c.name) return;
      if (aggregationUnitProblem(doc.baseQuantities(c, false), doc.baseQuantities(other, true)) !== undefined)
        doc.problem(`${base}/positionLimits/${i}/value/aggregatedWith/${j}`, AGGREGATION_UNIT_MESSAGE);
    });
  });

  c.cashRounding?.forEach((r, i) => {
    if (roundingProblems({ mode: r.value.mode, toTick: false }, { daily: false, hasTick: () => true }).includes("ties-without-prior"))
      doc.problem(`${base}/cashRounding/${i}/value/mode`, "ties toward the prior settlement exist only in daily settlement steps");
  });
  c.payment?.forEach((p, i) => {
    if (paymentWithoutFinalSettlement(p.value.after, c.finalSettlement.length))
      doc.problem(`${base}/payment/${i}/value/after`, "counts from the final settlement day, but the contract states no final settlement");
  });
}

/** Required rules and the defaults the compiler writes out; the listing cycle. */
export function requiredRules(doc: Doc, base: string, c: Contract): void {
  const kindName = c.kind;
  if (c.kind === "future") {
    for (const f of [
      "underlying",
      "contractUnit",
      "priceQuotation",
      "tick",
      "lastTradingDay",
      "termination",
      "finalSettlement",
      "negativePrices",
    ] as const)
      doc.required(base, f, c[f], kindName);
  } else if (c.kind === "option") {
    for (const f of ["underlying", "rights", "exercise", "strikes", "finalSettlement"] as const) doc.required(base, f, c[f], kindName);
    if (c.premiumTick.length === 0 && c.tick.length === 0)
      doc.problem(`${base}/premiumTick`, "is empty: an option must state a premium tick (or a tick)");
    if (c.expiry.length === 0 && c.lastTradingDay.length === 0)
      doc.problem(`${base}/expiry`, "is empty: an option must state its expiry (or a last trading day)");
  } else {
    if (c.legs.length < 2) doc.problem(`${base}/legs`, "a spread needs at least two legs");
    doc.required(base, "negativePrices", c.negativePrices, kindName);
    if (isOneSided(c.legs.map((l) => l.value.side)))
      doc.problem(`${base}/legs`, "every leg is on the same side: a spread is long one leg and short another");
  }
  c.listing.forEach((v, i) => {
    for (const p of listingProblems(v.value))
      doc.problem(
        `${base}/listing/${i}/value/${p.part}`,
        p.problem === "additional-first"
          ? "additional months follow those listed before them, and no part before lists any"
          : p.problem === "listing-time-misplaced"
            ? "a listing time is the one last part of a cycle, after the parts that list"
            : "a listing cycle in weeks names months",
      );
  });
}

/** Underlyings: a future stands on an index; an option on a future or an index; spreads' legs are futures. */
export function underlyings(doc: Doc, base: string, c: Contract): void {
  if (c.kind === "future")
    c.underlying.forEach(
      (u, i) => u.value.kind !== "index" && doc.problem(`${base}/underlying/${i}/value/kind`, "a future's underlying is an index"),
    );
  if (c.kind === "spread")
    c.legs.forEach((l, i) => {
      const t = doc.contractNamed(l.value.contract);
      if (t !== undefined && t.kind !== "future")
        doc.problem(`${base}/legs/${i}/value/contract`, `${l.value.contract} is a ${t.kind}, not a future`);
    });
  c.finalSettlement.forEach((f, i) => {
    const v = f.value.value;
    if (v.kind !== "underlying-final") return;
    const t = doc.contractNamed(v.contract);
    if (t !== undefined && t.kind !== "future")
      doc.problem(`${base}/finalSettlement/${i}/value/value/contract`, `${v.contract} is a ${t.kind}, not a future`);
  });
}

/** The price unit: one quote across versions, the underlying's (or the legs'). */
export function contractPriceUnit(doc: Doc, base: string, c: Contract): BaseUnit | undefined {
  const quotes = c.priceQuotation.map((q) => baseUnit(q.value));
  const change = quoteUnitChange(quotes, sameUnit);
  if (change !== undefined)
    doc.problem(`${base}/priceQuotation/${change}/value`, "differs from the first version: a contract has one price unit");
  const own = quotes[0];
  const underlyingUnit = c.kind === "spread" ? undefined : doc.priceUnit({ ...c, priceQuotation: [] } as Contract);
  if (own !== undefined && underlyingUnit !== undefined && !sameUnit(own, underlyingUnit))
    doc.problem(`${base}/priceQuotation/0/value`, "differs from the unit the underlying is quoted in");
  if (c.kind === "spread") {
    let first: BaseUnit | undefined;
    c.legs.forEach((l, i) => {
      const t = doc.contractNamed(l.value.contract);
      const u = t === undefined ? undefined : doc.priceUnit(t, 1);
      if (u === undefined) return;
      if (first === undefined) {
        first = u;
        if (own !== undefined && !sameUnit(own, u))
          doc.problem(`${base}/priceQuotation/0/value`, "differs from the unit the legs are quoted in");
      } else if (!sameUnit(u, first))
        doc.problem(`${base}/legs/${i}/value/contract`, `${l.value.contract} is quoted in another unit than the first leg`);
    });
  }
  const price = own ?? underlyingUnit ?? (c.kind === "spread" ? doc.priceUnit(c) : undefined);
  return price;
}

/** Price-like amounts: tick tiers and price limits. */
export function tickAndLimitAmounts(doc: Doc, base: string, c: Contract, price: BaseUnit | undefined): void {
  const tickFields = c.kind === "option" ? (["tick", "premiumTick"] as const) : (["tick", "spreadTick"] as const);
  for (const f of tickFields) {
    const versions = (
      c as unknown as Record<string, Clause<{ tick: Quantity; bound: { relation: "at-or-below" | "above"; price: string } | null }[]>[]>
    )[f]!;
    versions.forEach((v, i) => {
      const at = `${base}/${f}/${i}/value`;
      const valid = v.value.map((t, j) => doc.priceAmount(`${at}/${j}/tick`, t.tick, price, "a tick"));
      const p = tickTierProblem(
        v.value.map((t, j) => ({
          tick: valid[j] ? dec(t.tick.amount) : undefined,
          bound: t.bound === null ? undefined : { relation: t.bound.relation, price: dec(t.bound.price) },
        })),
      );
      if (p !== undefined) doc.problem(`${at}/${p.tier}/bound`, TIER_MESSAGES[p.kind]);
    });
  }
  const ticks = doc.outrightTicks(c);
  c.priceLimits.forEach((v, i) => {
    const at = `${base}/priceLimits/${i}/value`;
    const limits = v.value.map((l, j) =>
      l.kind === "percent"
        ? { kind: "percent" as const, value: dec(l.percent) }
        : doc.priceAmount(`${at}/${j}/amount`, l.amount, price, "a price limit")
          ? { kind: "amount" as const, value: dec(l.amount.amount) }
          : undefined,
    );
    for (const p of priceLimitProblems(limits, () => ticks)) {
      const where = `${at}/${p.limit}`;
      if (p.kind === "percent-out-of-range")
        doc.problem(`${where}/percent`, `a price limit must be ${percentRangeText(PERCENT_RANGES.priceLimit)}`);
      else if (p.kind === "amount-off-tick") doc.problem(`${where}/amount/amount`, "is not a whole number of ticks");
      else doc.problem(where, "price limits must ascend");
    }
  });
}

/** Contract units. */
export function contractUnits(doc: Doc, base: string, c: Contract, price: BaseUnit | undefined): void {
  c.contractUnit.forEach((v, i) => {
    const at = `${base}/contractUnit/${i}/value`;
    const cu = v.value;
    if (cu.kind === "contracts") {
      doc.positive(`${at}/amount`, cu.amount, "a contract unit");
      if (c.kind !== "option") {
        doc.problem(`${at}/kind`, "only an option's contract unit is a number of contracts of a future");
        return;
      }
      const u = sole(c.underlying);
      if (u !== undefined && u.name !== cu.contract)
        doc.problem(`${at}/contract`, `the contract unit is in ${cu.contract} contracts, but the underlying is ${u.name}`);
      const f = doc.contractNamed(cu.contract);
      if (f !== undefined && f.kind !== "future") doc.problem(`${at}/contract`, `${cu.contract} is a ${f.kind}, not a future`);
      const fcu = f === undefined ? undefined : sole(f.contractUnit);
      if (fcu?.kind === "quantity" && price !== undefined && !contractUnitGivesMoney(price, baseUnit(fcu.quantity.unit)))
        doc.problem(at, "a contract of the future priced in the price unit is not an amount of money");
      return;
    }
    if (!isPositiveAmount(dec(cu.quantity.amount))) {
      doc.problem(`${at}/quantity/amount`, `a contract unit must be positive, not ${cu.quantity.amount}`);
      return;
    }
    if (price !== undefined && !contractUnitGivesMoney(price, baseUnit(cu.quantity.unit)))
      doc.problem(`${at}/quantity/unit`, "the price unit times the contract unit is not an amount of money");
  });
}

/** Exercise into futures (only an option at a future's final settlement price); the VWAP of a future's trades (an option's, of its underlying future). */
export function finalSettlementValues(doc: Doc, base: string, c: Contract): void {
  c.finalSettlement.forEach((v, i) => {
    if (v.value.method !== "futures") return;
    const value = v.value.value;
    const problem = futuresSettlementProblem(c.kind, {
      kind: value.kind,
      targetKind: value.kind === "underlying-final" ? doc.contractNamed(value.contract)?.kind : undefined,
    });
    if (problem !== undefined) doc.problem(`${base}/finalSettlement/${i}/value/method`, FUTURES_SETTLEMENT_MESSAGES[problem]);
  });

  // The VWAP of a future's trades: an option's, of its underlying future.
  c.finalSettlement.forEach((v, i) => {
    const value = v.value.value;
    if (value.kind !== "future-vwap") return;
    const u = c.kind === "spread" ? undefined : sole(c.underlying);
    const problem = futureVwapProblem(c.kind, value.contract, u);
    if (problem !== undefined) doc.problem(`${base}/finalSettlement/${i}/value/value/contract`, FUTURE_VWAP_MESSAGES[problem]);
  });
}

/** Dynamic price limits: the variant a percentage in range, the window and the halt longer than zero. */
export function dynamicPriceLimits(doc: Doc, base: string, c: Contract): void {
  if (c.kind === "future")
    (c.dynamicPriceLimits ?? []).forEach((v, i) => {
      const at = `${base}/dynamicPriceLimits/${i}/value`;
      doc.percent(`${at}/percent`, v.value.percent, PERCENT_RANGES.priceLimit, "a dynamic price limit");
      for (const f of ["window", "halt"] as const)
        if (!dec(v.value[f].amount).isPositive()) doc.problem(`${at}/${f}/amount`, `the ${f} must be longer than zero`);
    });
}

/** Options: the strike grid on the tick, the automatic-exercise threshold, the strike listing. */
export function optionAmounts(doc: Doc, base: string, c: Contract, price: BaseUnit | undefined): void {
  if (c.kind === "option") {
    const u = sole(c.underlying);
    const source = u?.kind === "future" ? doc.contractNamed(u.name) : c;
    const strikeTicks = source === undefined ? undefined : doc.outrightTicks(source);
    c.strikes.forEach((v, i) => {
      const at = `${base}/strikes/${i}/value`;
      if (!doc.priceAmount(at, v.value, price, "the strike grid") || strikeTicks === undefined) return;
      if (strikeOffTick(dec(v.value.amount), strikeTicks) !== undefined)
        doc.problem(`${at}/amount`, "the strike grid is not a whole number of ticks");
    });
    c.automaticExercise.forEach((v, i) =>
      doc.priceAmount(`${base}/automaticExercise/${i}/value`, v.value, price, "the automatic-exercise threshold", true),
    );
    // The strike listing schedule: each tier on every strike grid, its percentages in range (E3290, E3006).
    (c.strikeListing ?? []).forEach((t, i) => {
      const at = `${base}/strikeListing/${i}/value`;
      if (!dec(t.value.interval).isPositive()) doc.problem(`${at}/interval`, "the strike listing interval must be positive");
      else if (c.strikes.some((g) => strikeListingOffGrid(dec(t.value.interval), dec(g.value.amount))))
        doc.problem(`${at}/interval`, "the strike listing interval is not a whole multiple of the strike grid");
      doc.percent(`${at}/below`, t.value.below, PERCENT_RANGES.strikeBelow, "the percentage below");
      doc.percent(`${at}/above`, t.value.above, PERCENT_RANGES.strikeAbove, "the percentage above");
    });
  }
}

/** Roundings: of the final settlement, percentage limits, legs and daily steps; daily windows that contain time. */
export function roundings(doc: Doc, base: string, c: Contract): void {
  const hasTick =
    c.kind === "future" ||
    c.tick.length > 0 ||
    (c.kind === "option" && c.premiumTick.length > 0) ||
    (c.kind === "spread" && (c.spreadTick.length > 0 || c.legs.some((l) => (doc.contractNamed(l.value.contract)?.tick.length ?? 0) > 0)));
  const rounding = (at: string, r: Rounding, daily: boolean, tick: boolean): void => {
    if (r.kind === "unrounded") return;
    const problems = roundingProblems({ mode: r.mode, toTick: r.kind === "tick" }, { daily, hasTick: () => tick });
    if (problems.includes("ties-without-prior"))
      doc.problem(`${at}/mode`, "half-toward-reference needs a prior settlement, which only daily settlement has");
    if (problems.includes("no-tick")) doc.problem(`${at}/kind`, "rounds to the tick, but the contract has no tick");
  };
  c.finalSettlement.forEach((v, i) => rounding(`${base}/finalSettlement/${i}/value/rounding`, v.value.rounding, false, hasTick));
  c.priceLimits.forEach((v, i) =>
    v.value.forEach((l, j) => {
      if (l.kind === "percent" && l.rounding !== undefined)
        rounding(`${base}/priceLimits/${i}/value/${j}/rounding`, l.rounding, false, hasTick);
    }),
  );
  if (c.kind === "spread")
    c.legs.forEach((l, i) => l.value.rounding !== null && rounding(`${base}/legs/${i}/value/rounding`, l.value.rounding, false, true));
  c.dailySettlement.forEach((v, i) =>
    v.value.forEach((s, j) => {
      const at = `${base}/dailySettlement/${i}/value/${j}`;
      if (s.kind !== "carry-forward" && s.kind !== "net-change") rounding(`${at}/rounding`, s.rounding, true, hasTick);
      if (
        (s.kind === "vwap" || s.kind === "lead-spread" || s.kind === "period-midpoint") &&
        windowLength(secondsOfDay(s.window.from)!, secondsOfDay(s.window.to)!, s.window.fromDay === "previous") === undefined
      )
        doc.problem(
          `${at}/window/to`,
          `the ${s.kind === "period-midpoint" ? "settlement period" : "VWAP window"} from ${s.window.from} to ${s.window.to} contains no time`,
        );
    }),
  );
}

/** Fallbacks, index licences and fixings, version selection, and last trading days. */
export function fallbacksAndLastTradingDays(doc: Doc, base: string, c: Contract): void {
  const settling = new Set(settlingIndices(c, (x) => settlingRefs(doc, x)).map((x) => x.index));
  c.fallback.forEach((v, i) => fallbackProblems(doc, `${base}/fallback/${i}/value`, v.value, settling));
  if (
    fallbackNeverApplies(
      c.finalSettlement.map((v) => v.value.value.kind),
      c.fallback.length,
    )
  )
    doc.problem(
      `${base}/fallback`,
      "a fallback that never applies: the contract settles only at another contract's final settlement price",
    );
  c.indexLicence?.forEach((v, i) => {
    if (licensedIndexNotSettled(v.value.index, settling))
      doc.problem(`${base}/indexLicence/${i}/value/index`, `${v.value.index} is not an index the contract settles on`);
  });
  c.fixingTick?.forEach((v, i) => {
    if (fixingTickIndexNotSettled(v.value.index, settling))
      doc.problem(`${base}/fixingTick/${i}/value/index`, `${v.value.index} is not an index the contract settles on`);
    const mode = v.value.mode;
    if (mode !== null && roundingProblems({ mode, toTick: true }, { daily: false, hasTick: () => true }).includes("ties-without-prior"))
      doc.problem(`${base}/fixingTick/${i}/value/mode`, "ties toward the prior settlement exist only in daily settlement steps");
  });
  if (disclaimerWithoutLicence(c.indexDisclaimer?.length ?? 0, c.indexLicence?.length ?? 0))
    doc.problem(`${base}/indexDisclaimer`, "an index disclaimer without an index licence names no index");
  if (c.versionsSelectedBy !== undefined && !versionSelectionAlways(c.versionsSelectedBy))
    doc.problem(`${base}/versionsSelectedBy`, "what selects the rule versions holds at all times, in one clause");
  lastTradingDays(doc, base, c);
  if (c.versionsSelectedBy?.[0]?.value === "last-trading-day") selfSelection(doc, base, c);
}

/** Under `rule versions selected by the last trading day`, every period of the horizon has its last trading day. */
export function selfSelection(doc: Doc, base: string, c: Contract): void {
  const versions = c.lastTradingDay.map((v) => ({ effective: v.effective, rule: v.value }));
  const engineOf = (name: string) => {
    const e = doc.engines.get(name);
    return e.ok ? e.value : undefined;
  };
  const gap = selfSelectionGap(
    versions,
    engineOf,
    versions.some((v) => v.rule.kind === "weekly"),
  );
  if (gap !== undefined)
    doc.problem(
      `${base}/versionsSelectedBy`,
      `in ${gap.label} no version of the last trading day gives a day on which it is itself in force`,
    );
}

/** Every disruption ends in a definite outcome, no step is unreachable, an alternate index is not the underlying. */
export function fallbackProblems(doc: Doc, at: string, fb: Fallback, settling: ReadonlySet<string>): void {
  fb.disruptions.forEach((d, i) => {
    if (d.duration !== null) doc.positive(`${at}/disruptions/${i}/duration/amount`, d.duration.amount, "the duration of a disruption");
  });
  const w = walkWaterfall(
    fb.disruptions.map((d) => d.condition),
    fb.steps.map((s) => ({ only: s.only ?? [], terminal: s.action.kind === "determination" })),
  );
  w.steps.forEach((s, j) => {
    if (s.live.length === 0)
      doc.problem(
        `${at}/steps/${j}`,
        "this step can never be reached: every disruption it handles already has an outcome, or is not declared",
      );
  });
  if (w.open.length > 0)
    doc.problem(
      `${at}/steps`,
      `the waterfall can end without a settlement value for ${w.open.map((k) => (k === "*" ? "any disruption" : k)).join(", ")}: it must end in a determination`,
    );
  fb.steps.forEach((s, j) => {
    if (s.action.kind === "alternate-index" && settling.has(s.action.index))
      doc.problem(`${at}/steps/${j}/action/index`, `circular fallback: ${s.action.index} is the index this contract already settles on`);
    if (s.action.kind === "dealer-poll") {
      const a = s.action;
      const problem = dealerPollProblem(a.dealers, a.minimumQuotes, a.dropHighest + a.dropLowest);
      if (problem === "quorum")
        doc.problem(
          `${at}/steps/${j}/action/minimumQuotes`,
          `the poll asks ${a.dealers} dealers, so it can never have ${a.minimumQuotes} quotes`,
        );
      else if (problem === "drops-all")
        doc.problem(
          `${at}/steps/${j}/action`,
          `dropping ${a.dropHighest} highest and ${a.dropLowest} lowest of ${a.minimumQuotes} quotes leaves none to average`,
        );
    }
  });
}

/** The references a contract settles through: underlyings, legs and final settlement values. */
export function settlingRefs(doc: Doc, c: Contract): SettlingRef<Contract>[] {
  const out: SettlingRef<Contract>[] = [];
  const contract = (name: string): void => {
    const t = doc.contractNamed(name);
    if (t !== undefined) out.push({ kind: "contract", node: t });
  };
  if (c.kind !== "spread")
    c.underlying.forEach((u) => (u.value.kind === "index" ? out.push({ kind: "index", name: u.value.name }) : contract(u.value.name)));
  else c.legs.forEach((l) => contract(l.value.contract));
  c.finalSettlement.forEach((f) => {
    const v = f.value.value;
    if (v.kind === "index-at" || v.kind === "index-average") out.push({ kind: "index", name: v.index });
    else if (v.kind === "underlying-final") contract(v.contract);
  });
  return out;
}

/** Each version of the last trading day rule, as the language can write it, for every contract period of the checker's horizon it governs. */
export function lastTradingDays(doc: Doc, base: string, c: Contract): void {
  const versions = c.lastTradingDay;
  // Which version governs each period, once for all versions (per version it would be quadratic in their number).
  const governing = new Map<boolean, Int32Array>();
  versions.forEach((v, i) => {
    const at = `${base}/lastTradingDay/${i}/value/rule`;
    const r = v.value;
    if (r.kind === "monthly") {
      if (r.rule.monthOffset !== 0 && r.rule.monthOffset !== -1)
        doc.problem(`${at}/monthOffset`, "must be 0 (the contract month) or -1 (the month before)");
      const a = r.rule.anchor;
      if (a.kind === "nthBusinessDay" && (a.n < 2 || a.n > 5))
        doc.problem(`${at}/anchor/n`, "must be 2 to 5 (the second to the fifth business day)");
      const trigger = triggerProblem(r.rule);
      if (trigger !== undefined) doc.problem(`${at}/whenNotBusinessDayOn`, TRIGGER_PROBLEMS[trigger]);
    }
    if (r.rule.shift.businessDays === 0 && r.rule.shift.direction !== "before")
      doc.problem(`${at}/shift/direction`, "a shift of zero days is written `before`");
    const engine = doc.engines.get(r.rule.calendar);
    if (!engine.ok) return;
    const weekly = r.kind === "weekly";
    let g = governing.get(weekly);
    if (g === undefined) governing.set(weekly, (g = governingVersions(versions, weekly)));
    const periods = g;
    const found = expiryProblems(
      r,
      (period) => periods[period] === i,
      engine.value,
      EXPIRY_HORIZON,
      doc.memo,
      (n) => doc.engines.get(n),
    );
    if (found.missing !== undefined) doc.problem(at, `in ${found.missing.label} the last trading day does not exist`);
    if (found.closed !== undefined)
      doc.problem(
        at,
        `in ${found.closed.label} the last trading day ${formatIsoDate(found.closed.day)} is not a business day of ${r.rule.calendar}`,
      );
    if (found.stopped !== undefined)
      doc.problem(at, `in ${found.stopped.label} the last trading day cannot be computed (${found.stopped.error.kind})`);
    if (found.outside !== undefined)
      doc.problem(
        at,
        `in ${found.outside.label} the last trading day ${formatIsoDate(found.outside.day)} falls outside its ${r.kind === "weekly" ? "contract week" : "month"}`,
      );
  });
}

const TIER_MESSAGES: Readonly<Record<NonNullable<ReturnType<typeof tickTierProblem>>["kind"], string>> = {
  "unbounded-before-last": "has no upper bound, but more tiers follow",
  "open-before-last": "only the last tier can be open-ended",
  "not-ascending": "tier bounds must ascend",
  "bound-off-coarser-tick": "the bound is not on the coarser of the two ticks it separates",
  "last-not-open": "the last tier must be open-ended",
  "single-above": "a single tier cannot start above a price: nothing covers the prices below",
  gap: "leaves a gap after the previous tier's bound",
  overlap: "overlaps the previous tier",
};
