/**
 * Completion: the keywords the grammar accepts at the cursor (the parser's own content assist, through
 * syntax/scan.ts, from the start of the statement, or of the fallback or daily-settlement block, being written),
 * and where it accepts a name or a word, the ones that fit the place: declared and standard-library names of the
 * kind the clause refers to (a standard calendar not yet imported comes with its import), the words of the closed
 * vocabularies (check/words.ts), units (the standard ones and the program's declared units), IANA time zones; at the top level and at the start of a statement, snippets
 * of whole declarations and statements.
 */
import { SourceFile } from "../base/source.js";
import { CURRENCIES, KNOWN_UNIT_WORDS, SCALE_WORDS, declaredUnitWords } from "../base/units.js";
import { declaredUnits } from "../check/declared-units.js";
import type { Program } from "../check/program.js";
import { WORD_SETS, wordsOf, type WordSet } from "../check/words.js";
import { knownTimeZones } from "../runtime/calendar/index.js";
import type { DeclarationKind } from "../syntax/ast.js";
import { expectedAfter, scan, type ScannedToken } from "../syntax/scan.js";
import type { ServiceContext } from "./context.js";
import { offsetAt, rangeOf } from "./text.js";
import { CompletionKind, type CompletionItem, type Position, type TextEdit } from "./types.js";

/** Snippets of whole declarations, offered at the top level. */
const DECLARATION_SNIPPETS: readonly { label: string; detail: string; body: string }[] = [
  {
    label: "calendar",
    detail: "a business-day calendar",
    body: 'calendar ${1:NAME} "${2:Title}" {\n  time zone ${3:Europe/London}\n  weekend Saturday, Sunday\n  holiday "${4:New Year\'s Day}" on 1 January observed on the next weekday\n}\n',
  },
  {
    label: "index",
    detail: "an index methodology",
    body: 'index ${1:NAME} "${2:Title}" {\n  administrator "${3:Administrator Ltd.}"\n  quoted in ${4:USD per 1M tokens}\n  source ${5:SOURCE} "${6:Source title}" {\n    models "${7:model}"\n    quoted in ${4:USD per 1M tokens}\n  }\n  minimum sources 1\n  aggregate sources by median\n  round to 0.0001 half-even\n  publish on business days of ${8:CALENDAR} at 16:00 ${9:Europe/London}\n}\n',
  },
  {
    label: "future",
    detail: "a cash-settled future",
    body: 'future ${1:NAME} "${2:Title}" {\n  underlying index ${3:INDEX}\n  contract unit ${4:1000 million tokens}\n  price quoted in ${5:USD per 1M tokens}\n  tick ${6:0.001} ${5:USD per 1M tokens}\n  listing ${7:6} consecutive months\n  last trading day is the last Friday of the contract month, adjusted preceding on ${8:CALENDAR}\n  trading terminates at 16:00 ${9:Europe/London}\n  final settlement in cash at ${3:INDEX} at 16:00 ${9:Europe/London} on the last trading day, rounded to ${6:0.001} half-even\n}\n',
  },
  {
    label: "option",
    detail: "a European option on a future",
    body: 'option ${1:NAME} "${2:Title}" {\n  underlying future ${3:FUTURE}\n  type call, put\n  exercise european\n  strikes every ${4:0.05 USD per 1M tokens}\n  premium tick ${5:0.001 USD per 1M tokens}\n  expiry with the underlying\n  final settlement in cash at the final settlement price of ${3:FUTURE}, unrounded\n}\n',
  },
  {
    label: "spread",
    detail: "a calendar spread",
    body: 'spread ${1:NAME} "${2:Title}" {\n  leg buy 1 ${3:FUTURE}\n  leg sell 1 ${3:FUTURE} 1 month later\n  spread tick ${4:0.001 USD per 1M tokens}\n  negative prices allowed\n  final settlement in cash leg by leg, unrounded\n}\n',
  },
];

