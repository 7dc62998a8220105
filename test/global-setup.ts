/**
 * Vitest global setup of `npm test`: builds dist/ once, before any test file runs, when it is older than the
 * sources. Test files that run the built CLI call ensureBuilt() too (so that one file can be run alone), but
 * after this it finds dist/ current: parallel test files never rebuild it at the same time.
 */
import { ensureBuilt } from "./cli/helpers.js";

export default function setup(): void {
  ensureBuilt();
}
