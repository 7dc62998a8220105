/**
 * `termsheet halts`: loads the spec (a compiled `.json` spec, or `.terms` sources compiled first), reads the price
 * path (the future's trades, through the observations reader `settle` uses: a malformed row names its file, line and
 * field) and prints where the future's dynamic circuit breakers halt trading along it (runtime/functions/halts.ts,
 * the function a generated module exports as `halts`). Loaded lazily by run.ts.
 */
import { haltsOf, reportJson, reportText, specEnv } from "../runtime/functions/index.js";
import type { HaltsInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadSpecInput } from "./load.js";
import { readObservationsFile } from "./market-data-files.js";
import { failure, reportStyle, unknownName } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet halts`. */
export async function haltsCommand(inv: HaltsInvocation, sys: System): Promise<number> {
  const o = inv.options;
  const loaded = await loadSpecInput(inv.inputs, o.contract, "halts", sys, reportStyle(inv.format, false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec = loaded.spec;
  if (!Object.hasOwn(spec.contracts, o.contract)) {
    const known = Object.keys(spec.contracts).filter((n) => spec.contracts[n]!.kind === "future");
    return unknownName(sys, { command: "halts", what: "future", plural: "futures", name: o.contract, known, where: "in the spec" });
  }
  const read = readObservationsFile(o.prices, undefined, sys);
  if (!read.ok) {
    sys.write("stderr", read.lines.join("\n") + "\n");
    return ExitCode.UserError;
  }
  const prices = read.value;
  // The trading day by default: the UTC date of the first price (the date selects the rule and the tick in force).
  const date = o.date ?? (prices.length > 0 ? new Date(prices.time[0]! / 1000).toISOString().slice(0, 10) : undefined);
  if (date === undefined) return failure(sys, `\`${o.prices}\` has no prices: give the trading day with \`--date YYYY-MM-DD\``);
  const r = haltsOf(specEnv(spec), o.contract, {
    date,
    prior: o.prior,
    observations: prices,
    ...(o.month !== undefined ? { period: o.month } : {}),
  });
  sys.write("stdout", inv.format === "json" ? reportJson(r) : reportText(r));
  return r.ok ? ExitCode.Ok : ExitCode.UserError;
}
