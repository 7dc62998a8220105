/**
 * The loader's settlement functions: `loadSettlement(json)` loads a compiled spec as an exchange does (validated,
 * hash-checked, typed; a {@link SpecError} for an invalid document) and returns the settlement functions of the
 * runtime (`src/runtime/functions`) for it: `index`, `final` and `daily`, each returning a plain-data report.
 */
import { loadSpec } from "./model/load.js";
import { settlementFunctions, type SpecFunctions } from "./runtime/functions/index.js";

/** `settlementFunctions(loadSpec(json))`: the settlement functions of a compiled spec given as JSON text, bytes or a parsed value. */
export function loadSettlement(json: Parameters<typeof loadSpec>[0]): SpecFunctions {
  return settlementFunctions(loadSpec(json));
}
