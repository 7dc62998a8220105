/**
 * Every sentence is a promise (issue 19: "every sentence the chapter states must be what the engine enforces; a test
 * checks each rendered promise against the engine"). For every contract of specs/, each behavioural sentence of its
 * readable contract is found in the rendered chapter, and the claim it makes — read from the same model data the
 * sentence is built from — is exercised on the engine the exchange runs (the settlement functions, the schedule):
 *
 * - position limits: a position of the limit is settled, one contract more is refused (`position-limit`), in the spot
 *   month the engine finds, and a spot-month limit does not bind a later month;
 * - the price domain: "Prices are greater than zero" refuses a zero position price and a zero prior (`price-domain`);
 *   "Prices may be zero or negative" accepts them;
 * - the tick: a price half a tick off the grid is refused (`off-tick`), one on it accepted;
 * - price limits: the bands of a daily settlement are the stated percentages of the prior (unrounded limits);
 * - the listing schedule: on every Monday of 2026, the months listed are those the sentence's parts name, computed
 *   here from the parts and the last trading days (the `listed` command's engine must agree);
 * - termination: every contract month's termination instant is at the stated time in the stated zone;
 * - automatic exercise: an option in the money by the stated threshold is exercised, by less it is abandoned;
 * - payment: each period's payment day in the certificate is the stated business day after the stated day, counted
 *   here day by day on the calendar;
 * - payment amounts: a variation of exactly half the stated increment is rounded as the stated mode rounds a tie.
 *
 * Sentences no engine path can check here are listed in the report of issue 19 (index methodologies and fallbacks are
 * covered by the settlement cases of test/cases/settlement).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDocument, type LegalDocument } from "../../../src/backends/legal/index.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";
import { formatIsoDate, parseIsoDate } from "../../../src/runtime/calendar/index.js";
import {
  contractTerms,
  isSpotMonth,
  positionReport,
  settleOption,
  settlementFunctions,
  type DailyReq,
  type SettlementSpec,
} from "../../../src/runtime/functions/index.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { Schedule, type Listed } from "../../../src/runtime/schedule/index.js";
import { inForce, versionOn } from "../../../src/runtime/versions.js";
import type { AnyContract, ListingPart } from "../../../src/runtime/spec.js";
import { compileFiles, ROOT } from "../../model/compile-helpers.js";

const AS_OF = "2026-01-15";
const sources = readdirSync(join(ROOT, "specs/contracts"))
  .filter((f) => f.endsWith(".terms"))
  .sort()
  .map((f) => `specs/contracts/${f}`);
const compiled = compileFiles(sources);
const specs: Spec[] = compiled.files.filter((f) => f.path.startsWith("contracts/")).map((f) => loadSpec(f.text));

/** Every text of a chapter, paragraphs, list items and table cells, joined by new lines. */
function chapter(doc: LegalDocument): string {
  return doc.sections
    .flatMap((s) => s.clauses)
    .flatMap((c) => c.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : b.rows.flat())))
    .join("\n");
}

/** A count as the chapter writes it (thousands separated). */
const grouped = (n: number) => n.toLocaleString("en-GB");

/** A price every tier of the contract's tick accepts in force on a date: the coarsest (last) tier's tick × 10,000. */
function gridPrice(c: AnyContract, date: string): Decimal | undefined {
  const tiers = versionOn(c.tick, date)?.value;
  const last = tiers?.[tiers.length - 1];
  return last === undefined ? undefined : Decimal.of(last.tick.amount).mul(Decimal.of("10000"));
}

/** A day's daily settlement at price P (prior, bid and offer all P: the first step that produces a price gives P). */
function daily(spec: Spec, period: string, date: string, p: string, position?: { quantity: string; price: string }) {
  const req: DailyReq = { period, date, prior: p, bidAsk: { bid: p, ask: p }, ...(position === undefined ? {} : { position }) };
  return settlementFunctions(spec as unknown as SettlementSpec).daily(req);
}