/** Snippets of statements with several parts, offered at the start of a statement. */
const STATEMENT_SNIPPETS: readonly { label: string; detail: string; body: string; in: readonly DeclarationKind[] }[] = [
  {
    label: "last trading day",
    detail: "the last trading day rule",
    body: "last trading day is the ${1|last,first,second,third,fourth|} ${2|Friday,Thursday,Wednesday,Tuesday,Monday|} of the contract month, adjusted ${3|preceding,following,modified-following,modified-preceding,unadjusted|} on ${4:CALENDAR}",
    in: ["future"],
  },
  {
    label: "final settlement",
    detail: "cash settlement at an index fixing",
    body: "final settlement in cash at ${1:INDEX} at ${2:16:00} ${3:Europe/London} on the last trading day, rounded to ${4:0.001} ${5|half-even,half-up,half-down,down,up|}",
    in: ["future"],
  },
  {
    label: "fallback",
    detail: "a fallback waterfall",
    body: "fallback {\n  disruption if not-published by ${1:18:00} ${2:Europe/London}\n  1. postpone up to ${3:2} business days on ${4:CALENDAR} for not-published\n  2. determined by the exchange\n}",
    in: ["future", "option", "spread"],
  },
  {
    label: "holiday",
    detail: "a fixed-date holiday",
    body: 'holiday "${1:Name}" on ${2:1} ${3|January,February,March,April,May,June,July,August,September,October,November,December|} observed on the next weekday',
    in: ["calendar"],
  },
  {
    label: "source",
    detail: "an index source",
    body: 'source ${1:NAME} "${2:Title}" {\n  models "${3:model}"\n  quoted in ${4:USD per 1M tokens}\n}',
    in: ["index"],
  },
];

const DECLARATION_WORDS: ReadonlySet<string> = new Set(["calendar", "index", "future", "option", "spread"]);
const ANNOTATION_WORDS = ["description", "clause", "effective"];

/** Which names and words fit after the given tokens (the last one is nearest the cursor). */
type Wanted =
  | { readonly kind: "names"; readonly kinds: readonly DeclarationKind[] }
  | { readonly kind: "words"; readonly set: WordSet<unknown> }
  | { readonly kind: "units" }
  | { readonly kind: "zones" }
  | { readonly kind: "durations" };

function wantedAfter(before: readonly ScannedToken[], scope: DeclarationKind | undefined): Wanted | undefined {
  const w = (i: number): string => before[before.length - i]?.image ?? "";
  const c = (i: number): string => before[before.length - i]?.class ?? "";
  const p1 = w(1);
  const p2 = w(2);
  const p3 = w(3);
  const numeric = (i: number): boolean => c(i) === "number" || c(i) === "scaled-number";
  const words = (set: WordSet<unknown>): Wanted => ({ kind: "words", set });
  const stmt = before.map((t) => t.image);
  const has = (word: string): boolean => stmt.includes(word);
  if (p1 === "zone" || c(1) === "time" || ((p1 === "inclusive" || p1 === "exclusive") && has("to"))) return { kind: "zones" };
  if (p1 === "adjusted") return words(WORD_SETS.convention);
  if ((numeric(1) && p2 === "to" && (p3 === "round" || p3 === "rounded")) || (p1 === "tick" && p2 === "the" && p3 === "to"))
    return words(WORD_SETS.roundingMode);
  if ((p1 === "by" && (p2 === "trades" || p2 === "intervals" || p2 === "sources")) || p1 === "use")
    return words(WORD_SETS.aggregationMethod);
  if (p1 === "half" && p2 === "exact") return words(WORD_SETS.exactHalf);
  if (p1 === "by" && p2 === "weighted") return words(WORD_SETS.weightingBasis);
  if (p1 === "intervals" && p2 === "empty") return words(WORD_SETS.emptyIntervalPolicy);
  if (c(1) === "percent" && p2 === "above" && p3 === "moves") return words(WORD_SETS.extremeMoveAction);
  if ((p1 === "if" && p2 === "disruption") || ((p1 === "for" || p1 === ",") && has("for") && !has("than")))
    return words(WORD_SETS.disruptionKind);
  if (p1 === "the" && p2 === "by" && p3 === "determined") return words(WORD_SETS.determinationParty);
  if (p1 === "in" && p2 === "settlement" && p3 === "final") return words(WORD_SETS.settlementMethod);
  if (p1 === "exercise" && stmt.length === 1) return words(WORD_SETS.exerciseStyle);
  if (stmt[0] === "type" && (p1 === "type" || p1 === ",")) return words(WORD_SETS.optionRight);
  if (p1 === "leg" && stmt.length === 1) return words(WORD_SETS.legSide);
  if (stmt[0] === "leg" && numeric(1) && stmt.length === 3) return { kind: "names", kinds: ["future"] };
  if (stmt[0] === "weekend" || p1 === "observed" || p1 === "as" || (p1 === "," && has("observed"))) return words(WORD_SETS.weekday);
  if (c(1) === "keyword" && ["first", "second", "third", "fourth", "fifth", "last"].includes(p1) && p2 === "the")
    return words(WORD_SETS.weekday);
  if ((p1 === "of" && stmt[0] === "holiday" && has("the")) || (numeric(1) && p2 === "on" && stmt[0] === "holiday"))
    return words(WORD_SETS.month);
  if ((p1 === "in" || p1 === ",") && has("next") && stmt[0] === "listing") return words(WORD_SETS.month);
  if (numeric(1) && p2 === "consecutive") return words(WORD_SETS.listingPeriod);
  if (p1 === "index" && (p2 === "underlying" || p2 === "use")) return { kind: "names", kinds: ["index"] };
  if (p1 === "future" && p2 === "underlying") return { kind: "names", kinds: ["future"] };
  if (p1 === "underlying") return { kind: "names", kinds: scope === "option" ? ["future", "index"] : ["index"] };
  if (
    p1 === "on" ||
    (p1 === "of" && (p2 === "days" || p2 === "all" || p2 === "any")) ||
    (p1 === "," && (has("all") || has("any") || has("based")))
  )
    return { kind: "names", kinds: ["calendar"] };
  if ((p1 === "at" && p2 === "cash") || (p1 === "of" && p2 === "average")) return { kind: "names", kinds: ["index"] };
  if (p1 === "of" && p2 === "price") return { kind: "names", kinds: ["future"] };
  if (numeric(1) && (p2 === "of" || p2 === "than")) return { kind: "durations" };
  if (numeric(1) || (p1 === "in" && p2 === "quoted") || p1 === "per") return { kind: "units" };
  if (c(1) === "identifier" && before.some((t) => t.class === "number" || t.image === "quoted")) return { kind: "units" };
  return undefined;
}

