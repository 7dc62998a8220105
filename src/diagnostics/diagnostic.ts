/**
 * The Diagnostic value: what every phase reports instead of throwing.
 * Rendering lives in render-text.ts and render-json.ts; codes live in codes.ts.
 */
import type { Span } from "../base/source.js";

export type Severity = "error" | "warning" | "note";

/** A secondary location with a label, e.g. "declared here". */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  /** Stable code such as "E2001"; see codes.ts. */
  readonly code: string;
  readonly severity: Severity;
  /** One line, no trailing period. */
  readonly message: string;
  /** The exact span the carets go under. */
  readonly span: Span;
  /** Context path, outermost first, e.g. ["future FOTI", "fallback", "step 2"]. */
  readonly context?: readonly string[];
  readonly labels?: readonly Label[];
  readonly notes?: readonly string[];
  readonly hint?: string;
}
