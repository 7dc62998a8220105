/**
 * Plain-English phrasing of the compiled model's values for the readable contract: dates, times, effective
 * ranges, roundings, aggregation methods, date rules, calendars' holidays. No word of the language or of
 * programming appears in the output: a rounding mode is said as what it does ("rounded to the nearest 0.01, with
 * exact halves rounded to the even neighbour"), never by its name. Used by from-model.ts and by the diff backend.
 */
import type {
  AggregationMethod as Method,
  Calendar,
  ContractDateRule,
  DateAnchor,
  DateRule,
  Duration,
  EffectiveRange,
  HolidayRule,
  Rounding,
  ZonedTime,
} from "../../runtime/spec.js";
import type { FallbackAction, Payment, Quantity, SessionChange, TradingHours } from "../../runtime/spec.js";
import { isCurrency, lookupUnitWord } from "../../base/units.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth"];

/** The name of a month, 1 = January. */
export function monthName(m: number): string {
  return MONTHS[m - 1] ?? `month ${m}`;
}

/** The name of an ISO weekday, 1 = Monday. */
export function weekdayName(d: number): string {
  return WEEKDAYS[d - 1] ?? `weekday ${d}`;
}

/** An ordinal in digits: 1st, 2nd, 3rd, 11th, 22nd. */
export function ordinal(n: number): string {
  const t = n % 100;
  const suffix = t >= 11 && t <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** An ISO date as "1 January 2026". */
export function longDate(iso: string): string {
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return `${d} ${monthName(m)} ${y}`;
}

/** A time "16:00:00" as "16:00" (seconds only when not zero). */
export function shortTime(t: string): string {
  return t.endsWith(":00") ? t.slice(0, 5) : t;
}

/**
 * The place an IANA zone is named after, as a rulebook names its time: "Europe/London" → "London",
 * "America/New_York" → "New York", "UTC" → "UTC". The IANA name itself is given in the definitions.
 */
export function zonePlace(zone: string): string {
  if (zone === "UTC" || zone === "Etc/UTC" || zone === "GMT") return "UTC";
  const last = zone.slice(zone.lastIndexOf("/") + 1);
  return last.replace(/_/g, " ");
}

/** How a rulebook names the time of a zone: "London time", "New York time", "UTC". */
export function zoneTimeName(zone: string): string {
  const place = zonePlace(zone);
  return place === "UTC" ? "UTC" : `${place} time`;
}

/** Whether times of this zone are written on the 12-hour clock, as the rulebooks of the Americas write them. */
function twelveHour(zone: string): boolean {
  return zone.startsWith("America/");
}

/**
 * A time of day as a rulebook of the zone writes it: "4:00 p.m." in the Americas (CME style), "16:00" elsewhere
 * (LME and ICE Europe style); seconds only when not zero.
 */
export function clockTime(t: string, zone: string): string {
  if (!twelveHour(zone)) return shortTime(t);
  const h = Number(t.slice(0, 2));
  const rest = t.endsWith(":00") ? t.slice(2, 5) : t.slice(2);
  if (h === 0 && rest === ":00") return "12:00 midnight";
  if (h === 12 && rest === ":00") return "12:00 noon";
  return `${h % 12 === 0 ? 12 : h % 12}${rest} ${h < 12 ? "a.m." : "p.m."}`;
}

/** A zoned time: "16:00 London time", "4:00 p.m. New York time". */
export function zonedTime(z: ZonedTime): string {
  return `${clockTime(z.time, z.zone)} ${zoneTimeName(z.zone)}`;
}

/**
 * A decimal figure with thousands separators in its whole part, as a contract prints it: "1000" → "1,000",
 * "12500.25" → "12,500.25", "-7312" → "-7,312"; anything that is not a plain decimal is returned as it is.
 */
export function figure(n: number | string): string {
  const m = /^(-?)([0-9]+)((?:\.[0-9]+)?)$/.exec(String(n));
  if (m === null) return String(n);
  return `${m[1]}${m[2]!.replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ",")}${m[3]}`;
}

/** A count with its noun, singular or plural, the count with thousands separators. */
export function count(n: number | string, one: string, many: string): string {
  return `${figure(n)} ${String(n) === "1" ? one : many}`;
}

/**
 * An amount of money as a rulebook states it: the currency code first, at least two decimal places
 * ("USD 1.00", "USD 7,312.00", "USD 0.0005").
 */
export function money(amount: string, currency: string): string {
  const neg = amount.startsWith("-");
  const abs = neg ? amount.slice(1) : amount;
  const dot = abs.indexOf(".");
  const fixed = dot < 0 ? `${abs}.00` : abs.length - dot - 1 < 2 ? abs.padEnd(dot + 3, "0") : abs;
  return `${neg ? "-" : ""}${currency} ${figure(fixed)}`;
}

/** A duration: "60 minutes", "2 business days". */
export function duration(d: Duration): string {
  const words: Record<Duration["unit"], [string, string]> = {
    seconds: ["second", "seconds"],
    minutes: ["minute", "minutes"],
    hours: ["hour", "hours"],
    days: ["calendar day", "calendar days"],
    "business-days": ["business day", "business days"],
  };
  const [one, many] = words[d.unit];
  return count(d.amount, one, many);
}

/** An effective range in words, or "" for always. */
export function rangeWords(r: EffectiveRange): string {
  if (r.from === null && r.until === null) return "";
  if (r.until === null) return `from ${longDate(r.from!)}`;
  if (r.from === null) return `until ${longDate(r.until)}`;
  return `from ${longDate(r.from)} until ${longDate(r.until)}`;
}

/** The effective ranges of a clause in words ("from 1 January 2026"), or "" when always in force. */
export function effectiveWords(ranges: readonly EffectiveRange[]): string {
  const parts = ranges.map(rangeWords);
  if (parts.every((p) => p === "")) return "";
  return parts.filter((p) => p !== "").join("; and ");
}

/** A capitalised first letter. */
export function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/**
 * An amount in a unit, as a rulebook writes it: money with its currency first ("USD 0.001 per 1M tokens"),
 * thousands separators ("1,000 million tokens") and a unit that agrees with its amount ("1 GPU-hour", "1,000
 * GPU-hours"). `unit` is the model's canonical unit text.
 */
export function amountIn(amount: string, unitOrText: string | Quantity["unit"]): string {
  if (typeof unitOrText !== "string") {
    // A declared unit other than an asset takes its plural by its dimension: "0.01 points", "1 point".
    const declared = declaredUnitName(unitOrText);
    if (declared !== undefined) return `${figure(amount)} ${amount === "1" ? declared : `${declared}s`}`;
  }
  const unit = typeof unitOrText === "string" ? unitOrText : unitOrText.text;
  const per = unit.indexOf(" per ");
  const head = per < 0 ? unit : unit.slice(0, per);
  const tail = per < 0 ? "" : unit.slice(per);
  if (isCurrency(head)) return `${head} ${figure(amount)}${tail}`;
  // "1000 million tokens" reads as a contract does; "1000 × 1M tokens" reads as a formula.
  const scaled = /^1([KMB]) (.*)$/.exec(head);
  if (scaled) return `${figure(amount)} ${{ K: "thousand", M: "million", B: "billion" }[scaled[1] as "K" | "M" | "B"]} ${scaled[2]}${tail}`;
  if (/^[0-9]/.test(head)) return `${figure(amount)} × ${unit}`;
  const base = lookupUnitWord(head);
  const noun = base === undefined ? head : amount === "1" ? base.name : base.plural;
  return `${figure(amount)} ${noun}${tail}`;
}

/** The name of a declared unit other than an asset (`unit:point`, written `point`), when the unit is exactly that. */
function declaredUnitName(u: Quantity["unit"]): string | undefined {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(u.text) && u.dimensions[`unit:${u.text}`] === 1 && u.scale === "1" ? u.text : undefined;
}

/**
 * A unit as the object of "quoted in": its canonical text, or the plural of a declared unit other than an asset
 * ("quoted in points", "quoted in USD per point").
 */
export function unitNoun(u: Quantity["unit"]): string {
  const declared = declaredUnitName(u);
  return declared === undefined ? u.text : `${declared}s`;
}

/**
 * A quantity in words: {@link amountIn} of its amount and unit. A declared unit other than an asset (`unit:point`)
 * takes its plural, the name with an s, by its dimension: "0.25 points", "1 point".
 */
export function quantityWords(q: Quantity): string {
  return amountIn(q.amount, q.unit);
}

/** A rounding in words: "rounded to the nearest 0.01, with exact halves rounded to the even neighbour". */
export function roundingWords(r: Rounding, unit?: string | Quantity["unit"]): string {
  if (r.kind === "unrounded") return "not rounded";
  const step = r.kind === "tick" ? "tick" : unit === undefined ? figure(r.increment) : amountIn(r.increment, unit);
  const multiple = r.kind === "tick" ? "a whole number of ticks" : `a multiple of ${step}`;
  switch (r.mode) {
    case "half-up":
      return `rounded to the nearest ${step}, with exact halves rounded away from zero`;
    case "half-even":
      return `rounded to the nearest ${step}, with exact halves rounded to the even neighbour`;
    case "half-down":
      return `rounded to the nearest ${step}, with exact halves rounded toward zero`;
    case "half-toward-reference":
      return `rounded to the nearest ${step}, with exact halves rounded toward the prior daily settlement price`;
    case "down":
      return `rounded toward zero to ${multiple}`;
    case "up":
      return `rounded away from zero to ${multiple}`;
    case "floor":
      return `rounded down to ${multiple}`;
    case "ceiling":
      return `rounded up to ${multiple}`;
  }
}

/** An aggregation method in words, with its options. */
export function methodWords(m: Method): string {
  switch (m.name) {
    case "median":
      return "the median (with an even number of values, the arithmetic mean of the two middle values)";
    case "mean":
      return "the arithmetic mean";
    case "vwap":
      return "the volume-weighted average price (the sum of each price multiplied by its volume, divided by the total volume)";
    case "vtwap":
      return "the volume-time-weighted average price (each price multiplied by its volume and by the time it stood, from its trade until the next later trade or, for the last, the end of the interval or of the observation window, trades at the same instant standing for the same time; the sum of these products divided by the sum of each volume multiplied by its time)";
    case "volume-weighted-median": {
      const half =
        m.exactHalf === "first-reaching-half"
          ? "when the cumulative volume equals exactly half of the total volume at a price, that price (the first price at which half of the volume is reached) is taken"
          : m.exactHalf === "mean-of-straddling"
            ? "when the cumulative volume equals exactly half of the total volume at a price, the arithmetic mean of that price and the next higher price is taken"
            : "the convention at exactly half of the volume is not stated";
      return `the volume-weighted median (prices in ascending order, the price at which the cumulative volume first reaches half of the total volume; ${half})`;
    }
    case "trimmed-mean": {
      const t = m.trim ?? { highest: 0, lowest: 0 };
      return `the arithmetic mean after setting aside the ${count(t.highest, "highest value", "highest values")} and the ${count(t.lowest, "lowest value", "lowest values")}`;
    }
    case "capped-median":
      return m.weightedBy === "fixed"
        ? `the weighted capped median: each value is limited to within ${m.capPercent ?? "0"}% of the median of all values, and the mean of the limited values weighted by each source's fixed weight is taken`
        : `the capped median: each value is limited to within ${m.capPercent ?? "0"}% of the median of all values, and the arithmetic mean of the limited values is taken`;
    case "weighted-mean":
      return m.weightedBy === "fixed"
        ? "the mean weighted by each source's fixed weight"
        : `the mean weighted by ${m.weightedBy === "expenditure" ? "expenditure" : "volume"}`;
  }
}

/** "the contract month", "the month before the contract month", "2 months after the contract month". */
function monthWords(offset: number): string {
  if (offset === 0) return "the contract month";
  if (offset === -1) return "the month before the contract month";
  if (offset === 1) return "the month after the contract month";
  return offset < 0 ? `the month ${-offset} months before the contract month` : `the month ${offset} months after the contract month`;
}

function anchorWords(a: DateAnchor, month: string): string {
  switch (a.kind) {
    case "nthWeekday":
      return `the ${ORDINALS[a.n] ?? ordinal(a.n)} ${weekdayName(a.weekday)} of ${month}`;
    case "lastWeekday":
      return `the last ${weekdayName(a.weekday)} of ${month}`;
    case "lastBusinessDay":
      return `the last business day of ${month}`;
    case "firstBusinessDay":
      return `the first business day of ${month}`;
    case "nthBusinessDay":
      return a.n > 0
        ? `the ${ordinal(a.n)} business day of ${month}`
        : `the ${ordinal(-a.n)} business day before the end of ${month}, counting the last business day as the 1st`;
    case "dayOfMonth":
      return `the ${ordinal(a.day)} calendar day of ${month}`;
  }
}

/** What a business-day convention does to a day that is not a business day. */
export function conventionWords(c: DateRule["convention"]): string {
  switch (c) {
    case "following":
      return "if that day is not a business day, the next business day";
    case "modified-following":
      return "if that day is not a business day, the next business day, unless it falls in the next calendar month, in which case the preceding business day";
    case "preceding":
      return "if that day is not a business day, the preceding business day";
    case "modified-preceding":
      return "if that day is not a business day, the preceding business day, unless it falls in the previous calendar month, in which case the next business day";
    case "unadjusted":
      return "that day, whether or not it is a business day";
  }
}

/**
 * What a convention makes of a day that may not be a business day, as the end of a sentence that names the day:
 * ", whether or not it is a business day" or " or, if that day is not a business day, the preceding business day".
 */
function conventionTail(c: DateRule["convention"]): string {
  switch (c) {
    case "unadjusted":
      return ", whether or not it is a business day";
    case "following":
      return " or, if that day is not a business day, the next business day";
    case "preceding":
      return " or, if that day is not a business day, the preceding business day";
    case "modified-following":
      return " or, if that day is not a business day, the next business day unless that falls in the next calendar month, in which case the preceding business day";
    case "modified-preceding":
      return " or, if that day is not a business day, the preceding business day unless that falls in the previous calendar month, in which case the next business day";
  }
}

/**
 * A contract date rule (last trading day) as the complement of one sentence ("The Last Trading Day is …"), naming
 * its calendar by `calendarName`. The runtime evaluates the anchor, then the business-day shift, then the convention
 * (src/runtime/calendar/date-rules.ts): a shifted day and a business-day anchor are business days already, so the
 * convention is said only where it can move the day.
 */
export function dateRuleWords(r: ContractDateRule, calendarName: (name: string) => string): string {
  const rule = r.rule;
  const monthly = r.kind === "monthly" ? r.rule : undefined;
  const start =
    r.kind === "monthly"
      ? anchorWords(r.rule.anchor, monthWords(r.rule.monthOffset))
      : `the ${weekdayName(r.rule.weekday)} of the contract week`;
  const n = rule.shift.businessDays;
  const businessAnchor = monthly !== undefined && /BusinessDay$/.test(monthly.anchor.kind);
  // `not listed when not a business day`: a listed week's day is a business day, so no convention can move it.
  const notListed = r.kind === "weekly" && r.rule.whenNotBusinessDay === "not-listed";
  let day: string;
  if (n > 0) {
    const which = n === 1 ? "the business day" : `the ${ordinal(n)} business day`;
    day = `${which} ${rule.shift.direction === "before" ? "before" : "after"} ${start}`;
  } else if (monthly?.whenNotBusinessDayOn !== undefined) {
    // `when not a business day on OTHER`: the day moves only when OTHER is closed, and then strictly before (after) it.
    const where = rule.convention === "following" ? "after" : "before";
    day = `${start} or, if that day is not a business day of ${calendarName(monthly.whenNotBusinessDayOn)}, the business day ${where} it`;
  } else day = businessAnchor || notListed ? start : `${start}${conventionTail(rule.convention)}`;
  const skipped = notListed
    ? `; no contract is listed for a week whose ${weekdayName(r.rule.weekday)} is not a business day, and that week has no Last Trading Day`
    : "";
  return `${day}, business days being those of ${calendarName(rule.calendar)}${skipped}`;
}

/**
 * When a final settlement is paid, in words: "The final settlement amount is payable on the first business day
 * after the final settlement day of the contract, business days being those of …" (`payment 1 business day
 * after …`); a fallback that makes the value known only on a later day moves the final settlement day, and the
 * payment with it (runtime/functions/payment.ts counts from the certificate's settlement date).
 */
export function paymentWords(p: Payment, calendarName: (name: string) => string): string {
  const which = p.businessDays === 1 ? "the first business day" : `the ${ordinal(p.businessDays)} business day`;
  const after = p.after === "final-settlement-day" ? "the final settlement day of the contract" : "the Last Trading Day";
  return `The final settlement amount is payable on ${which} after ${after}, business days being those of ${calendarName(p.calendar)}.`;
}

/** When a holiday falls, in words. */
export function holidayDateWords(h: HolidayRule): string {
  const d = h.date;
  let when: string;
  switch (d.kind) {
    case "fixed":
      when = `${d.day} ${monthName(d.month)}`;
      break;
    case "nthWeekday":
      when = `the ${ORDINALS[d.n] ?? ordinal(d.n)} ${weekdayName(d.weekday)} of ${monthName(d.month)}`;
      break;
    case "lastWeekday":
      when = `the last ${weekdayName(d.weekday)} of ${monthName(d.month)}`;
      break;
    case "easter":
      when =
        d.offsetDays === 0
          ? "Easter Sunday"
          : `${count(Math.abs(d.offsetDays), "day", "days")} ${d.offsetDays < 0 ? "before" : "after"} Easter Sunday`;
      break;
    case "oneOff":
      when = d.dates.map(longDate).join(", ");
      break;
  }
  const o = h.observance;
  let observed = "";
  if (o.kind === "substitute")
    observed = "; when it falls on a weekend, the next weekday that is not already a holiday is a holiday instead";
  if (o.kind === "shift") {
    const parts: string[] = [];
    if (o.saturday !== "none")
      parts.push(`on a Saturday it is observed on the ${o.saturday === "friday" ? "Friday before" : "Monday after"}`);
    if (o.sunday !== "none") parts.push(`on a Sunday it is observed on the ${o.sunday === "friday" ? "Friday before" : "Monday after"}`);
    if (parts.length > 0) observed = `; ${parts.join(", ")}`;
  }
  const years: string[] = [];
  if (h.fromYear !== undefined) years.push(`from ${h.fromYear}`);
  if (h.untilYear !== undefined) years.push(`until ${h.untilYear}`);
  if (h.exceptYears.length > 0) years.push(`except in ${h.exceptYears.join(", ")}`);
  return `${when}${observed}${years.length > 0 ? ` (${years.join(", ")})` : ""}`;
}

/** A calendar's title and name: "England and Wales bank holidays (ENGLAND_WALES)". */
export function calendarLabel(c: Calendar | undefined, name: string): string {
  return c?.title ? `the ${c.title} calendar (${name})` : `the ${name} calendar`;
}

/**
 * Trading hours in words, as a rulebook writes them: "Sunday to Friday, 5:00 p.m. to 4:00 p.m. Chicago time, with a
 * break of 60 minutes each day beginning at 4:00 p.m." or "24 hours a day, 7 days a week (days in Chicago time)".
 */
export function tradingHoursWords(h: TradingHours): string {
  const brk =
    h.dailyBreak === undefined
      ? ""
      : `, with a break of ${count(h.dailyBreak.minutes, "minute", "minutes")} each day beginning at ${clockTime(h.dailyBreak.begins, h.zone)}`;
  const w = h.week;
  const hours =
    w === undefined
      ? `24 hours a day, 7 days a week (days counted in ${zoneTimeName(h.zone)})${brk}`
      : `${weekdayName(w.opensOn)} to ${weekdayName(w.closesOn)}, ${clockTime(w.opens, h.zone)} to ${clockTime(w.closes, h.zone)} ${zoneTimeName(h.zone)}${brk}`;
  return `Trading hours: ${stop(hours)} Each trading session belongs to the day on which it closes.`;
}

/** A named day that changes a session, in words: "Christmas Eve (24 December): the session closes early at 12:15 p.m.". */
export function sessionChangeWords(c: SessionChange, zone: string | undefined): string {
  const day = holidayDateWords(c.day);
  const shifted = c.shiftDays === 0 ? day : `the day ${c.shiftDays < 0 ? "before" : "after"} ${day}`;
  const what =
    c.closes === null
      ? "there is no trading session closing on that day"
      : `the trading session closing on that day closes early, at ${zone === undefined ? shortTime(c.closes) : clockTime(c.closes, zone)}`;
  return stop(`${c.day.name}, ${shifted}: ${what}`);
}

/** Ends a sentence with one full stop (a time such as "4:00 p.m." already has one). */
function stop(s: string): string {
  return s.endsWith(".") ? s : `${s}.`;
}

/** A fallback step's deadline in words: "within 2 business days of NYSE after the day" (0: "on the day itself"). */
export function deadlineWords(d: { readonly businessDays: number; readonly calendar: string }, calendar: string): string {
  return d.businessDays === 0
    ? "on the day itself"
    : `within ${count(d.businessDays, "business day", "business days")} of ${calendar} after the day`;
}

/**
 * A dealer poll in words (2005 ISDA Commodity Definitions §7.5(c)(i), Fallback Reference Dealers): who is asked, the
 * mean of what quotations, what is dropped, the rounding and the quorum.
 */
export function dealerPollWords(a: Extract<FallbackAction, { kind: "dealer-poll" }>, calendar: string): string {
  const dropped =
    a.dropHighest + a.dropLowest === 0
      ? ""
      : `, disregarding the ${count(a.dropHighest, "highest quotation", "highest quotations")} and the ${count(a.dropLowest, "lowest quotation", "lowest quotations")}`;
  return `${count(a.dealers, "reference dealer is", "reference dealers are")} asked for a quotation of the value for the day; the value is the arithmetic mean of the quotations given ${deadlineWords(a.deadline, calendar)}${dropped}, ${roundingWords(a.rounding)}, provided that at least ${count(a.minimumQuotes, "quotation is", "quotations are")} given; otherwise the next level applies`;
}
