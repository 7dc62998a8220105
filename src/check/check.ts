/**
 * The checker's entry: runs every check over a built Program. Checks report diagnostics and never throw;
 * each one tolerates the partial trees that error recovery produces.
 */
import type { Program, Report } from "./program.js";
import { checkNames } from "./names.js";
import { checkCalendars } from "./calendars.js";
import { checkIndices } from "./indices.js";
import { checkContracts } from "./contracts.js";
import { checkFallbacks } from "./fallbacks.js";
import { checkIndexLicences } from "./index-licence.js";
import { checkFixingTicks } from "./fixing-tick.js";
import { checkVersions } from "./versions.js";
import { checkDescriptions } from "./descriptions.js";
import { checkDeclaredUnits } from "./declared-units.js";
import { checkBusinessDayCalendars } from "./business-days.js";
import { CheckedRecord, type Checked } from "./checked.js";

/**
 * Runs all checks in a fixed order (names first: later checks rely on resolved references) and returns what they
 * established for the lowering (checked.ts).
 */
export function checkProgram(program: Program, report: Report): Checked {
  const record = new CheckedRecord(program);
  checkNames(program, report, record);
  checkDeclaredUnits(program, report);
  checkCalendars(program, report, {}, record);
  checkBusinessDayCalendars(program, report, record);
  checkIndices(program, report);
  checkContracts(program, report, record);
  checkFallbacks(program, report);
  checkIndexLicences(program, report);
  checkFixingTicks(program, report);
  checkVersions(program, report);
  checkDescriptions(program, report);
  return record;
}
