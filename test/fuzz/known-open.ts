/**
 * The one list of failure classes the fuzzer knows to be open and being fixed elsewhere, so that the fixed-seed
 * sample of `npm test` passes meanwhile. Each entry names the class, who is fixing it and how to recognise it; a
 * failure that matches none is a new finding and fails the sample. The list is meant to be empty: an entry is
 * removed as soon as its fix is merged (the sample then fails if the class still occurs, since nothing excuses it).
 */
import type { Failure } from "./pipeline.js";

/** A failure class known to be open. */
export interface KnownOpen {
  /** A short name, printed in the summary. */
  readonly name: string;
  /** The branch or issue fixing it. */
  readonly fixing: string;
  /** Whether a failure (and the mutant's text) belongs to this class. */
  readonly matches: (failure: Failure, text: string) => boolean;
}

export const KNOWN_OPEN: readonly KnownOpen[] = [
  {
    name: "a declaration named __proto__",
    fixing: "h13-checked (issue 13, crashes after a clean check)",
    matches: (f) => f.class === "internal-error" && f.message.includes("__proto__"),
  },
  {
    name: "24:00 as a time of day (windows, publication, midpoint, termination, disruption deadline)",
    fixing: "h13-checked (issue 13, `window ... to 24:00`; other clauses in /work/brief/fuzz-findings.md)",
    matches: (f, text) => f.class === "internal-error" && text.includes("24:00") && f.message.includes("[01][0-9]|2[0-3]"),
  },
  {
    name: "fractional or huge counts",
    fixing: "h13-checked (issue 13, fractional and huge counts)",
    matches: (f) => f.class === "internal-error" && /not a whole number|safe integer|is too large|Too big: expected number/.test(f.message),
  },
  {
    name: "a holiday named by an empty string",
    fixing: "h13-checked (found by the fuzzer; /work/brief/fuzz-findings.md)",
    matches: (f) => f.class === "internal-error" && /\/holidays\/\d+\/name: Too small/.test(f.message),
  },
];

/** The known-open class a failure belongs to, if any. */
export function knownOpen(failure: Failure, text: string): KnownOpen | undefined {
  return KNOWN_OPEN.find((k) => k.matches(failure, text));
}