/** The period text of a listed period ("2026-03", "2026-W13"). */
function periodText(l: Listed): string {
  const m = /-([FGHJKMNQUVXZ])(\d{2})$/.exec(l.symbol);
  if (m !== null) return `20${m[2]}-${String("FGHJKMNQUVXZ".indexOf(m[1]!) + 1).padStart(2, "0")}`;
  const w = /-(\d{2})W(\d{2})$/.exec(l.symbol);
  return `20${w![1]}-W${w![2]}`;
}

/** A date on which the contract trades daily and has listed periods: the first Wednesday on or after 2026-03-18 that works. */
function tradingDay(spec: Spec, name: string): { date: string; listed: Listed[] } | undefined {
  const schedule = new Schedule(spec);
  for (let d = parseIsoDate("2026-03-18")!; d < parseIsoDate("2027-06-30")!; d += 7) {
    const l = schedule.listedOn(name, d);
    if (l.ok && l.value.length > 1) return { date: formatIsoDate(d), listed: l.value };
  }
  return undefined;
}

/** The months (as year × 12 + month − 1) a listing cycle lists on a day, from its parts alone (the sentence's claim). */
function claimedMonths(
  parts: readonly ListingPart[],
  front: number,
  day: number,
  lastTradingDay: (i: number) => number | undefined,
): number[] {
  const out: number[] = [];
  for (const part of parts) {
    if (part.kind === "consecutive") for (let i = 0; i < part.count; i++) out.push(front + i);
    else if (part.kind === "next-in") {
      for (let i = front, found = 0; found < part.count; i++)
        if (part.months.includes((i % 12) + 1)) {
          out.push(i);
          found++;
        }
    } else if (part.kind === "on-expiry") {
      // "When the December contract expires, MONTHS N years later": from the day after each such contract's last
      // trading day, the named months of the year N years after it (those that have not expired: filtered below).
      const year = Math.floor(front / 12);
      for (let y = year - part.yearsLater - 2; y <= year + 1; y++) {
        const trigger = lastTradingDay(y * 12 + part.expiring - 1);
        if (trigger === undefined || trigger >= day) continue;
        for (const m of part.months) if ((y + part.yearsLater) * 12 + m - 1 >= front) out.push((y + part.yearsLater) * 12 + m - 1);
      }
    } else if (part.kind === "additional") {
      // "N additional months falling in …, after the latest month listed under the preceding parts".
      for (let i = Math.max(...out, front - 1) + 1, found = 0; found < part.count; i++)
        if (part.months.includes((i % 12) + 1)) {
          out.push(i);
          found++;
        }
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

const covered = new Map<string, string[]>();
const cover = (promise: string, name: string) => covered.set(promise, [...(covered.get(promise) ?? []), name]);

for (const spec of specs) {
  const name = spec.subject.name;
  const c = spec.contracts[name]!;
  const text = chapter(buildDocument(spec, { asOf: AS_OF, layout: "sections" }));
  const day = c.kind === "option" ? undefined : tradingDay(spec, name);
  const price = day === undefined ? undefined : gridPrice(c, day.date);
  // The base case: a daily settlement at P with no position settles at P (else this contract's daily promises are not checkable here).
  const base = day !== undefined && price !== undefined ? daily(spec, periodText(day.listed[0]!), day.date, price.toString()) : undefined;
  const settles = base?.ok === true && base.price !== null && Decimal.of(base.price).eq(price!);

  describe(`${name}: the chapter's promises hold on the engine`, () => {
    const limits = c.positionLimits.filter((l) => day !== undefined && inForce(l, day.date));
    if (settles && limits.length > 0)
      it("position limits: the limit is allowed, one contract more is refused, in the scope the sentence names", () => {
        const { date, listed } = day!;
        const schedule = new Schedule(spec);
        const spot = listed.find((l) => isSpotMonth(schedule, name, l.symbol, date) === true)!;
        const later = listed.find((l) => l !== spot)!;
        const p = price!.toString();
        for (const l of limits) {
          const scope = l.value.scope;
          const words =
            scope === "spot-month" ? "in the Spot (Month|Week)" : scope === "single-month" ? "in any single Contract" : "in all Contract";
          expect(text).toMatch(
            new RegExp(`No holder may own or control more than ${grouped(l.value.count)} contracts? net long or net short ${words}`),
          );
          const n = l.value.count;
          // A spot-month limit is tried in the spot month, the others in a later month, where no spot-month limit binds.
          const target = scope === "spot-month" ? spot : later;
          // A tighter limit that applies there too would refuse the position for another reason.
          const tighter = limits.some((o) => o !== l && o.value.count < n && (o.value.scope !== "spot-month" || target === spot));
          if (tighter) continue;
          const at = daily(spec, periodText(target), date, p, { quantity: String(n), price: p });
          expect(at.error, `${n} in ${target.symbol}`).toBeNull();
          const over = daily(spec, periodText(target), date, p, { quantity: String(-(n + 1)), price: p });
          expect(over.error?.kind, `${-(n + 1)} in ${target.symbol}`).toBe("position-limit");
          expect(over.error?.message).toContain(`${n} contracts`);
          for (const clause of l.clauses) expect(over.error?.message).toContain(clause);
          if (scope === "spot-month" && !limits.some((o) => o.value.scope !== "spot-month" && o.value.count <= n)) {
            const deferred = daily(spec, periodText(later), date, p, { quantity: String(n + 1), price: p });
            expect(deferred.error, `${n + 1} in ${later.symbol}, not the spot month on ${date}`).toBeNull();
          }
        }
        cover("position limits", name);
      });

    if (settles && c.kind !== "option")
      it("the price domain: the sentence says what the engine does with a price of zero", () => {
        const allowed = versionOn(c.negativePrices, day!.date)?.value === true;
        expect(text).toContain(allowed ? "Prices may be zero or negative." : "Prices are greater than zero.");
        const period = periodText(day!.listed[0]!);
        const zeroPosition = daily(spec, period, day!.date, price!.toString(), { quantity: "1", price: "0" });
        const zeroPrior = settlementFunctions(spec as unknown as SettlementSpec).daily({ period, date: day!.date, prior: "0" });
        if (allowed) expect(zeroPosition.error?.kind).not.toBe("price-domain");
        else {
          expect(zeroPosition.error?.kind).toBe("price-domain");
          expect(zeroPrior.error?.kind).toBe("price-domain");
        }
        cover("price domain", name);
      });

    if (settles && versionOn(c.tick, day!.date)?.value.length === 1)
      it("the tick: a price off the stated tick is refused, one on it accepted", () => {
        const tick = versionOn(c.tick, day!.date)!.value[0]!.tick.amount;
        expect(text).toContain("The minimum price fluctuation (the tick) is ");
        const period = periodText(day!.listed[0]!);
        const off = price!.add(Decimal.of(tick).div(Decimal.of("2"), 12, "half-even")).toString();
        const on = price!.add(Decimal.of(tick)).toString();
        expect(daily(spec, period, day!.date, price!.toString(), { quantity: "1", price: off }).error?.kind).toBe("off-tick");
        expect(daily(spec, period, day!.date, price!.toString(), { quantity: "1", price: on }).error).toBeNull();
        cover("tick", name);
      });

    const limitsIn = day === undefined ? undefined : versionOn(c.priceLimits, day.date)?.value;
    const percents = limitsIn?.every((l) => l.kind === "percent" && (l.rounding === undefined || l.rounding.kind === "unrounded"));
    if (settles && limitsIn !== undefined && percents === true)
      it("price limits: the daily bands are the stated percentages of the prior daily settlement price", () => {
        const pcts = limitsIn.map((l) => (l.kind === "percent" ? l.percent : ""));
        expect(text).toContain(`Successive price limits from the prior daily settlement price: ${pcts.map((x) => `${x}%`).join(", ")}.`);
        const bands = base!.daily?.bands ?? [];
        expect(bands.length).toBe(pcts.length);
        pcts.forEach((pct, i) => {
          const width = price!.mul(Decimal.of(pct)).div(Decimal.of("100"), 12, "half-even");
          expect(Decimal.of(bands[i]!.lower).eq(price!.sub(width)), `band ${i + 1} lower`).toBe(true);
          expect(Decimal.of(bands[i]!.upper).eq(price!.add(width)), `band ${i + 1} upper`).toBe(true);
        });
        cover("price limits", name);
      });

    const listing = c.listing.length === 1 ? c.listing[0]!.value : undefined;
    if (
      listing !== undefined &&
      !listing.some((p) => p.kind === "listed-at") &&
      listing.every((p) => p.kind !== "consecutive" || p.period === "months")
    )
      it("the listing schedule: the months listed on every Monday of 2026 are those the sentence names", () => {
        expect(text).toMatch(/The Exchange lists /);
        const schedule = new Schedule(spec);
        for (let d = parseIsoDate("2026-01-05")!; d <= parseIsoDate("2026-12-28")!; d += 7) {
          const listed = schedule.listedByCycle(name, d);
          if (!listed.ok) continue; // a day outside the product's trading dates
          // The front month: the first whose last trading day is on or after the day.
          const iso = formatIsoDate(d);
          let front = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 2;
          const ltd = (i: number) => schedule.lastTradingDay(name, { kind: "month", year: Math.floor(i / 12), month: (i % 12) + 1 });
          for (;;) {
            const l = ltd(front);
            if (l.ok && l.value >= d) break;
            front++;
          }
          const claimed = claimedMonths(listing, front, d, (i) => {
            const l = ltd(i);
            return l.ok ? l.value : undefined;
          }).filter((i) => {
            const l = ltd(i);
            return l.ok && schedule.traded(name, l.value);
          });
          const months = listed.value.map((l) => {
            const [y, m] = periodText(l).split("-").map(Number);
            return y! * 12 + m! - 1;
          });
          expect(months, `listed on ${iso}`).toEqual(claimed);
        }
        cover("listing", name);
      });

    if (c.termination.length === 1)
      it("termination: every contract period of 2026 terminates at the stated time in the stated zone", () => {
        const t = c.termination[0]!.value;
        expect(text).toContain("Trading in an expiring contract terminates at ");
        const schedule = new Schedule(spec);
        const e = schedule.expiries(name, { year: 2026, month: 1 }, { year: 2026, month: 12 });
        expect(e.ok).toBe(true);
        if (!e.ok) return;
        for (const x of e.value) {
          expect(x.termination?.zone).toBe(t.zone);
          expect(x.termination?.time).toBe(t.time);
        }
        cover("termination", name);
      });

    if (c.payment !== undefined && c.payment.length === 1)
      it("payment: every 2026 contract period is paid on the stated business day after the stated day", () => {
        const pay = c.payment![0]!.value;
        expect(text).toMatch(/The final settlement amount is payable on the (first|\w+) business day after /i);
        const schedule = new Schedule(spec);
        const cal = schedule.engine(pay.calendar);
        expect(cal.ok).toBe(true);
        if (!cal.ok) return;
        const e = schedule.expiries(name, { year: 2026, month: 1 }, { year: 2026, month: 12 });
        if (!e.ok) throw new Error(name);
        for (const x of e.value) {
          const from = pay.after === "final-settlement-day" ? x.finalSettlementDate! : x.lastTradingDay;
          // Counted here day by day: the Nth day after `from` that is a business day of the calendar.
          let d = from;
          for (let n = 0; n < pay.businessDays;) if (cal.value.isBusinessDay(++d)) n++;
          const r = settlementFunctions(spec as unknown as SettlementSpec).final({
            period: periodText({ ...x, contract: name } as Listed),
          });
          expect(r.payment?.date, x.symbol).toBe(formatIsoDate(d));
        }
        cover("payment", name);
      });

    if (c.cashRounding !== undefined && c.cashRounding.length === 1)
      it("payment amounts: a variation of exactly half the stated increment is rounded as the sentence says", () => {
        const r = c.cashRounding![0]!.value;
        expect(text).toContain("is computed exactly and then rounded");
        const terms = contractTerms((n) => spec.contracts[n], name, "2026-06-01")!;
        const m = Decimal.of(terms.multiplier!.value);
        const inc = Decimal.of(r.increment);
        // (s − p) × m × 1 = increment / 2: s = p + increment / (2m); p on the tick grid.
        const p = gridPrice(c, "2026-06-01")!;
        const s = p.add(inc.div(m.mul(Decimal.of("2")), 20, "half-even"));
        const v = positionReport(
          s.toString(),
          { quantity: "1", price: p.toString() },
          terms.multiplier,
          terms.negativePrices,
          terms.tick,
          terms.cashRounding,
        );
        const away = { "half-up": true, up: true, ceiling: true, "half-even": false, "half-down": false, down: false, floor: false };
        const expected = (away as Record<string, boolean>)[r.mode] ? inc : Decimal.ZERO;
        expect("variation" in v && Decimal.of(v.variation!).eq(expected), `${r.mode}: ${JSON.stringify(v)}`).toBe(true);
        cover("payment amounts", name);
      });

    if (c.kind === "option" && c.automaticExercise.length === 1)
      it("automatic exercise: in the money by the stated threshold is exercised, by less abandoned", () => {
        const threshold = c.automaticExercise[0]!.value.amount;
        const t = Decimal.of(threshold);
        expect(text).toMatch(t.isZero() ? /in the money by any amount is exercised automatically/i : /is in the money by at least/i);
        const terms = contractTerms((n) => spec.contracts[n], name, "2026-06-01")!;
        const strike = Decimal.of(terms.strikeSteps![0]!).mul(Decimal.of("100"));
        const smallest = Decimal.of("0.0001");
        const exercise = (s: Decimal) =>
          settleOption({
            right: "call",
            strike: strike.toString(),
            underlying: "U",
            underlyingPrice: s.toString(),
            multiplier: terms.multiplier,
            threshold: terms.automaticExercise,
            strikeSteps: terms.strikeSteps,
            contract: name,
          });
        const at = exercise(strike.add(t.isZero() ? smallest : t));
        const below = exercise(t.isZero() ? strike : strike.add(t).sub(smallest));
        expect("exercised" in at && at.exercised).toBe(true);
        expect("exercised" in below && below.exercised).toBe(false);
        cover("automatic exercise", name);
      });
  });
}

describe("the promises are checked on the contracts that make them", () => {
  it("covers the main contracts of specs/ for each promise", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(covered.get("position limits")).toEqual(expect.arrayContaining(["FOTI", "GPUH", "BTC"]));
    expect(covered.get("price domain")).toEqual(expect.arrayContaining(["FOTI", "BTC"]));
    expect(covered.get("tick")).toEqual(expect.arrayContaining(["FOTI", "BTC"]));
    expect(covered.get("price limits")).toEqual(expect.arrayContaining(["FOTI"]));
    expect(covered.get("listing")).toEqual(expect.arrayContaining(["FOTI", "BTC", "FOTQ"]));
    expect(covered.get("termination")).toEqual(expect.arrayContaining(["FOTI", "BTC"]));
    expect(covered.get("automatic exercise")).toEqual(expect.arrayContaining(["FOTI_OPT"]));
    expect(covered.get("payment")).toEqual(expect.arrayContaining(["BTCG", "MBTG"]));
    expect(covered.get("payment amounts")).toEqual(expect.arrayContaining(["MBTG"]));
  });
});
