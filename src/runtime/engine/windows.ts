/**
 * Places a declared window on a fixing date: its start and end instants in epoch milliseconds, through the time-zone
 * database. The window ends on the fixing date; `to 24:00` is the end of that day (00:00 of the next), and a window
 * `from … on the previous day` starts on the day before, so "the power day from 23:00 to 23:00 UK time" and "the gas
 * day from 05:00 to 05:00" run across midnight and are 23 or 25 hours long on the days the clocks change.
 */
import { type EpochDay, localToInstant } from "../calendar/index.js";
import type { TimeWindow } from "../spec.js";

/** `24:00:00`, the end of a window's day. */
const END_OF_DAY = "24:00:00";

/** The window's start and end instants (epoch milliseconds) on the fixing day, or why it cannot be placed. */
export function placeWindow(
  day: EpochDay,
  w: TimeWindow,
): { readonly ok: true; readonly start: number; readonly end: number } | { readonly ok: false; readonly reason: string } {
  const f = localToInstant(w.fromDay === "previous" ? day - 1 : day, w.from, w.zone);
  const t = w.to === END_OF_DAY ? localToInstant(day + 1, "00:00:00", w.zone) : localToInstant(day, w.to, w.zone);
  if (!f.ok) return { ok: false, reason: `the start ${w.from}: ${f.error.kind}` };
  if (!t.ok) return { ok: false, reason: `the end ${w.to}: ${t.error.kind}` };
  return { ok: true, start: f.value, end: t.value };
}