/** Where the cursor is: the tokens before the word being typed, and the edit that replaces that word. */
interface Cursor {
  readonly text: string;
  readonly before: readonly ScannedToken[];
  /** Where the word being typed starts (the cursor when no word is). */
  readonly replaceFrom: number;
  readonly edit: (newText: string) => TextEdit;
}

/** A list of proposals without two of one label. */
class Proposals {
  readonly items: CompletionItem[] = [];
  add = (item: CompletionItem): void => {
    if (!this.items.some((i) => i.label === item.label)) this.items.push(item);
  };
}

/**
 * Completion proposals at a position of a document, in stages: where the cursor is; at the top level, a
 * declaration or an import (or the words of the header being written); in a block, the statement or step being
 * written, the keywords the grammar expects next and, at a statement's start, the snippets; then the words, zones,
 * units or names that fit the place.
 */
export function completionsAt(ctx: ServiceContext, path: string, position: Position): CompletionItem[] {
  const checked = ctx.checked(path);
  const cursor = cursorAt(checked.program, path, position);
  if (cursor === undefined) return [];
  const { before } = cursor;
  const out = new Proposals();
  // The open blocks around the cursor.
  const stack: number[] = [];
  for (let i = 0; i < before.length; i++) {
    const t = before[i]!;
    if (t.class !== "punctuation") continue;
    if (t.image === "{") stack.push(i);
    else if (t.image === "}") stack.pop();
  }
  if (stack.length === 0) {
    topLevelCompletions(cursor, out);
    return out.items;
  }
  const { scope, stepTokens, wantsWords } = blockCompletions(cursor, stack, out);
  if (!wantsWords) return out.items;
  const wanted = wantedAfter(stepTokens, scope);
  if (wanted !== undefined) wordCompletions(ctx, path, checked.program, wanted, stepTokens, cursor.edit, out);
  return out.items;
}

/** Where the cursor is in the document; undefined inside a string (where nothing is proposed). */
function cursorAt(program: Program, path: string, position: Position): Cursor | undefined {
  const file = program.files.find((f) => f.source.path === path);
  const text = file?.source.text ?? "";
  const source = file?.source ?? new SourceFile(path, text);
  const offset = offsetAt(source, position);
  const { tokens } = scan(text);
  // The word being typed, replaced by the proposal.
  let end = tokens.findIndex((t) => t.start >= offset);
  if (end < 0) end = tokens.length;
  const typing = tokens[end - 1];
  let replaceFrom = offset;
  if (typing !== undefined && typing.end >= offset && typing.start < offset && /^(identifier|keyword|zone)$/.test(typing.class)) {
    replaceFrom = typing.start;
    end--;
  }
  // Inside a string or a comment nothing is proposed.
  if (typing !== undefined && typing.start < offset && offset < typing.end && typing.class === "string") return undefined;
  const range = rangeOf(source, { start: replaceFrom, end: offset });
  return { text, before: tokens.slice(0, end), replaceFrom, edit: (newText) => ({ range, newText }) };
}

