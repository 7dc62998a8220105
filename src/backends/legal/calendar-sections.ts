/** The calendars chapter and the table of the next contract months with their last trading days. */
import type { Calendar, Spec } from "../../model/types.js";
import { formatInstant, formatIsoDate, parseIsoDate, toCivil, weekdayOf } from "../../runtime/calendar/index.js";
import { Schedule, describeScheduleError } from "../../runtime/schedule/index.js";
import { formatUtc } from "../../runtime/schedule/json.js";
import { expiryCalendar } from "./figures.js";
import { workedExamples } from "./examples.js";
import { capitalise, count, holidayDateWords, longDate, clockTime, zoneTimeName, monthName, weekdayName } from "./words.js";
import { type Piece, p, sentence, annotations, Builder } from "./builder.js";

export function calendarSection(b: Builder, cals: readonly Calendar[]): void {
  if (cals.length === 0) return;
  b.open();
  for (const c of cals) {
    const blocks: Piece[] = [...annotations(c)];
    blocks.push(
      p(
        `Days are counted in ${zoneTimeName(c.timeZone)}. ${c.weekend.length === 0 ? "No day of the week is a weekend day." : `${c.weekend.map(weekdayName).join(" and ")} ${c.weekend.length === 1 ? "is not a business day" : "are not business days"}.`}`,
      ),
    );
    if (c.basedOn.length > 0) blocks.push(p(`The holidays of ${c.basedOn.map(b.cal).join(" and ")} are holidays too.`));
    if (c.joint !== undefined) {
      blocks.push(
        p(
          `A business day must also be a business day ${c.joint.mode === "all" ? "in every one" : "in at least one"} of ${c.joint.calendars.map(b.cal).join(" and ")}.`,
        ),
      );
    }
    if (c.holidays.length > 0) {
      blocks.push({
        kind: "table",
        head: ["Holiday", "Date"],
        rows: c.holidays.map((h) => [
          h.name,
          sentence(capitalise(holidayDateWords(h))) +
            [
              ...h.descriptions.map((d) => ` ${sentence(d)}`),
              ...(h.clauses.length > 0 ? [` Reference: ${h.clauses.join("; ")}.`] : []),
            ].join(""),
        ]),
      });
    }
    b.add(`${c.title ?? c.name} (${c.name})`, blocks, `calendar ${c.name}`);
  }
  b.close("Business-day calendars");
}

export function monthsSection(b: Builder, spec: Spec, name: string, asOf: string, n: number, rulesAsOf: string | undefined): void {
  const day = parseIsoDate(asOf);
  if (day === undefined) return;
  const start = toCivil(day);
  const from = { year: start.year, month: start.month };
  const endIndex = start.year * 12 + start.month - 1 + n + 2;
  const to = { year: Math.floor(endIndex / 12), month: (endIndex % 12) + 1 };
  const schedule = new Schedule(spec).asOf(rulesAsOf);
  const r = schedule.expiries(name, from, to);
  b.open();
  if (!r.ok) {
    b.add("Contract months", [p(`The contract months from ${longDate(asOf)} cannot be listed: ${describeScheduleError(r.error)}.`)]);
  } else {
    const listed = r.value.filter((e) => e.lastTradingDay >= day).slice(0, n);
    const rows = listed.map((e) => {
      const t = e.termination;
      const local = t === undefined ? undefined : formatInstant(t.instant, t.zone);
      return [
        e.symbol,
        e.period.kind === "month" ? `${monthName(e.period.month)} ${e.period.year}` : `Week of ${longDate(formatIsoDate(e.period.monday))}`,
        `${weekdayName(weekdayOf(e.lastTradingDay))} ${longDate(formatIsoDate(e.lastTradingDay))}`,
        t === undefined || local === undefined || !local.ok
          ? "not stated"
          : `${clockTime(local.value.slice(11, 19), t.zone)} ${zoneTimeName(t.zone)} (UTC${local.value.slice(19)})`,
        t === undefined ? "not stated" : formatUtc(t.instant).replace("T", " ").replace("Z", " UTC"),
        e.finalSettlementDate === undefined ? "not stated" : longDate(formatIsoDate(e.finalSettlementDate)),
      ];
    });
    b.add("Contract months", [
      p(
        `The next ${count(rows.length, "contract period", "contract periods")} with a Last Trading Day on or after ${longDate(asOf)}, with the instant trading terminates in local time and in Coordinated Universal Time (UTC):`,
      ),
      {
        kind: "table",
        head: ["Symbol", "Contract period", "Last Trading Day", "Termination (local)", "Termination (UTC)", "Final settlement date"],
        rows,
      },
    ]);
    b.attach("Contract months", expiryCalendar(spec, name, listed, schedule));
    const first = listed[0];
    const c = spec.contracts[name];
    if (first !== undefined && c !== undefined) {
      b.add("Worked examples", [
        ...workedExamples(spec, c, schedule, first.symbol, first.lastTradingDay),
        ...(c.kind === "spread"
          ? [
              p(
                "A spread has no final settlement price of its own: each leg is settled as its contract, so its examples are those of the legs.",
              ),
            ]
          : []),
      ]);
    }
  }
  b.close("Contract months");
}
