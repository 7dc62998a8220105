/**
 * The public face of diagnostics/: the Diagnostic type, the code registry and `diag()`, the stable sort order,
 * the text and JSON renderers and did-you-mean suggestions; every other stage imports from here.
 */
export type { Diagnostic, Label, Severity } from "./diagnostic.js";
export {
  Codes,
  allCodes,
  codeInfo,
  codeKey,
  codesByKey,
  diag,
  type Code,
  type CodeInfo,
  type CodeName,
  type DiagExtras,
  type Phase,
} from "./codes.js";
export { compareDiagnostics, sortDiagnostics } from "./sort.js";
export {
  renderDiagnostic,
  renderDiagnostics,
  renderSummary,
  sourceLookup,
  type SourceLookup,
  type TextRenderOptions,
} from "./render-text.js";
export {
  renderJson,
  toJsonDiagnostics,
  type JsonDiagnostic,
  type JsonLabel,
  type JsonLocation,
  type JsonRenderOptions,
} from "./render-json.js";
export { damerauLevenshtein, hintFor, suggest, type SuggestOptions } from "./did-you-mean.js";
