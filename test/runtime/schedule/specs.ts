/**
 * Test helper: every source under specs/ checked and lowered to the compiled model, as the runtime schedule's
 * input (the same path the `calendar`, `expiries` and `listed` commands take), built once per test file.
 */
import { checkSources } from "../../../src/driver.js";
import { lowerProgram } from "../../../src/model/from-checked.js";
import type { ScheduleInput } from "../../../src/runtime/schedule/index.js";
import { host, filesUnder } from "../../model/compile-helpers.js";

let cached: ScheduleInput | undefined;

/** The compiled model of specs/ (calendars and contracts by name). */
export function specsModel(): ScheduleInput {
  if (cached !== undefined) return cached;
  const roots = filesUnder("specs").map((path) => ({ path, text: host.readFile(path)! }));
  const checked = checkSources(roots, host);
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`specs/ does not check: ${errors.map((d) => d.message).join("; ")}`);
  const lowered = lowerProgram(checked.program);
  if (!lowered.ok) throw new Error(`specs/ does not lower: ${lowered.diagnostics.map((d) => d.message).join("; ")}`);
  cached = { calendars: Object.fromEntries(lowered.model.calendars), contracts: Object.fromEntries(lowered.model.contracts) };
  return cached;
}
