/**
 * `termsheet strikes`: loads the spec (a compiled `.json` spec, or `.terms` sources compiled first) and lists the
 * strikes an option's strike listing schedule lists for a contract month on a date around a reference price, tier by
 * tier (runtime/functions/strikes-listed.ts). Loaded lazily by run.ts.
 */
import { strikesListed, type StrikesReport } from "../runtime/functions/strikes-listed.js";
import type { StrikesInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadSpecInput } from "./load.js";
import { failure, reportStyle, unknownName } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet strikes`. */
export async function strikesCommand(inv: StrikesInvocation, sys: System): Promise<number> {
  const o = inv.options;
  const loaded = await loadSpecInput(inv.inputs, o.contract, "strikes", sys, reportStyle(inv.format, false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec = loaded.spec;
  if (!Object.hasOwn(spec.contracts, o.contract)) {
    const known = Object.keys(spec.contracts);
    return unknownName(sys, { command: "strikes", what: "contract", plural: "contracts", name: o.contract, known, where: "in the spec" });
  }
  const r = strikesListed(spec, o.contract, { period: o.month, reference: o.reference, on: o.on, asOf: o.asOf });
  if ("error" in r) return failure(sys, r.error);
  sys.write("stdout", inv.format === "json" ? JSON.stringify(r, null, 2) + "\n" : strikesText(r));
  return ExitCode.Ok;
}

/** The text answer: a header, one line per tier, then the strikes. */
export function strikesText(r: StrikesReport): string {
  const lines = [
    `${r.symbol} strikes listed on ${r.on} around ${r.reference}: month ${r.rank} of ${r.listed} listed, ${r.strikes.length} strike(s)`,
  ];
  for (const t of r.tiers) {
    const head = `  tier ${t.tier}: every ${t.interval} from ${t.below}% below to ${t.above}% above${t.nearestMonths === null ? "" : `, nearest ${t.nearestMonths} month(s)`}`;
    lines.push(
      t.applies
        ? `${head}: at the money ${t.atTheMoney}, ${t.low} to ${t.high}, ${t.strikes.length} strike(s)`
        : `${head}: not listed (month ${r.rank})`,
    );
  }
  lines.push(`  strikes: ${r.strikes.join(", ")}`);
  if (r.clauses.length > 0) lines.push(`  rule ${r.clauses.join("; ")}`);
  return lines.join("\n") + "\n";
}
