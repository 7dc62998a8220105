/**
 * `termsheet sessions`: checks and compiles the given sources (src/cli/load.ts), then lists the trading sessions of a
 * contract between two days from its trading hours (runtime/schedule/sessions.ts): text, or one JSON document with
 * `--format json`. Loaded lazily by run.ts.
 */
import { sessionsText, tradingSessions } from "../runtime/schedule/index.js";
import type { ScheduleInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadContractOrReport } from "./load.js";
import { failure } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet sessions`. */
export async function sessionsCommand(inv: ScheduleInvocation, sys: System): Promise<number> {
  const loaded = await loadContractOrReport(inv, "sessions", sys);
  if (!loaded.ok) return loaded.exit;
  const { model, name } = loaded;
  const r = tradingSessions(model.contracts[name]!, inv.options.from!, inv.options.to!);
  if (!r.ok) return failure(sys, r.error);
  sys.write("stdout", inv.format === "json" ? JSON.stringify(r.value, null, 2) + "\n" : sessionsText(r.value));
  return ExitCode.Ok;
}
