/**
 * The expiry calendar pane: for the chosen contract, its expiries of the next twelve months (symbol, last trading
 * day, termination instant, final settlement date, listed or not on the as-of date), and month grids of the next
 * six months marking the last trading days and final settlement dates of the file's contracts and the weekends and
 * holidays of the calendars they use. The data is the runtime schedule's (session.ts); this file only lays it out.
 */
import type { CalendarDay, CompileOutput, ContractExpiries } from "./session.js";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Lays out the expiry calendar of `output` for the declaration `selected`. */
export function renderExpiries(container: HTMLElement, output: CompileOutput, selected: string): void {
  container.replaceChildren();
  const contract = output.contracts.find((c) => c.contract === selected) ?? output.contracts[0];
  const intro = el("p", "pane-intro");
  intro.textContent =
    contract === undefined
      ? `${selected} is not a contract: the calendar shows the holidays of ${listWords(output.calendars)} from ${output.asOf}.`
      : `Expiries of ${contract.contract} from ${output.asOf}, the as-of date, with the non-business days of ${listWords(output.calendars)}.`;
  container.appendChild(intro);
  if (contract !== undefined) container.appendChild(expiryTable(contract));
  container.appendChild(legend(output, contract !== undefined));
  const grid = el("div", "months");
  for (const month of output.months) {
    const box = el("section", "month");
    box.appendChild(el("h4", "", `${MONTH_NAMES[month.month - 1]} ${month.year}`));
    const table = el("table", "month-grid");
    const head = table.appendChild(el("thead")).appendChild(el("tr"));
    for (const w of WEEKDAYS) head.appendChild(el("th", "", w));
    const body = table.appendChild(el("tbody"));
    let row = body.appendChild(el("tr"));
    for (let i = 1; i < month.days[0]!.weekday; i++) row.appendChild(el("td", "blank"));
    for (const day of month.days) {
      if (day.weekday === 1 && day.day > 1) row = body.appendChild(el("tr"));
      row.appendChild(dayCell(day, output.calendars.length));
    }
    box.appendChild(table);
    grid.appendChild(box);
  }
  container.appendChild(grid);
}

function expiryTable(c: ContractExpiries): HTMLElement {
  if (c.error !== null) return el("p", "error-note", `The schedule of ${c.contract} could not be computed: ${c.error}.`);
  const table = el("table", "expiries");
  const head = table.appendChild(el("thead")).appendChild(el("tr"));
  for (const h of ["Contract", "Last trading day", "Trading terminates", "Final settlement", ""]) head.appendChild(el("th", "", h));
  const body = table.appendChild(el("tbody"));
  const listed = new Set(c.listed);
  for (const e of c.expiries) {
    const tr = body.appendChild(el("tr"));
    const symbol = tr.appendChild(el("td", "symbol", e.symbol));
    symbol.appendChild(el("span", "period", periodName(e.period)));
    tr.appendChild(el("td", "date", dateName(e.lastTradingDay)));
    tr.appendChild(
      el(
        "td",
        "",
        e.termination === null
          ? "not stated"
          : `${hhmm(e.termination.time)} ${e.termination.zone} (${e.termination.utc.slice(11, 16)} UTC)`,
      ),
    );
    tr.appendChild(el("td", "date", e.finalSettlementDate === null ? "not stated" : dateName(e.finalSettlementDate)));
    const badge = tr.appendChild(el("td", "badges"));
    if (listed.has(e.symbol)) badge.appendChild(el("span", "badge", "listed")).setAttribute("title", "listed on the as-of date");
    if (e.averagingDays !== null) badge.appendChild(el("span", "badge badge-quiet", `${e.averagingDays.length} averaging days`));
  }
  return table;
}

/** "2026-03" as "Mar 2026"; a week ("2026-W13") as it is. */
function periodName(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m === null ? period : `${MONTH_NAMES[Number(m[2]) - 1]!.slice(0, 3)} ${m[1]}`;
}

/** "2026-03-27" as "Fri 27 Mar 2026". */
function dateName(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${weekdayOf(iso)} ${d} ${MONTH_NAMES[m - 1]!.slice(0, 3)} ${y}`;
}

/** "16:00:00" as "16:00"; a time with seconds keeps them. */
function hhmm(time: string): string {
  return time.replace(/^(\d{2}:\d{2}):00$/, "$1");
}

function legend(output: CompileOutput, contracts: boolean): HTMLElement {
  const box = el("div", "legend");
  if (contracts) box.append(swatch("ltd", "last trading day"), swatch("fsd", "final settlement date"));
  box.append(swatch("holiday", `holiday${output.calendars.length > 1 ? " (in any calendar)" : ""}`), swatch("weekend", "weekend"));
  return box;
}

function swatch(kind: string, text: string): HTMLElement {
  const item = el("span", "legend-item");
  item.append(el("span", `swatch swatch-${kind}`), text);
  return item;
}

function dayCell(day: CalendarDay, calendars: number): HTMLElement {
  const td = el("td", "day");
  td.appendChild(el("span", "day-number", String(day.day)));
  const notes: string[] = [day.date];
  if (day.weekendOf.length > 0 && day.weekendOf.length >= calendars) td.classList.add("weekend");
  if (day.holidays.length > 0) {
    td.classList.add("holiday");
    for (const h of day.holidays) notes.push(`${h.calendar}: ${h.names.join(", ")}`);
  }
  for (const e of day.events) {
    td.classList.add(e.kind === "last-trading-day" ? "ltd" : "fsd");
    notes.push(`${e.symbol}: ${e.kind === "last-trading-day" ? "last trading day" : "final settlement date"}`);
  }
  if (day.events.length > 0) td.appendChild(el("span", "day-event", day.events.map((e) => e.symbol.replace(/^.*-/, "")).join(" ")));
  td.title = notes.join("\n");
  return td;
}

function weekdayOf(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

function listWords(words: readonly string[]): string {
  if (words.length === 0) return "no calendar";
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function el(tag: string, className = "", text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className !== "") e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
