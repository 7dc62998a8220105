/**
 * Helpers of the formatter tests: the laws every formatted file must satisfy (the syntax tree without spans is
 * unchanged, the comments are the same in number and text) and the corpus of real files to check them on.
 */
import { SourceFile } from "../../src/base/source.js";
import { parse } from "../../src/syntax/parse.js";
import { isSpan } from "../helpers/ast-json.js";

export { repoRoot } from "../helpers/paths.js";
export { termsFiles } from "../helpers/files.js";

/** A tree with every span removed, for comparing trees of texts laid out differently. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!isSpan(v)) out[k] = withoutSpans(v);
    return out;
  }
  return value;
}

/** The parse of a text: its tree without spans, its comments' texts, and whether it has syntax errors. */
export function parsed(text: string): { ast: unknown; comments: string[]; errors: number } {
  const r = parse(new SourceFile("f.terms", text));
  return {
    ast: withoutSpans(r.ast),
    comments: r.comments.map((c) => c.text.replace(/\s+$/, "")),
    errors: r.diagnostics.filter((d) => d.severity === "error").length,
  };
}
