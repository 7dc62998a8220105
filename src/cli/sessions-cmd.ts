/**
 * `termsheet sessions`: checks and compiles the given sources (src/cli/load.ts), then lists the trading sessions of a
 * contract between two days from its trading hours (runtime/schedule/sessions.ts): text, or one JSON document with
 * `--format json`. Loaded lazily by run.ts.
 */
import { sessionsText, tradingSessions } from "../runtime/schedule/index.js";
import type { ScheduleInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadOrReport } from "./load.js";
import { failure, reportStyle, unknownName } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet sessions`. */
export async function sessionsCommand(inv: ScheduleInvocation, sys: System): Promise<number> {
  const compiled = await loadOrReport(inv.inputs, sys, "model", reportStyle(inv.format, inv.color, sys));
  if (!compiled.ok) return compiled.exit;
  const name = inv.options.contract!;
  const model = compiled.loaded.model!;
  if (!Object.hasOwn(model.contracts, name)) {
    const known = Object.keys(model.contracts);
    return unknownName(sys, { command: "sessions", what: "contract", plural: "contracts", name, known, where: "in the given files" });
  }
  const r = tradingSessions(model.contracts[name]!, inv.options.from!, inv.options.to!);
  if (!r.ok) return failure(sys, r.error);
  sys.write("stdout", inv.format === "json" ? JSON.stringify(r.value, null, 2) + "\n" : sessionsText(r.value));
  return ExitCode.Ok;
}
