/**
 * The payment day of a final settlement (`payment 1 business day after the final settlement day on EUREX`): the
 * calendar's Nth business day after the final settlement day or the last trading day, as the certificate states it.
 * Read from the contract terms in force on the last trading day, so both settlement backends compute it alike.
 */
import type { CalendarEngine } from "../calendar/index.js";
import { formatIsoDate, parseIsoDate } from "../calendar/index.js";
import type { Payment } from "../spec.js";
import type { PaymentReport } from "./reports.js";

/** The words of a payment rule, e.g. "1 business day after the final settlement day on EUREX". */
export function paymentRuleText(p: Payment): string {
  const what = p.after === "final-settlement-day" ? "the final settlement day" : "the last trading day";
  return `${p.businessDays} business day${p.businessDays === 1 ? "" : "s"} after ${what} on ${p.calendar}`;
}

/**
 * The payment of a contract period: undefined when the terms state no payment, or the day it counts from is not
 * known (no final settlement date); an error message when the calendar is missing or the day is out of its range.
 */
export function paymentOf(
  payment: Payment | undefined,
  dates: { readonly lastTradingDay: string; readonly settlementDate: string | null },
  engine: (name: string) => CalendarEngine | undefined,
): PaymentReport | string | undefined {
  if (payment === undefined) return undefined;
  const from = payment.after === "final-settlement-day" ? dates.settlementDate : dates.lastTradingDay;
  if (from === null) return undefined;
  const e = engine(payment.calendar);
  const day = parseIsoDate(from);
  if (e === undefined || day === undefined) return `the payment calendar ${payment.calendar} is not in this spec`;
  let date: number;
  try {
    date = e.addBusinessDays(day, payment.businessDays);
  } catch (err) {
    return `the payment day after ${from} is outside the calendar ${payment.calendar}'s years: ${err instanceof Error ? err.message : String(err)}`;
  }
  return { date: formatIsoDate(date), from, rule: paymentRuleText(payment) };
}
