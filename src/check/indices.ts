/** Placeholder, replaced by the check's implementation. */
import type { Program, Report } from "./program.js";

export function checkIndices(_program: Program, _report: Report): void {}
