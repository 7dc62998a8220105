/**
 * `termsheet price`: loads the spec (a compiled `.json` spec, or `.terms` sources compiled first) and says whether a
 * price is valid for one of its contracts — on the tick grid of the instrument, in the contract's price domain —
 * with the tick, the tick value and the nearest valid prices (runtime/functions/price-check.ts). Loaded lazily by
 * run.ts.
 */
import { defaultGrid, priceCheck, type PriceCheckReport } from "../runtime/functions/price-check.js";
import type { PriceInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadSpecInput } from "./load.js";
import { failure, reportStyle, unknownName } from "./report.js";
import type { System } from "./system.js";

/** Runs `termsheet price`. */
export async function priceCommand(inv: PriceInvocation, sys: System): Promise<number> {
  const o = inv.options;
  const loaded = await loadSpecInput(inv.inputs, o.contract, "price", sys, reportStyle(inv.format, false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec = loaded.spec;
  const contracts = (n: string) => (Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined);
  const c = contracts(o.contract);
  if (c === undefined) {
    const known = Object.keys(spec.contracts);
    return unknownName(sys, { command: "price", what: "contract", plural: "contracts", name: o.contract, known, where: "in the spec" });
  }
  const r = priceCheck(contracts, o.contract, o.price, o.grid ?? defaultGrid(c), o.on);
  if ("error" in r) return failure(sys, r.error);
  sys.write("stdout", inv.format === "json" ? JSON.stringify(r, null, 2) + "\n" : priceText(r));
  return r.valid ? ExitCode.Ok : ExitCode.UserError;
}

/** The text answer: whether the price is valid and why not, the tick and its value, the nearest valid prices. */
export function priceText(r: PriceCheckReport): string {
  const unit = r.unit === null ? "" : ` ${r.unit}`;
  const grid = r.grid === "outright" ? "" : ` (${r.grid})`;
  const value = r.tickValue === null ? "" : `, tick value ${r.tickValue} ${r.currency} per contract`;
  const lines = [
    `${r.contract}${grid}: ${r.price}${unit} is ${r.valid ? "a valid price" : `not a valid price: ${r.reason}`}`,
    `  tick ${r.tick}${unit} at this price${value}`,
    `  nearest valid prices: ${r.below ?? "none"} below, ${r.above ?? "none"} above`,
  ];
  if (r.clauses.length > 0) lines.push(`  rule ${r.clauses.join("; ")}`);
  return lines.join("\n") + "\n";
}
