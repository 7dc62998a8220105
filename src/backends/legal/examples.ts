/**
 * Worked examples for the readable contract, computed by the runtime's settlement functions
 * (src/runtime/engine) from sample index values, never restated by hand: a final settlement for the first
 * contract month of the table (a sample value that lies exactly halfway between two increments, so the example
 * shows the tie rule; for an average, values around it whose mean is that value) and, for an option, the payoff
 * of a call and a put at strikes on the grid. Examples the functions cannot compute (a spread settled leg by leg)
 * are left out.
 */
import type { Contract, Spec } from "../../model/types.js";
import { versionOn } from "../../runtime/versions.js";
import { Decimal, roundToIncrement } from "../../runtime/numbers/decimal.js";
import { formatIsoDate, type CalendarEngine } from "../../runtime/calendar/index.js";
import type { Schedule } from "../../runtime/schedule/index.js";
import { averagingDays, finalSettlement, fixingLookup, optionPayoff } from "../../runtime/engine/settlement.js";
import type { FinalSettlement } from "../../runtime/spec.js";
import { tickTable } from "../../runtime/functions/steps.js";
import { contractMultiplier, tickTiers } from "../../runtime/functions/terms.js";
import type { Block } from "./document.js";
import { amountIn, figure, longDate, money } from "./words.js";

/** Price × multiplier = money: the runtime's one multiplier arithmetic (contract unit × price unit), as a Decimal. */
function multiplier(spec: Spec, c: Contract, date: string): { value: Decimal; currency: string } | undefined {
  const m = contractMultiplier((n) => (Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined), c.name, date);
  return m === undefined ? undefined : { value: Decimal.of(m.value), currency: m.currency };
}

/** The sample final settlement of a future for a last trading day, with the sentences that explain it. */
function futureExample(
  spec: Spec,
  c: Contract,
  ltd: string,
  engines: (n: string) => CalendarEngine | undefined,
  atLeast?: Decimal,
): { price: Decimal; blocks: Block[] } | undefined {
  const rule = versionOn(c.finalSettlement, ltd)?.value;
  const ticks = versionOn(c.tick, ltd)?.value;
  const tickQ = ticks?.[0]?.tick;
  if (rule === undefined || (rule.value.kind !== "index-at" && rule.value.kind !== "index-average")) return undefined;
  const unit = versionOn(c.priceQuotation, ltd)?.value ?? "";
  const inc =
    rule.rounding.kind === "increment"
      ? Decimal.of(rule.rounding.increment)
      : tickQ !== undefined
        ? Decimal.of(tickQ.amount)
        : Decimal.of("0.001");
  // Scaled by powers of ten up to `atLeast` (an option's strikes): with USD 500 strikes on a future settled to the
  // cent, 73.125 would put the example's call strike below zero.
  let sample = inc.mul(Decimal.of("7312.5"));
  for (let i = 0; i < 30 && atLeast !== undefined && sample.lt(atLeast); i++) sample = sample.scaleByPowerOfTen(1);
  const index = rule.value.index;
  let dates = [ltd];
  if (rule.value.kind === "index-average") {
    const cal = engines(rule.value.days.calendar);
    if (cal === undefined) return undefined;
    dates = averagingDays(rule.value.days, ltd, cal);
  }
  // Around the sample value, in pairs one increment above and below, so the mean is exactly the sample value.
  const values = dates.map((_, i) =>
    i === dates.length - 1 && dates.length % 2 === 1 ? sample : i % 2 === 0 ? sample.add(inc) : sample.sub(inc),
  );
  const fixings = dates.map((date, i) => ({ index, value: values[i]!, status: null, date }));
  const r = finalSettlement(rule as FinalSettlement, ltd, fixingLookup(fixings), undefined, {
    engines,
    ...(ticks !== undefined && ticks.length > 0 ? { tick: tickTable(tickTiers(ticks)) } : {}),
  });
  if (!r.ok) return undefined;
  const blocks: Block[] = [];
  if (dates.length === 1) {
    blocks.push({
      kind: "paragraph",
      text: `Suppose ${index} is fixed at ${amountIn(sample.toString(), unit)} on ${longDate(ltd)}, the Last Trading Day. The Final Settlement Price is ${amountIn(r.price.toString(), unit)}.`,
    });
  } else {
    blocks.push({
      kind: "paragraph",
      text: `Suppose ${index} is fixed on the ${dates.length} averaging days as follows (the first and last averaging days are ${longDate(dates[0]!)} and ${longDate(dates[dates.length - 1]!)}):`,
    });
    blocks.push({
      kind: "table",
      head: ["Day", `${index} (${typeof unit === "string" ? unit : unit.text})`],
      rows: dates.map((d, i) => [longDate(d), figure(values[i]!.toString())]),
    });
    blocks.push({
      kind: "paragraph",
      text: `Their arithmetic mean is ${figure(r.unrounded)}, and the Final Settlement Price is ${amountIn(r.price.toString(), unit)}.`,
    });
  }
  const m = multiplier(spec, c, ltd);
  if (m !== undefined)
    blocks.push({
      kind: "paragraph",
      text: `One ${c.name} contract is then settled at ${figure(r.price.toString())} × ${figure(m.value.toString())} = ${money(r.price.mul(m.value).toString(), m.currency)}.`,
    });
  return { price: r.price, blocks };
}