/** The top level: an import or a declaration, or the header of the one being written. */
function topLevelCompletions({ text, before, replaceFrom, edit }: Cursor, out: Proposals): void {
  let start = before.length;
  while (start > 0 && !(before[start - 1]!.class === "punctuation" && before[start - 1]!.image === "}")) start--;
  const item = before.slice(start);
  const atLineStart = item.length === 0 || lineBreakBetween(text, item[item.length - 1]!.end, replaceFrom);
  if (item.length === 0 || atLineStart) {
    for (const s of DECLARATION_SNIPPETS)
      out.add({
        label: s.label,
        kind: CompletionKind.Snippet,
        detail: s.detail,
        insertText: s.body,
        insertTextFormat: 2,
        textEdit: edit(s.body),
      });
    out.add({ label: "import", kind: CompletionKind.Keyword, detail: 'import NAME from "file.terms"', textEdit: edit("import ") });
    return;
  }
  const rule = item[0]!.image === "import" ? "importDecl" : DECLARATION_WORDS.has(item[0]!.image) ? "declaration" : undefined;
  if (rule !== undefined) for (const k of expectedAfter(rule, item).words) out.add(keyword(k, edit));
}

/**
 * Inside a block: which block, the tokens of the statement (or step) being written, the keywords the grammar
 * expects after them and, at a statement's start, the annotations and snippets; and whether a word may come next.
 */
function blockCompletions(
  { text, before, replaceFrom, edit }: Cursor,
  stack: readonly number[],
  out: Proposals,
): { scope: DeclarationKind | undefined; stepTokens: readonly ScannedToken[]; wantsWords: boolean } {
  const end = before.length;
  const open = stack[stack.length - 1]!;
  const declOpen = stack[0]!;
  let declStart = declOpen;
  while (declStart > 0 && !DECLARATION_WORDS.has(before[declStart - 1]?.image ?? "")) declStart--;
  const declWord = before[Math.max(0, declStart - 1)]?.image;
  const scope = (DECLARATION_WORDS.has(declWord ?? "") ? declWord : undefined) as DeclarationKind | undefined;
  const opener = before[open - 1]?.image;
  let rule = "statement";
  let from: number;
  if (opener === "fallback" || (opener === "settlement" && before[open - 2]?.image === "daily")) {
    rule = opener === "fallback" ? "fallbackStmt" : "dailySettlementStmt";
    from = open - (opener === "fallback" ? 1 : 2);
  } else {
    // Statements start on their own line; a line that ends with a comma continues the one above.
    const last = before[end - 1];
    const fresh = last === undefined || end - 1 <= open || (lineBreakBetween(text, last.end, replaceFrom) && last.image !== ",");
    from = fresh ? end : statementStart(text, before, open + 1, end);
  }
  const stmt = before.slice(from, end);
  const stepTokens = rule === "statement" ? stmt : currentStep(text, stmt);
  const expected = expectedAfter(rule, stmt);
  for (const k of expected.words) if (k !== "{" || stmt.length > 0) out.add(keyword(k, edit));
  if (rule === "statement" && stmt.length === 0) {
    for (const a of ANNOTATION_WORDS) out.add(keyword(a, edit));
    for (const s of STATEMENT_SNIPPETS) {
      if (scope === undefined || s.in.includes(scope))
        out.add({
          label: s.label,
          kind: CompletionKind.Snippet,
          detail: s.detail,
          insertText: s.body,
          insertTextFormat: 2,
          textEdit: edit(s.body),
          sortText: `~${s.label}`,
        });
    }
  }
  return { scope, stepTokens, wantsWords: expected.classes.includes("identifier") || expected.classes.includes("zone") };
}

