/**
 * `termsheet calendar`: checks and compiles the given sources (src/cli/load.ts, to the model stage), then lists the
 * non-business weekdays of one of their calendars between two dates with the holiday names (text, or one JSON
 * document with `--format json`). Loaded lazily by run.ts.
 */
import { formatIsoDate, parseIsoDate } from "../runtime/calendar/index.js";
import { Schedule, describeScheduleError, holidaysToJson } from "../runtime/schedule/index.js";
import type { ScheduleInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadOrReport } from "./load.js";
import { failure, reportStyle, unknownName } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet calendar`. */
export async function calendarCommand(inv: ScheduleInvocation, sys: System): Promise<number> {
  const compiled = await loadOrReport(inv.inputs, sys, "model", reportStyle(inv.format, inv.color, sys));
  if (!compiled.ok) return compiled.exit;
  const name = inv.options.calendar!;
  const model = compiled.loaded.model!;
  if (!Object.hasOwn(model.calendars, name)) {
    const known = Object.keys(model.calendars);
    return unknownName(sys, { command: "calendar", what: "calendar", plural: "calendars", name, known, where: "in the given files" });
  }
  const engine = new Schedule(model).engine(name);
  if (!engine.ok) return failure(sys, describeScheduleError(engine.error));
  const from = parseIsoDate(inv.options.from!)!;
  const to = parseIsoDate(inv.options.to!)!;
  if (!engine.value.supports(from) || !engine.value.supports(to)) return failure(sys, "dates must be in the years 1600-4000");
  const holidays = holidaysToJson(engine.value, from, to);
  if (inv.format === "json") {
    const doc = { calendar: name, timeZone: engine.value.timeZone, from: formatIsoDate(from), to: formatIsoDate(to), holidays };
    sys.write("stdout", JSON.stringify(doc, null, 2) + "\n");
  } else {
    sys.write("stdout", calendarText(name, engine.value.timeZone, formatIsoDate(from), formatIsoDate(to), holidays));
  }
  return ExitCode.Ok;
}

/** The text output of `termsheet calendar`: a header line, then one line per non-business weekday. */
export function calendarText(name: string, zone: string, from: string, to: string, holidays: ReturnType<typeof holidaysToJson>): string {
  const lines = [`${name} (${zone}): ${holidays.length} non-business weekday${holidays.length === 1 ? "" : "s"} from ${from} to ${to}`];
  for (const h of holidays) lines.push(`${h.date}  ${h.weekday.slice(0, 3)}  ${h.names.join("; ")}`);
  return lines.join("\n") + "\n";
}
