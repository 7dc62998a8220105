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

export const KNOWN_OPEN: readonly KnownOpen[] = [];

/** The known-open class a failure belongs to, if any. */
export function knownOpen(failure: Failure, text: string): KnownOpen | undefined {
  return KNOWN_OPEN.find((k) => k.matches(failure, text));
}
