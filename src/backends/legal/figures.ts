/**
 * The pictures of the readable contract, as inline SVG built by hand from the model (deterministic: the same spec
 * gives the same bytes; every coordinate is computed from the data): the expiry calendar of the listed contract
 * months (each month's days, the last trading day, and the holidays that moved it, found by evaluating the same
 * rules with the calendars' holidays removed), and the index methodology as a flow of its calculation steps, each
 * box saying the generated sentences of the clause it stands for. Each figure is accessible: `role="img"`, a `<title>`
 * and a `<desc>` (aria-labelledby names it by its title, aria-describedby gives the description), and a label on each month and each step. Printed by to-html.ts only;
 * the Markdown and Word documents say the same in words.
 */
import type { ContractDateRule, Spec } from "../../model/types.js";
import {
  daysInMonth,
  firstDayOfMonth,
  formatIsoDate,
  toCivil,
  weekdayOf,
  type CalendarEngine,
  type EpochDay,
} from "../../runtime/calendar/index.js";
import { Schedule, type Expiry } from "../../runtime/schedule/index.js";
import { versionOn } from "../../runtime/versions.js";
import type { Figure } from "./document.js";
import { longDate, monthName, weekdayName } from "./words.js";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An accessible SVG element: role img, named by its title (aria-labelledby), described by its desc (aria-describedby). */
function svg(id: string, width: number, height: number, title: string, desc: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="figure" id="${id}" role="img" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-family="Georgia, 'Times New Roman', serif">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/** One listed month in the calendar picture. */
interface MonthRow {
  readonly label: string;
  readonly year: number;
  readonly month: number;
  readonly lastTradingDay: EpochDay;
  /** The days that were not business days because of a holiday, with the holiday names. */
  readonly holidays: readonly { day: EpochDay; names: readonly string[] }[];
  /** The holidays that moved the last trading day: the last trading day the rules give without them, if different. */
  readonly unmovedDay: EpochDay | undefined;
  readonly engine: CalendarEngine;
}

/**
 * The expiry calendar of a contract: one row per listed contract period, the days of the month of its last trading
 * day, non-business days shaded, holidays marked, the last trading day filled and, when holidays moved it, the day it
 * would have been. Undefined when the contract has no last trading day rule of its own (a spread settled by its legs).
 */
export function expiryCalendar(spec: Spec, name: string, listed: readonly Expiry[], schedule: Schedule): Figure | undefined {
  const c = Object.hasOwn(spec.contracts, name) ? spec.contracts[name] : undefined;
  if (c === undefined || listed.length === 0) return undefined;
  // The same rules over calendars without holidays: where the day differs, holidays moved it.
  const bare = new Schedule({
    ...spec,
    calendars: Object.fromEntries(Object.entries(spec.calendars).map(([k, cal]) => [k, { ...cal, holidays: [] }])),
  });
  const rows: MonthRow[] = [];
  for (const e of listed) {
    const rule = lastTradingDayRule(spec, name, formatIsoDate(e.lastTradingDay));
    if (rule === undefined) return undefined;
    const engine = schedule.engine(rule.rule.calendar);
    if (!engine.ok) return undefined;
    const { year, month } = toCivil(e.lastTradingDay);
    const first = firstDayOfMonth(year, month);
    const holidays = engine.value.holidaysBetween(first, first + daysInMonth(year, month)).map((h) => ({ day: h.day, names: h.names }));
    const alt = bare.lastTradingDay(name, e.period);
    const unmovedDay = alt.ok && alt.value !== e.lastTradingDay ? alt.value : undefined;
    const label = e.period.kind === "month" ? `${monthName(e.period.month).slice(0, 3)} ${e.period.year}` : e.symbol;
    rows.push({ label, year, month, lastTradingDay: e.lastTradingDay, holidays, unmovedDay, engine: engine.value });
  }
  const cell = 20;
  const left = 96;
  const top = 34;
  const rowH = 26;
  const width = left + 31 * cell + 12;
  const height = top + rows.length * rowH + 40;
  const body: string[] = [];
  // Day numbers along the top.
  for (let d = 1; d <= 31; d++)
    body.push(`<text x="${left + (d - 1) * cell + cell / 2}" y="${top - 8}" font-size="9" text-anchor="middle" fill="#444">${d}</text>`);
  const moved: string[] = [];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const n = daysInMonth(r.year, r.month);
    const first = firstDayOfMonth(r.year, r.month);
    const engine = r.engine;
    const engineHolidays = new Map(r.holidays.map((h) => [h.day, h.names]));
    const ltd = `${weekdayName(weekdayOf(r.lastTradingDay))} ${longDate(formatIsoDate(r.lastTradingDay))}`;
    const why =
      r.unmovedDay === undefined
        ? ""
        : `, moved from ${weekdayName(weekdayOf(r.unmovedDay))} ${longDate(formatIsoDate(r.unmovedDay))} by ${holidayNamesBetween(r, engineHolidays)}`;
    if (why !== "") moved.push(`${r.label}${why}`);
    body.push(`<g aria-label="${esc(`${r.label}: last trading day ${ltd}${why}`)}">`);
    body.push(`<text x="${left - 8}" y="${y + 14}" font-size="11" text-anchor="end">${esc(r.label)}</text>`);
    for (let d = 0; d < n; d++) {
      const day = first + d;
      const x = left + d * cell;
      const names = engineHolidays.get(day);
      const weekend = engine.isWeekend(day);
      const isLtd = day === r.lastTradingDay;
      const fill = isLtd ? "#1f4e79" : names !== undefined ? "#f4c7c3" : weekend ? "#e6e6e6" : "#ffffff";
      const tip = names !== undefined ? `<title>${esc(`${longDate(formatIsoDate(day))}: ${names.join(", ")}`)}</title>` : "";
      body.push(
        `<rect x="${x + 1}" y="${y + 2}" width="${cell - 2}" height="${rowH - 6}" fill="${fill}" stroke="#999" stroke-width="0.5">${tip}</rect>`,
      );
      if (names !== undefined)
        body.push(`<text x="${x + cell / 2}" y="${y + 15}" font-size="9" text-anchor="middle" fill="#8b1a1a">H</text>`);
      if (day === r.unmovedDay)
        body.push(
          `<rect x="${x + 3}" y="${y + 4}" width="${cell - 6}" height="${rowH - 10}" fill="none" stroke="#1f4e79" stroke-width="1.5" stroke-dasharray="2 2"/>`,
        );
    }
    body.push("</g>");
  });
  // Legend.
  const ly = top + rows.length * rowH + 14;
  const legend: [string, string, string][] = [
    ["#1f4e79", "#999", "Last trading day"],
    ["#f4c7c3", "#999", "Holiday (H)"],
    ["#e6e6e6", "#999", "Weekend day"],
    ["none", "#1f4e79", "Day without the holidays"],
  ];
  legend.forEach(([fill, stroke, label], k) => {
    const x = left + k * 150;
    body.push(
      `<rect x="${x}" y="${ly}" width="14" height="14" fill="${fill}" stroke="${stroke}"${fill === "none" ? ' stroke-dasharray="2 2" stroke-width="1.5"' : ""}/>`,
      `<text x="${x + 20}" y="${ly + 11}" font-size="10">${esc(label)}</text>`,
    );
  });
  const firstRow = rows[0]!;
  const lastRow = rows[rows.length - 1]!;
  const desc =
    `The last trading day of each of the ${rows.length} contract periods listed from ${firstRow.label} to ${lastRow.label}, on the days of its month, with the holidays of the calendar that determines it. ` +
    (moved.length === 0 ? "No last trading day of these periods was moved by a holiday." : `Moved by holidays: ${moved.join("; ")}.`);
  return {
    id: `expiry-calendar-${name}`,
    title: `Expiry calendar of ${name}`,
    description: desc,
    svg: svg(`expiry-calendar-${name}`, width, height, `Expiry calendar of ${name}`, desc, body),
  };
}

