/**
 * Public entry of the legal backend: renders a compiled spec as a readable contract in Markdown or HTML
 * (`renderContract`), built from the compiled model by from-model.ts and printed by to-markdown.ts / to-html.ts.
 */
import type { Spec } from "../../model/types.js";
import { buildDocument, type RenderOptions } from "./from-model.js";
import { toHtml } from "./to-html.js";
import { toMarkdown } from "./to-markdown.js";
import { toDocx } from "./to-docx.js";

export type { Block, DocClause, DocSection, LegalDocument } from "./document.js";
export { buildDocument, type RenderOptions } from "./from-model.js";
export { toHtml } from "./to-html.js";
export { toMarkdown } from "./to-markdown.js";
export { toDocx } from "./to-docx.js";

/** Renders a spec's contract (or its subject) as a Word document (.docx bytes). */
export function renderContractDocx(spec: Spec, options: RenderOptions): Uint8Array {
  return toDocx(buildDocument(spec, options));
}

/** Renders a spec's contract (or its subject) as Markdown or HTML. */
export function renderContract(spec: Spec, format: "md" | "html", options: RenderOptions): string {
  const doc = buildDocument(spec, options);
  return format === "md" ? toMarkdown(doc) : toHtml(doc);
}
