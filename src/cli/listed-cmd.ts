/**
 * `termsheet listed`: checks and compiles the given sources (src/cli/load.ts), then lists the contract months (or weeks) of a contract
 * that are listed on a date or at an instant, with their symbols and last trading days (text, or one JSON document with
 * `--format json`). Loaded lazily by run.ts.
 */
import { describeScheduleError, isoSchedule, type ListedJson } from "../runtime/schedule/index.js";
import type { ScheduleInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadContractOrReport } from "./load.js";
import { failure } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet listed`. */
export async function listedCommand(inv: ScheduleInvocation, sys: System): Promise<number> {
  const loaded = await loadContractOrReport(inv, "listed", sys);
  if (!loaded.ok) return loaded.exit;
  const { model, name } = loaded;
  // A date or an instant, both validated by args.ts.
  const r = isoSchedule(model, inv.options.asOf).listed(name, inv.options.on!);
  if (!r.ok)
    return failure(sys, r.error.kind === "invalid-date" ? `not a date or instant: ${r.error.text}` : describeScheduleError(r.error));
  const listed = r.value;
  if (inv.format === "json") {
    const asOf = inv.options.asOf === undefined ? {} : { asOf: inv.options.asOf };
    sys.write("stdout", JSON.stringify({ contract: name, on: inv.options.on, ...asOf, listed }, null, 2) + "\n");
  } else {
    sys.write("stdout", listedText(name, inv.options.on!, listed, inv.options.asOf));
  }
  return ExitCode.Ok;
}

/** The text output of `termsheet listed`: a header line, then one line per listed period. */
export function listedText(name: string, on: string, listed: readonly ListedJson[], asOf?: string): string {
  const lines = [`${name}: ${listed.length} listed on ${on}${asOf === undefined ? "" : `, under the rules as of ${asOf}`}`];
  for (const l of listed) lines.push(`${l.symbol.padEnd(name.length + 7)}${l.period}  last trading day ${l.lastTradingDay}`);
  return lines.join("\n") + "\n";
}
