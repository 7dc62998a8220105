/**
 * Contract periods and their symbols. A monthly contract is named by the futures month codes
 * (F G H J K M N Q U V X Z for January … December) and a two-digit year, `FOTI-Z26` for December 2026; a weekly
 * contract by its ISO week, `FOTW-26W13` for the week Monday 23 – Sunday 29 March 2026 (ISO week-year 2026,
 * week 13). Two-digit years repeat every century, as on every exchange; symbols name listed contracts, which are
 * never a century apart. Pure functions over epoch days.
 */
import { formatIsoDate, fromCivil, lastDayOfMonth, shiftMonth, weekdayOf, yearOf, type EpochDay } from "../calendar/index.js";

/** The futures month codes, January first. */
export const MONTH_CODES = ["F", "G", "H", "J", "K", "M", "N", "Q", "U", "V", "X", "Z"] as const;

/** A contract period: a calendar month, or an ISO week identified by its Monday. */
export type ContractPeriod =
  | { readonly kind: "month"; readonly year: number; readonly month: number }
  | { readonly kind: "week"; readonly monday: EpochDay; readonly isoYear: number; readonly isoWeek: number };

/** The month code of a month (1–12), e.g. "Z" for December. */
export function monthCode(month: number): string {
  const c = MONTH_CODES[month - 1];
  if (c === undefined) throw new RangeError(`not a month: ${month}`);
  return c;
}

/** The month (1–12) of a month code, or undefined. */
export function monthOfCode(code: string): number | undefined {
  const i = (MONTH_CODES as readonly string[]).indexOf(code);
  return i < 0 ? undefined : i + 1;
}

/** The contract period of a month. */
export function monthPeriod(year: number, month: number): ContractPeriod {
  return { kind: "month", year, month };
}

/** The contract period of the ISO week containing a day. */
export function weekPeriod(day: EpochDay): ContractPeriod {
  const monday = day - (weekdayOf(day) - 1);
  const thursday = monday + 3;
  const isoYear = yearOf(thursday);
  const isoWeek = Math.floor((thursday - fromCivil(isoYear, 1, 1)) / 7) + 1;
  return { kind: "week", monday, isoYear, isoWeek };
}

/** The first day of a period: the 1st of the month, or the Monday of the week. */
export function periodStart(p: ContractPeriod): EpochDay {
  return p.kind === "month" ? fromCivil(p.year, p.month, 1) : p.monday;
}

/** A period as text: "2026-03" for a month, "2026-W13" for an ISO week. */
export function formatPeriod(p: ContractPeriod): string {
  return p.kind === "month"
    ? `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}`
    : `${p.isoYear}-W${String(p.isoWeek).padStart(2, "0")}`;
}

const two = (n: number): string => String(((n % 100) + 100) % 100).padStart(2, "0");

/** The symbol of a contract period: `FOTI-Z26` (month code, two-digit year) or `FOTW-26W13` (ISO week). */
export function contractSymbol(contract: string, p: ContractPeriod): string {
  return p.kind === "month"
    ? `${contract}-${monthCode(p.month)}${two(p.year)}`
    : `${contract}-${two(p.isoYear)}W${String(p.isoWeek).padStart(2, "0")}`;
}

const SYMBOL = /^([A-Za-z_][A-Za-z0-9_]*)-(?:([FGHJKMNQUVXZ])(\d{2})|(\d{2})W(\d{2}))$/;

/**
 * Parses a symbol back into its contract and period; the century is the one of `century` (e.g. 2000), so
 * `FOTI-Z26` with century 2000 is December 2026. Undefined for malformed symbols and weeks a year does not have.
 */
export function parseContractSymbol(symbol: string, century = 2000): { contract: string; period: ContractPeriod } | undefined {
  const m = SYMBOL.exec(symbol);
  if (!m) return undefined;
  const contract = m[1]!;
  if (m[2] !== undefined) return { contract, period: monthPeriod(century + Number(m[3]), monthOfCode(m[2])!) };
  const isoYear = century + Number(m[4]);
  const week = Number(m[5]);
  const jan4 = fromCivil(isoYear, 1, 4);
  const monday = jan4 - (weekdayOf(jan4) - 1) + (week - 1) * 7;
  const p = weekPeriod(monday);
  return week >= 1 && p.kind === "week" && p.isoYear === isoYear && p.isoWeek === week ? { contract, period: p } : undefined;
}

/** An ISO date for messages and JSON. */
export const isoDate = formatIsoDate;

/** A month as a running count of months, and back. */
export const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
export const fromIndex = (i: number): ContractPeriod => {
  const y = Math.floor(i / 12);
  return monthPeriod(y, i - y * 12 + 1);
};

/** A period moved by n months (or weeks). */
export function shiftPeriod(p: ContractPeriod, n: number): ContractPeriod {
  if (p.kind === "week") return weekPeriod(p.monday + 7 * n);
  const s = shiftMonth(p.year, p.month, n);
  return monthPeriod(s.year, s.month);
}

/** Periods in time order. */
export function sortPeriods(ps: ContractPeriod[]): ContractPeriod[] {
  return ps.sort((a, b) => periodStart(a) - periodStart(b));
}

/** Monthly periods, or ISO weeks whose Thursday lies in the months, from `from` to `to` inclusive. */
export function periodsBetween(
  kind: "month" | "week",
  from: { year: number; month: number },
  to: { year: number; month: number },
): ContractPeriod[] {
  const out: ContractPeriod[] = [];
  if (kind === "month") {
    for (let i = monthIndex(from.year, from.month); i <= monthIndex(to.year, to.month); i++) out.push(fromIndex(i));
    return out;
  }
  const first = fromCivil(from.year, from.month, 1);
  const last = lastDayOfMonth(to.year, to.month);
  // The Thursday on or after the first day, then every 7 days.
  let thursday = first + ((4 - (((((first + 3) % 7) + 7) % 7) + 1) + 7) % 7);
  for (; thursday <= last; thursday += 7) out.push(weekPeriod(thursday));
  return out;
}
