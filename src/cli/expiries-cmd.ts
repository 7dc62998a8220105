/**
 * `termsheet expiries`: checks and compiles the given sources (src/cli/load.ts), then lists a contract's expiries for a range of
 * contract months: the last trading day, the termination instant in UTC and in its zone, the final settlement date,
 * the averaging days and, for a spread settled leg by leg, its legs (text, or one JSON document with
 * `--format json`). Loaded lazily by run.ts.
 */
import { Schedule, describeScheduleError, expiryToJson, type ExpiryJson } from "../runtime/schedule/index.js";
import type { ScheduleInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadContractOrReport } from "./load.js";
import { failure } from "./report.js";
import type { System } from "./system.js";

const month = (text: string): { year: number; month: number } => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) });

/** Runs `termsheet expiries`. */
export async function expiriesCommand(inv: ScheduleInvocation, sys: System): Promise<number> {
  const loaded = await loadContractOrReport(inv, "expiries", sys);
  if (!loaded.ok) return loaded.exit;
  const { model, name } = loaded;
  const r = new Schedule(model).asOf(inv.options.asOf).expiries(name, month(inv.options.from!), month(inv.options.to!));
  if (!r.ok) return failure(sys, describeScheduleError(r.error));
  const expiries = r.value.map(expiryToJson);
  if (inv.format === "json") {
    const asOf = inv.options.asOf === undefined ? {} : { asOf: inv.options.asOf };
    sys.write("stdout", JSON.stringify({ contract: name, from: inv.options.from, to: inv.options.to, ...asOf, expiries }, null, 2) + "\n");
  } else {
    sys.write("stdout", expiriesText(name, inv.options.from!, inv.options.to!, expiries, inv.options.asOf));
  }
  return ExitCode.Ok;
}

/** The text output of `termsheet expiries`: one block of lines per contract period. */
export function expiriesText(name: string, from: string, to: string, expiries: readonly ExpiryJson[], asOf?: string): string {
  const lines = [
    `${name}: ${expiries.length} expir${expiries.length === 1 ? "y" : "ies"} from ${from} to ${to}${asOf === undefined ? "" : `, under the rules as of ${asOf}`}`,
  ];
  for (const e of expiries) {
    lines.push("");
    lines.push(`${e.symbol}  (${e.period})`);
    lines.push(`  last trading day       ${e.lastTradingDay}`);
    lines.push(
      `  termination            ${e.termination === null ? "not stated" : `${e.termination.utc}  (${e.termination.local} ${e.termination.zone})`}`,
    );
    lines.push(`  final settlement date  ${e.finalSettlementDate ?? "not stated"}`);
    if (e.averagingDays !== null) {
      const first = e.averagingDays[0];
      const last = e.averagingDays[e.averagingDays.length - 1];
      lines.push(`  averaging days         ${e.averagingDays.length}${first === undefined ? "" : `: ${first} to ${last}`}`);
    }
    for (const l of e.legs ?? [])
      lines.push(
        `  leg ${l.side.padEnd(4)} ${l.symbol}  last trading day ${l.lastTradingDay}, final settlement ${l.finalSettlementDate ?? "not stated"}`,
      );
  }
  return lines.join("\n") + "\n";
}
