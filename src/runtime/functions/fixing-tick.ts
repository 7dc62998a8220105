/**
 * `fixings of INDEX on the tick` and `fixings of INDEX rounded to the tick MODE`: the fixings of an index that a
 * contract settles on are prices of the contract, on its tick grid. Before a settlement reads them, a fixing of the
 * index off the grid is refused (an `off-tick` error naming its file, line and field and the two nearest valid prices),
 * or rounded to the tick of its tier by the declared mode. The one place both settlement functions apply the clause.
 */
import type { Fixing } from "../market-data/index.js";
import { Ratio } from "../numbers/ratio.js";
import { applyRounding } from "../engine/settlement.js";
import type { FixingTick } from "../spec.js";
import type { ReportError, TickTiers } from "./reports.js";
import { offTick, tickTable } from "./steps.js";

/** The fixings as the clause makes them: unchanged without it, each of its index aligned to the tick, or the first refused. */
export function fixingsOnTick(
  fixings: readonly Fixing[] | undefined,
  rule: FixingTick | undefined,
  tick: TickTiers | null,
): readonly Fixing[] | undefined | ReportError {
  if (fixings === undefined || rule === undefined || tick === null) return fixings;
  const table = tickTable(tick);
  const out: Fixing[] = [];
  for (const f of fixings) {
    if (f.index !== rule.index) {
      out.push(f);
      continue;
    }
    const where = `${f.file ?? "fixings"} line ${f.line}, field value: the fixing of ${f.index}`;
    const off = offTick(where, f.value, tick);
    if (off === undefined) {
      out.push(f);
      continue;
    }
    if (rule.mode === null) return off;
    const rounded = applyRounding(Ratio.fromDecimal(f.value), { kind: "tick", mode: rule.mode }, table);
    if (typeof rounded === "string") return { kind: "off-tick", message: `${where} ${f.value.toString()}: ${rounded}` };
    out.push({ ...f, value: rounded });
  }
  return out;
}
