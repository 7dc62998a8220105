/**
 * Code actions: fixes for the diagnostics of a document. A did-you-mean hint replaces the misspelt word; an unknown
 * name that the standard library (or another file of the project) declares gets its import; a tick, strike step or
 * exercise threshold written without a unit gets the contract's quote unit; a unit written with `/` gets `per`.
 */
import type { SourceFile } from "../base/source.js";
import type { Declaration, Quantity } from "../syntax/ast.js";
import { importEdit } from "./completion.js";
import { STANDARD_CALENDARS, STANDARD_PREFIX } from "../check/imports.js";
import type { ServiceContext } from "./context.js";
import { offsetAt, rangeOf } from "./text.js";
import type { CodeAction, Range, ServiceDiagnostic } from "./types.js";

const DID_YOU_MEAN = /^did you mean `([^`]+)`\?$/;
/** A hint that names the exact replacement of the diagnostic's span, for the codes that promise it. */
const WRITE = /^write `([^`]+)`/;

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range["start"], y: Range["start"]): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The fixes for the diagnostics of `path` that touch `range`. */
export function codeActionsFor(ctx: ServiceContext, path: string, range: Range): CodeAction[] {
  const checked = ctx.checked(path);
  const file = checked.program.files.find((f) => f.source.path === path);
  if (file === undefined) return [];
  const source = file.source;
  const out: CodeAction[] = [];
  for (const d of ctx.diagnostics(path)) {
    if (!overlaps(d.range, range)) continue;
    const start = offsetAt(source, d.range.start);
    const end = offsetAt(source, d.range.end);
    const written = source.text.slice(start, end);
    const hint = d.data.hint ?? "";
    const mean = DID_YOU_MEAN.exec(hint);
    if (mean !== null && /^[\p{L}\p{N}_/+-]+$/u.test(written)) {
      out.push(fix(`Change to \`${mean[1]}\``, d, path, [{ range: d.range, newText: mean[1]! }], true));
    }
    const write = WRITE.exec(hint);
    if (
      write !== null &&
      (d.data.key === "unexpected-token" || d.data.key === "missing-token" || d.data.key === "unknown-time-zone") &&
      written.length > 0
    ) {
      if (d.data.message.includes("`per`") || d.data.message.includes("24-hour")) {
        out.push(fix(`Write \`${write[1]}\``, d, path, [{ range: d.range, newText: write[1]! }], true));
      }
    }
    if (d.data.key === "unknown-name") out.push(...importFixes(ctx, path, d));
    out.push(...unitFixes(file.ast.declarations, source, d, path));
  }
  return out;
}

function fix(
  title: string,
  d: ServiceDiagnostic,
  path: string,
  edits: CodeAction["edit"]["changes"][string],
  preferred = false,
): CodeAction {
  return { title, kind: "quickfix", diagnostics: [d], edit: { changes: { [path]: edits } }, ...(preferred ? { isPreferred: true } : {}) };
}

/** `unknown calendar \`NYSE\``: an import of the standard library's NYSE (`std:calendars`), or of the project file that declares it. */
function importFixes(ctx: ServiceContext, path: string, d: ServiceDiagnostic): CodeAction[] {
  const name = /`([^`]+)`/.exec(d.data.message)?.[1];
  if (name === undefined) return [];
  const targets: string[] = [];
  for (const note of d.data.notes) {
    const m = /^`[^`]+` is declared in (.+), which this file does not import$/.exec(note);
    if (m !== null && !targets.includes(m[1]!)) targets.push(m[1]!);
  }
  const specs = targets.flatMap((target) => ctx.host.importPath?.(path, target) ?? []);
  // A standard calendar is imported by its module's name, which reads the same from any folder.
  if (ctx.standardNames().has(name)) specs.unshift(STANDARD_PREFIX + STANDARD_CALENDARS);
  return specs.map((spec) => fix(`Add \`import ${name} from "${spec}"\``, d, path, [importEdit(ctx, path, name, spec)], true));
}

/** A quantity written with an amount and no unit, in a statement whose unit is the contract's quote unit. */
function unitFixes(decls: readonly Declaration[], source: SourceFile, d: ServiceDiagnostic, path: string): CodeAction[] {
  const at = offsetAt(source, d.range.start);
  const decl = decls.find((x) => x.span.start <= at && at <= x.span.end);
  if (decl === undefined) return [];
  const quoted = decl.statements.find((s) => s.kind === "Quoted");
  if (quoted?.kind !== "Quoted" || quoted.unit === undefined) return [];
  const unitText = source.text.slice(quoted.unit.span.start, quoted.unit.span.end);
  const quantities: Quantity[] = [];
  for (const s of decl.statements) {
    if (s.span.start > at || at > s.span.end + 1) continue;
    if (s.kind === "Tick") for (const t of s.tiers) if (t.tick) quantities.push(t.tick);
    if (s.kind === "Strikes" && s.step) quantities.push(s.step);
    if (s.kind === "AutoExercise" && s.threshold) quantities.push(s.threshold);
  }
  const out: CodeAction[] = [];
  for (const q of quantities) {
    // Error recovery leaves an empty word where the unit is missing.
    const words = (q.unit?.numerator?.words ?? []).filter((w) => w.name !== "");
    if (words.length > 0) continue;
    const numberEnd = q.amount?.span.end ?? q.unit?.numerator?.scale?.span.end;
    if (numberEnd === undefined) continue;
    const pos = rangeOf(source, { start: numberEnd, end: numberEnd });
    out.push(fix(`Add the quote unit \`${unitText}\``, d, path, [{ range: pos, newText: ` ${unitText}` }], true));
  }
  return out;
}