/** The worked examples of a contract for the first contract month listed, or none. */
export function workedExamples(spec: Spec, c: Contract, schedule: Schedule, symbol: string, lastTradingDay: number): Block[] {
  const ltd = formatIsoDate(lastTradingDay);
  const engines = (name: string) => {
    const e = schedule.engine(name);
    return e.ok ? e.value : undefined;
  };
  if (c.kind === "future") {
    const ex = futureExample(spec, c, ltd, engines);
    return ex === undefined ? [] : [{ kind: "paragraph", text: `Example: the final settlement of ${symbol}.` }, ...ex.blocks];
  }
  if (c.kind === "option") {
    const under = versionOn(c.underlying, ltd)?.value;
    const fut = under?.kind === "future" && Object.hasOwn(spec.contracts, under.name) ? spec.contracts[under.name] : undefined;
    const step = versionOn(c.strikes, ltd)?.value;
    if (fut === undefined || step === undefined) return [];
    const uLtd = schedule.expiries(
      fut.name,
      { year: Number(ltd.slice(0, 4)), month: Number(ltd.slice(5, 7)) },
      { year: Number(ltd.slice(0, 4)), month: Number(ltd.slice(5, 7)) },
    );
    const futLtd = uLtd.ok && uLtd.value[0] !== undefined ? formatIsoDate(uLtd.value[0].lastTradingDay) : ltd;
    const k = Decimal.of(step.amount);
    const ex = futureExample(spec, fut, futLtd, engines, k.mul(Decimal.of("4")));
    if (ex === undefined) return [];
    const s = ex.price;
    const callStrike = roundToIncrement(s, k, "floor").sub(k).max(Decimal.ZERO);
    const putStrike = roundToIncrement(s, k, "ceiling").add(k);
    const threshold = versionOn(c.automaticExercise, ltd)?.value;
    const m = multiplier(spec, c, ltd);
    const unit = versionOn(c.priceQuotation, ltd)?.value ?? "";
    const opts = threshold === undefined ? {} : { threshold: Decimal.of(threshold.amount) };
    const rights = versionOn(c.rights, ltd)?.value ?? [];
    const cash = (x: ReturnType<typeof optionPayoff>) =>
      m === undefined ? `${figure(x.payoff.toString())} per unit of price` : money(x.payoff.toString(), m.currency);
    // One example of each option type the contract lists, at a strike on its own grid just in the money.
    const said = rights.map((right) => {
      const strike = right === "call" ? callStrike : putStrike;
      const r = optionPayoff(right, s, strike, m?.value ?? Decimal.ONE, opts);
      return `A ${right} with strike price ${amountIn(strike.toString(), unit)} is ${r.exercised ? "exercised" : "not exercised"} (${r.exercised ? "in the money" : "not in the money by the threshold"} by ${amountIn(r.intrinsic.toString(), unit)}) and pays ${cash(r)} per contract.`;
    });
    if (said.length === 0) return [];
    return [
      { kind: "paragraph", text: `Example: the expiry of ${symbol}, from the final settlement of the underlying ${fut.name} contract.` },
      ...ex.blocks,
      { kind: "paragraph", text: said.join(" ") },
    ];
  }
  return [];
}
