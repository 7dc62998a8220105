/**
 * Formatting a .terms source with the plugin through prettier's standalone entry: the API behind `termsheet fmt`.
 * Pure: text in, text (or the syntax diagnostics that refuse it) out.
 */
import { format } from "prettier/standalone";
import type { Diagnostic } from "../diagnostics/index.js";
import { termsPlugin, TermsSyntaxError } from "./plugin.js";

/** The result of formatting: the formatted text, or the syntax diagnostics that refused the file. */
export type FormatResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Options of `formatTerms`; the defaults are the house style's. */
export interface FormatOptions {
  readonly printWidth?: number;
  readonly path?: string;
}

/** Formats one source file; a file with syntax errors is refused with the diagnostics `check` reports. */
export async function formatTerms(text: string, options: FormatOptions = {}): Promise<FormatResult> {
  try {
    const out = await format(text, {
      parser: "terms",
      plugins: [termsPlugin as never],
      filepath: options.path ?? "<input>.terms",
      ...(options.printWidth !== undefined ? { printWidth: options.printWidth } : {}),
    });
    return { ok: true, text: out };
  } catch (e) {
    if (e instanceof TermsSyntaxError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
}