/** The words, zones, units or names that fit where the cursor is. */
function wordCompletions(
  ctx: ServiceContext,
  path: string,
  program: Program,
  wanted: Wanted,
  stepTokens: readonly ScannedToken[],
  edit: (t: string) => TextEdit,
  { add }: Proposals,
): void {
  switch (wanted.kind) {
    case "words":
      for (const w of wordsOf(wanted.set)) add({ label: w, kind: CompletionKind.EnumMember, detail: wanted.set.what, textEdit: edit(w) });
      break;
    case "zones":
      for (const z of knownTimeZones()) add({ label: z, kind: CompletionKind.Value, detail: "IANA time zone", textEdit: edit(z) });
      break;
    case "durations":
      for (const d of ["seconds", "minutes", "hours", "days"])
        add({ label: d, kind: CompletionKind.Unit, detail: "unit of time", textEdit: edit(d) });
      break;
    case "units":
      for (const u of KNOWN_UNIT_WORDS) {
        const detail = CURRENCIES.includes(u) ? "currency" : Object.hasOwn(SCALE_WORDS, u) ? "scale" : "unit";
        add({ label: u, kind: CompletionKind.Unit, detail, textEdit: edit(u) });
      }
      // The program's own units (`unit point "index point"`, `unit SOL "Solana" is an asset`), singular and plural.
      for (const e of declaredUnits(program))
        for (const w of declaredUnitWords(e.unit))
          add({
            label: w,
            kind: CompletionKind.Unit,
            detail: `declared ${e.unit.kind === "asset" ? "asset" : "unit"}: ${e.title}`,
            textEdit: edit(w),
          });
      if (stepTokens.length > 0 && stepTokens[stepTokens.length - 1]!.class === "identifier") add(keyword("per", edit));
      break;
    case "names":
      namesOf(ctx, path, wanted.kinds, edit).forEach(add);
      break;
  }
}

function keyword(word: string, edit: (t: string) => TextEdit): CompletionItem {
  return { label: word, kind: CompletionKind.Keyword, textEdit: edit(word), sortText: `~~${word}` };
}

/** True when a line break stands between two offsets. */
function lineBreakBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return true;
  }
  return false;
}

/** The index of the first token of the statement that ends at `end` (lines ending in a comma continue it). */
function statementStart(text: string, before: readonly ScannedToken[], min: number, end: number): number {
  for (let i = end - 1; i > min; i--) {
    const prev = before[i - 1]!;
    if (lineBreakBetween(text, prev.end, before[i]!.start) && prev.image !== ",") return i;
  }
  return min;
}

/** Inside a fallback or daily-settlement block: the tokens of the step or disruption being written. */
function currentStep(text: string, tokens: readonly ScannedToken[]): ScannedToken[] {
  let i = tokens.length;
  while (i > 0) {
    const t = tokens[i - 1]!;
    if (t.image === "{") break;
    const prev = tokens[i - 2];
    if (prev !== undefined && lineBreakBetween(text, prev.end, t.start) && prev.image !== ",") {
      i--;
      break;
    }
    i--;
  }
  return tokens.slice(i);
}

/** Declared and standard names of the wanted kinds; a standard one not yet visible comes with its import. */
function namesOf(ctx: ServiceContext, path: string, kinds: readonly DeclarationKind[], edit: (t: string) => TextEdit): CompletionItem[] {
  const checked = ctx.checked(path);
  const out: CompletionItem[] = [];
  const visible = checked.program.visible(path);
  for (const sym of visible.values()) {
    if (!kinds.includes(sym.kind)) continue;
    out.push({
      label: sym.name,
      kind: CompletionKind.Class,
      detail: `${sym.kind}${sym.decl.title ? `: ${sym.decl.title.value}` : ""}`,
      documentation: sym.file === path ? undefined : `from ${sym.file}`,
      textEdit: edit(sym.name),
    });
  }
  for (const [name, info] of ctx.standardNames()) {
    if (visible.has(name) || !kinds.includes(info.kind as DeclarationKind)) continue;
    const spec = ctx.host.importPath?.(path, info.file);
    if (spec === undefined) continue;
    out.push({
      label: name,
      kind: CompletionKind.Class,
      detail: `standard ${info.kind}${info.title ? `: ${info.title}` : ""} (adds the import)`,
      textEdit: edit(name),
      additionalTextEdits: [importEdit(ctx, path, name, spec)],
    });
  }
  return out;
}

/** The edit that adds `import NAME from "spec"` after a file's imports (or at its top). */
export function importEdit(ctx: ServiceContext, path: string, name: string, spec: string): TextEdit {
  const checked = ctx.checked(path);
  const file = checked.program.files.find((f) => f.source.path === path);
  const source = file?.source ?? new SourceFile(path, "");
  const last = file?.ast.imports[file.ast.imports.length - 1];
  const at = last === undefined ? 0 : (source.lines[source.position(last.span.end).line] ?? source.text.length);
  const pos = rangeOf(source, { start: at, end: at });
  const needsBreak = last !== undefined && at === source.text.length && !/\n$/.test(source.text);
  return {
    range: pos,
    newText: `${needsBreak ? "\n" : ""}import ${name} from ${JSON.stringify(spec)}\n${last === undefined && source.text.length > 0 ? "\n" : ""}`,
  };
}
