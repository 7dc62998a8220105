/**
 * Public entry of the diff backend: compares two compiled specs (`diffSpecs`) and prints the comparison as
 * Markdown, HTML or JSON (`renderDiff`).
 */
import { diffToHtml, diffToJson, diffToMarkdown } from "./render.js";
import { diffSpecs, type DiffOptions, type SpecDiff } from "./semantic.js";
import type { Spec } from "../../model/types.js";

export type { Change, DiffOptions, MonthChange, RedlineClause, RedlinePiece, SpecDiff } from "./semantic.js";
export { diffSpecs, wordDiff } from "./semantic.js";
export { diffToHtml, diffToJson, diffToMarkdown } from "./render.js";
export { diffToDocx, type RevisionOptions } from "./to-docx.js";

/** Compares two specs and prints the comparison. */
export function renderDiff(oldSpec: Spec, newSpec: Spec, format: "md" | "html" | "json", options: DiffOptions): string {
  const d: SpecDiff = diffSpecs(oldSpec, newSpec, options);
  return format === "md" ? diffToMarkdown(d) : format === "html" ? diffToHtml(d) : diffToJson(d);
}
