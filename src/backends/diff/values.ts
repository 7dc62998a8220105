/**
 * What the diff's comparisons share about the values of a compiled spec: a value without its annotations, and which
 * fields hold lists of clauses.
 */
import type * as S from "../../runtime/spec.js";

export const ANNOTATIONS = new Set(["descriptions", "clauses", "title"]);

/** A value without its annotations (descriptions, references, titles), for telling editorial from economic changes. */
export function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!ANNOTATIONS.has(k)) out[k] = strip(x);
    return out;
  }
  return v;
}

/** Whether a field's value is a list of clauses (every rule of a contract or an index is one). */
export function isClauseList(v: unknown): v is readonly S.Clause<unknown>[] {
  return Array.isArray(v) && v.every((c: unknown) => typeof c === "object" && c !== null && "effective" in c && "value" in c);
}

/** The fields holding rules that all apply, compared member by member. */
export const RULE_LISTS = new Set(["sources", "positionLimits", "degradation", "legs"]);
