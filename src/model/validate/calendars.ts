/** A calendar's invariants beyond the runtime's own validation. */
import { MAX_SUPPORTED_YEAR, MIN_SUPPORTED_YEAR, nthWeekdayOfMonth } from "../../runtime/calendar/index.js";
import type { Calendar } from "../calendar.js";
import { Doc } from "./doc.js";

/** A calendar's weekend, holiday rules and one-off dates in order and in range. */
export function calendarProblems(doc: Doc, base: string, cal: Calendar): void {
  const strictlyAscending = (xs: readonly (number | string)[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1]! < x);
  if (!strictlyAscending(cal.weekend)) doc.problem(`${base}/weekend`, "must list distinct weekdays in ascending order");
  if (cal.weekend.length === 0 && cal.joint === undefined)
    doc.problem(`${base}/weekend`, "is empty: a calendar that is not joint has a weekend (Saturday and Sunday unless stated)");
  if (new Set(cal.basedOn).size !== cal.basedOn.length) doc.problem(`${base}/basedOn`, "names a calendar twice");
  if (cal.joint !== undefined && new Set(cal.joint.calendars).size !== cal.joint.calendars.length)
    doc.problem(`${base}/joint/calendars`, "names a calendar twice");
  cal.basedOn.forEach((name, i) => {
    if (Object.hasOwn(doc.spec.calendars, name) && doc.spec.calendars[name]!.joint !== undefined)
      doc.problem(`${base}/basedOn/${i}`, `${name} is a joint calendar, which has no holidays of its own to base a calendar on`);
  });
  cal.holidays.forEach((h, i) => {
    const at = `${base}/holidays/${i}`;
    for (const k of ["fromYear", "untilYear"] as const) {
      const y = h[k];
      if (y !== undefined && (y < MIN_SUPPORTED_YEAR || y > MAX_SUPPORTED_YEAR))
        doc.problem(`${at}/${k}`, `must be a year between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}`);
    }
    if (h.fromYear !== undefined && h.untilYear !== undefined && h.untilYear < h.fromYear)
      doc.problem(`${at}/untilYear`, `the years run from ${h.fromYear} until ${h.untilYear}, which ends before it starts`);
    if (!strictlyAscending(h.exceptYears)) doc.problem(`${at}/exceptYears`, "must list distinct years in ascending order");
    h.exceptYears.forEach((y, j) => {
      if (y < MIN_SUPPORTED_YEAR || y > MAX_SUPPORTED_YEAR)
        doc.problem(`${at}/exceptYears/${j}`, `must be a year between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}`);
    });
    const d = h.date;
    if (d.kind === "oneOff" && !strictlyAscending(d.dates)) doc.problem(`${at}/date/dates`, "must list distinct dates in ascending order");
    if (d.kind === "nthWeekday" && d.n === 5 && h.fromYear !== undefined && h.untilYear !== undefined && h.untilYear - h.fromYear < 400) {
      let occurs = false;
      for (let y = h.fromYear; y <= h.untilYear && !occurs; y++)
        if (!h.exceptYears.includes(y) && nthWeekdayOfMonth(y, d.month, 5, d.weekday) !== undefined) occurs = true;
      if (!occurs) doc.problem(`${at}/date/n`, `no month of those years has a fifth such weekday, so the holiday never occurs`);
    }
  });
}
