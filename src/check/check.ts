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
import { checkLegPricing } from "./leg-pricing.js";
import { checkVersions } from "./versions.js";
import { checkDescriptions } from "./descriptions.js";
import { checkDeclaredUnits } from "./declared-units.js";
import { checkBusinessDayCalendars } from "./business-days.js";
import { CheckedRecord, type Checked } from "./checked.js";
import { lowerableDeclaration, type CheckedDeclaration, type CheckedProgram, type Unchecked } from "./lowerable.js";

/**
 * Runs all checks in a fixed order (names first: later checks rely on resolved references) and returns what they
 * established (checked.ts), with the checked IR of every declaration for the lowering (lowerable.ts).
 */
export function checkProgram(program: Program, report: Report): Checked & CheckedProgram {
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
  checkLegPricing(program, report);
  checkVersions(program, report);
  checkDescriptions(program, report);
  const declarations: CheckedDeclaration[] = [];
  const unchecked: Unchecked[] = [];
  for (const file of program.files) {
    for (const decl of file.ast.declarations) {
      if (decl.name === undefined) continue;
      const r = lowerableDeclaration(decl, record);
      if ("what" in r) unchecked.push({ decl, missing: r });
      else declarations.push({ file: file.source.path, decl: r });
    }
  }
  return Object.assign(record, { declarations, unchecked });
}
