/**
 * `termsheet calendar`: checks and compiles the given sources, then lists the non-business weekdays of one of their
 * calendars between two dates with the holiday names (text, or one JSON document with `--format json`). Also the
 * shared first step of the schedule commands (`expiries`, `listed`): `compileForSchedule` runs the check, prints the
 * diagnostics as `check` does when there are errors, and otherwise lowers the program to the compiled model that the
 * runtime schedule reads. Loaded lazily by run.ts, with the model (zod) behind a further dynamic import.
 */
import { checkSources } from "../driver.js";
import { renderDiagnostics, renderSummary, sourceLookup, toJsonDiagnostics } from "../diagnostics/index.js";
import { suggest } from "../diagnostics/did-you-mean.js";
import { formatIsoDate, parseIsoDate } from "../runtime/calendar/index.js";
import { Schedule, describeScheduleError, holidaysToJson, type ScheduleInput } from "../runtime/schedule/index.js";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { collectInputs, fileHost } from "./inputs.js";
import type { System } from "./system.js";

/** A schedule command's invocation. */
export type ScheduleInvocation = Extract<Invocation, { kind: "schedule" }>;

/** The compiled model, or the exit code after the problems were printed. */
export type Compiled = { readonly ok: true; readonly model: ScheduleInput } | { readonly ok: false; readonly exit: number };

/** Checks and lowers the inputs; on errors prints the diagnostics (as `check` would) and returns the exit code. */
export async function compileForSchedule(inv: ScheduleInvocation, sys: System): Promise<Compiled> {
  const inputs = collectInputs(inv.inputs, sys);
  const checked = checkSources(inputs.roots, fileHost(sys, inputs));
  const diagnostics = [...inputs.problems, ...checked.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) {
    const { lowerProgram } = await import("../model/from-checked.js");
    const lowered = lowerProgram(checked.program);
    if (lowered.ok) {
      return {
        ok: true,
        model: { calendars: Object.fromEntries(lowered.model.calendars), contracts: Object.fromEntries(lowered.model.contracts) },
      };
    }
    diagnostics.push(...lowered.diagnostics);
  }
  const lookup = sourceLookup(checked.sources.values());
  const files = checked.sources.size;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  if (inv.format === "json") {
    sys.write(
      "stdout",
      JSON.stringify({ diagnostics: toJsonDiagnostics(diagnostics, lookup), summary: { errors: errorCount, warnings, files } }, null, 2) +
        "\n",
    );
  } else {
    sys.write(
      "stdout",
      [renderDiagnostics(diagnostics, lookup, { color: false }), renderSummary(diagnostics, files, { color: false })].join("\n\n") + "\n",
    );
  }
  const internal = diagnostics.some((d) => d.code.startsWith("E9") || d.code.startsWith("E6"));
  return { ok: false, exit: internal ? ExitCode.Internal : ExitCode.UserError };
}

/** Reports a name that is not in the compiled sources (a usage error: exit code 2), with a did-you-mean hint. */
export function unknownName(sys: System, command: string, what: string, name: string, known: readonly string[]): number {
  const best = suggest(name, known);
  const lines = [`termsheet: no ${what} \`${name}\` in the given files`];
  if (best !== undefined) lines.push(`hint: did you mean \`${best}\`?`);
  lines.push(`${what === "calendar" ? "calendars" : "contracts"}: ${known.length === 0 ? "(none)" : [...known].sort().join(", ")}`);
  lines.push(`Run \`termsheet help ${command}\` for more.`);
  sys.write("stderr", lines.join("\n") + "\n");
  return ExitCode.Usage;
}

/** Reports a schedule question without an answer (exit code 1). */
export function scheduleFailure(sys: System, message: string): number {
  sys.write("stderr", `error: ${message}\n`);
  return ExitCode.UserError;
}

/** Runs `termsheet calendar`. */
export async function calendarCommand(inv: ScheduleInvocation, sys: System): Promise<number> {
  const compiled = await compileForSchedule(inv, sys);
  if (!compiled.ok) return compiled.exit;
  const name = inv.options.calendar!;
  const model = compiled.model;
  if (!Object.hasOwn(model.calendars, name)) return unknownName(sys, "calendar", "calendar", name, Object.keys(model.calendars));
  const engine = new Schedule(model).engine(name);
  if (!engine.ok) return scheduleFailure(sys, describeScheduleError(engine.error));
  const from = parseIsoDate(inv.options.from!)!;
  const to = parseIsoDate(inv.options.to!)!;
  if (!engine.value.supports(from) || !engine.value.supports(to)) return scheduleFailure(sys, "dates must be in the years 1600-4000");
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
