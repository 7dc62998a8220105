/** Placeholder, replaced by the check's implementation. */
import type { Program, Report } from "./program.js";

export function checkCalendars(_program: Program, _report: Report): void {}