/** The last trading day rule in force on a date: the contract's own, or its underlying future's (an option). */
function lastTradingDayRule(spec: Spec, name: string, date: string, depth = 0): ContractDateRule | undefined {
  const c = Object.hasOwn(spec.contracts, name) ? spec.contracts[name] : undefined;
  if (c === undefined || depth > 8) return undefined;
  const own = versionOn(c.lastTradingDay, date)?.value;
  if (own !== undefined) return own;
  const u = c.kind === "option" ? versionOn(c.underlying, date)?.value : undefined;
  return u?.kind === "future" ? lastTradingDayRule(spec, u.name, date, depth + 1) : undefined;
}

function holidayNamesBetween(r: MonthRow, holidays: ReadonlyMap<EpochDay, readonly string[]>): string {
  const [a, b] = r.unmovedDay! < r.lastTradingDay ? [r.unmovedDay!, r.lastTradingDay] : [r.lastTradingDay, r.unmovedDay!];
  const names: string[] = [];
  for (const [day, ns] of holidays) if (day >= a && day <= b) for (const x of ns) if (!names.includes(x)) names.push(x);
  return names.length === 0 ? "a holiday" : names.join(" and ");
}

/** Splits a text into lines of at most `max` characters at spaces (a longer word stands alone). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const w of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + w.length > max) {
      lines.push(line);
      line = w;
    } else line = line === "" ? w : `${line} ${w}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The methodology of an index as a flow, top to bottom: sources, each calculation step, publication; each box has
 * the step's title and the generated sentences of its clause.
 */
export function methodologyDiagram(index: string, steps: readonly { title: string; text: string }[]): Figure | undefined {
  if (steps.length < 2) return undefined;
  const width = 560;
  const boxW = 520;
  const x = (width - boxW) / 2;
  const lineH = 14;
  const gap = 22;
  const body: string[] = [
    '<defs><marker id="arrow-' +
      esc(index) +
      '" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
  ];
  let y = 8;
  steps.forEach((s, k) => {
    const shown = wrap(s.text, 100);
    const h = 24 + shown.length * lineH + 6;
    body.push(`<g aria-label="${esc(`Step ${k + 1}, ${s.title}: ${s.text}`)}">`);
    body.push(`<rect x="${x}" y="${y}" width="${boxW}" height="${h}" rx="6" fill="#f3f6fa" stroke="#1f4e79"/>`);
    body.push(`<text x="${x + 10}" y="${y + 17}" font-size="12" font-weight="bold">${esc(`${k + 1}. ${s.title}`)}</text>`);
    shown.forEach((l, j) => body.push(`<text x="${x + 10}" y="${y + 34 + j * lineH}" font-size="10.5">${esc(l)}</text>`));
    body.push("</g>");
    y += h;
    if (k < steps.length - 1) {
      body.push(
        `<line x1="${width / 2}" y1="${y}" x2="${width / 2}" y2="${y + gap - 2}" stroke="#444" stroke-width="1.5" marker-end="url(#arrow-${esc(index)})"/>`,
      );
      y += gap;
    }
  });
  const height = y + 8;
  const id = `methodology-${index}`;
  const title = `Methodology of ${index}`;
  const desc = `How a value of ${index} is fixed, in ${steps.length} steps: ${steps.map((s) => s.title.toLowerCase()).join(", then ")}.`;
  return { id, title, description: desc, svg: svg(id, width, height, title, desc, body) };
}
