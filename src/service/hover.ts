/**
 * Hover: what the thing under the cursor means. A name: its declaration (kind, title, descriptions, file). A word
 * of a closed vocabulary: what it does, in the readable contract's words (backends/legal/words.ts). A unit: its
 * dimensions and scale. A time zone: its UTC offset today. And for the statement around the cursor, the clause
 * of the readable contract it renders to (backends/legal, built from the compiled model), and for a last trading
 * day or an option's expiry, its dates in the coming months from `today`, computed by the runtime schedule.
 */
import { importTargets } from "../check/imports.js";
import type { SourceFile } from "../base/source.js";
import { format as formatUnit, type Unit } from "../base/units.js";
import type { ProgramFile } from "../check/program.js";
import { kindPhrase } from "../check/symbols.js";
import { unitOf } from "../check/unit-of.js";
import { WORD_SETS, lookupWord, type WordSet } from "../check/words.js";
import { buildDocument, type Block, type DocClause, type LegalDocument } from "../backends/legal/index.js";
import { sourceLines } from "../backends/legal/source-lines.js";
import { conventionWords, monthName, roundingWords } from "../backends/legal/words.js";
import { formatOffset, parseIsoDate, timeZoneOffsetSeconds, toCivil } from "../runtime/calendar/index.js";
import { expiryToJson } from "../runtime/schedule/index.js";
import type { Declaration, Ident, Statement, UnitExpr, ZoneRef } from "../syntax/ast.js";
import type { ModelView } from "./model.js";
import { occurrenceAt, occurrencesOf } from "./names.js";
import type { ServiceContext } from "./context.js";
import { offsetAt, rangeOf } from "./text.js";
import type { Hover, Position } from "./types.js";

/** How many contract months a date rule's hover lists. */
const MONTHS_AHEAD = 6;

/** The hover at a position of an open document. */
export function hoverAt(ctx: ServiceContext, path: string, position: Position, today: string): Hover | undefined {
  const checked = ctx.checked(path);
  const file = checked.program.files.find((f) => f.source.path === path);
  if (file === undefined) return undefined;
  const source = file.source;
  const offset = offsetAt(source, position);
  const decl = file.ast.declarations.find((d) => d.span.start <= offset && offset <= d.span.end);
  const parts: string[] = [];
  let span: { start: number; end: number } | undefined;

  // The import's file.
  for (const imp of file.ast.imports) {
    if (imp.path !== undefined && imp.path.span.start <= offset && offset <= imp.path.span.end) {
      const targets = importTargets(ctx.imports, path, imp.path.value) ?? [];
      const target = targets.length === 1 ? targets[0]! : imp.path.value;
      const fs = checked.program.files.filter((x) => targets.includes(x.source.path));
      const names = fs.flatMap((f) => f.ast.declarations.flatMap((d) => (d.name ? [`\`${d.name.name}\``] : [])));
      parts.push(
        fs.length === 0 ? `\`${target}\`: not found` : `\`${target}\` declares ${names.length === 0 ? "nothing" : names.join(", ")}`,
      );
      span = imp.path.span;
    }
  }

  // A name.
  const occ = occurrenceAt(occurrencesOf(file.ast), offset);
  if (occ !== undefined && span === undefined) {
    span = occ.span;
    if (occ.role === "source") {
      parts.push(`**source** \`${occ.name}\`${occ.decl?.name ? ` of index \`${occ.decl.name.name}\`` : ""}`);
    } else {
      const sym = occ.role === "import" ? checked.program.symbols.get(occ.name) : checked.program.visible(path).get(occ.name);
      if (sym === undefined) parts.push(`\`${occ.name}\`: not declared in this file or its imports`);
      else parts.push(declarationText(sym.decl, sym.file, checked.sources.get(sym.file)));
    }
  }

  // A word, a unit or a zone under the cursor, inside the declaration.
  if (decl !== undefined && span === undefined) {
    const found = leafAt(decl, offset);
    if (found?.kind === "Zone") {
      span = found.span;
      parts.push(zoneText(found, today));
    } else if (found?.kind === "UnitExpr") {
      span = found.span;
      const u = unitOf(found, { program: checked.program });
      parts.push(u === undefined ? "unknown unit" : u.kind === "unit" ? unitHover(u.unit) : `a number of \`${u.future.name}\` contracts`);
    } else if (found?.kind === "Ident") {
      const word = wordText(found, decl, offset);
      if (word !== undefined) {
        span = found.span;
        parts.push(word);
      }
    }
  }

  // The statement: its clause in the readable contract, and its dates.
  if (decl !== undefined && decl.name !== undefined) {
    const stmt = statementAt(decl.statements, offset);
    const onHeader = offset <= (decl.name.span.end ?? decl.span.start);
    if (stmt !== undefined || onHeader) {
      const view = ctx.model(path);
      const text = clauseText(view, decl, stmt, file, today);
      if (text !== undefined) parts.push(text);
      else if (view !== undefined && view.lowered(decl.name.name) === undefined)
        parts.push("_Fix the errors in this declaration, or in what it uses, to see its clause._");
      if (stmt !== undefined && (stmt.kind === "LastTradingDay" || stmt.kind === "Expiry")) {
        const dates = datesText(view, decl, today);
        if (dates !== undefined) parts.push(dates);
      }
      span ??= stmt?.span ?? decl.name.span;
    }
  }
  if (parts.length === 0 || span === undefined) return undefined;
  return { contents: parts.join("\n\n---\n\n"), range: rangeOf(source, span) };
}

function declarationText(decl: Declaration, file: string, source: SourceFile | undefined): string {
  const kind = decl.kind.toLowerCase();
  const lines = [`**${kind}** \`${decl.name?.name ?? ""}\`${decl.title ? `: ${decl.title.value}` : ""}`];
  for (const d of decl.annotations.descriptions) lines.push(d.value);
  const at = source === undefined ? "" : `:${source.position(decl.span.start).line}`;
  lines.push(`_Declared in ${file}${at}, ${kindPhrase(kind as Parameters<typeof kindPhrase>[0])}._`);
  return lines.join("\n\n");
}

/** The innermost statement containing an offset, looking into sources' statements. */
function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  for (const s of statements) {
    if (s.span.start <= offset && offset <= s.span.end) {
      if (s.kind === "Source") return statementAt(s.statements, offset) ?? s;
      return s;
    }
  }
  return undefined;
}

type Leaf = Ident | ZoneRef | UnitExpr;

/** The innermost identifier, zone or unit expression at an offset, found by walking the plain-data tree. */
function leafAt(node: unknown, offset: number): Leaf | undefined {
  if (node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = leafAt(x, offset);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  const rec = node as { kind?: unknown; span?: { start: number; end: number } };
  if (rec.span !== undefined && (offset < rec.span.start || offset > rec.span.end)) return undefined;
  if (rec.kind === "UnitExpr" || rec.kind === "Zone") return node as Leaf;
  for (const [k, v] of Object.entries(node)) {
    if (k === "span") continue;
    const r = leafAt(v, offset);
    if (r !== undefined) return r;
  }
  return rec.kind === "Ident" ? (node as Ident) : undefined;
}

/** What a word of a closed vocabulary means. */
function wordText(id: Ident, decl: Declaration, offset: number): string | undefined {
  const sets = Object.values(WORD_SETS) as WordSet<unknown>[];
  const set = sets.find((s) => lookupWord(s, id.name) !== undefined);
  if (set === undefined) return undefined;
  const head = `\`${id.name}\`: ${set.what}`;
  if (set === (WORD_SETS.roundingMode as WordSet<unknown>)) {
    const mode = lookupWord(WORD_SETS.roundingMode, id.name)!;
    const stmt = statementAt(decl.statements, offset);
    const increment = stmt?.kind === "Round" && typeof stmt.rounding?.increment === "object" ? stmt.rounding.increment.raw : "increment";
    return `${head}: ${roundingWords({ kind: "increment", increment, mode })}`;
  }
  if (set === (WORD_SETS.convention as WordSet<unknown>)) {
    return `${head}: ${conventionWords(lookupWord(WORD_SETS.convention, id.name)!)}`;
  }
  return `${head}, one of ${set.words.map(([w]) => `\`${w}\``).join(", ")}`;
}

/** A unit's dimensions and scale. */
function unitHover(u: Unit): string {
  const dims = Object.entries(u.dims);
  const name = (d: string): string =>
    d.startsWith("money:") ? `money (${d.slice(6)})` : d.startsWith("asset:") ? `${d.slice(6)} (asset)` : d === "gpu-time" ? "GPU time" : d;
  const power = (d: string, e: number): string => (Math.abs(e) === 1 ? name(d) : `${name(d)}^${Math.abs(e)}`);
  const num = dims.filter(([, e]) => e > 0).map(([d, e]) => power(d, e));
  const den = dims.filter(([, e]) => e < 0).map(([d, e]) => power(d, e));
  const dimension = dims.length === 0 ? "dimensionless" : `${num.join(" × ") || "1"}${den.length > 0 ? ` per ${den.join(" × ")}` : ""}`;
  const scale = u.factor === "1" ? "" : `, ${u.factor} × the base units`;
  return `unit \`${formatUnit(u)}\`: dimension ${dimension}${scale}`;
}

/** A time zone's UTC offset on `today`. */
function zoneText(z: ZoneRef, today: string): string {
  const day = parseIsoDate(today);
  if (day === undefined) return `time zone \`${z.name}\``;
  const off = timeZoneOffsetSeconds(day * 86_400_000 + 12 * 3_600_000, z.name);
  return off.ok ? `time zone \`${z.name}\`: UTC${formatOffset(off.value)} on ${today}` : `\`${z.name}\` is not a known IANA time zone`;
}

/** Documents built for hover, by model view and declaration, so that several hovers build each once. */
const documents = new WeakMap<ModelView, Map<string, LegalDocument | null>>();

function documentOf(view: ModelView, name: string, today: string): LegalDocument | undefined {
  let byName = documents.get(view);
  if (byName === undefined) documents.set(view, (byName = new Map()));
  const key = `${name}\u0000${today}`;
  if (!byName.has(key)) {
    const lowered = view.lowered(name);
    let doc: LegalDocument | null = null;
    if (lowered !== undefined) {
      try {
        doc = buildDocument(lowered.spec, { asOf: today, months: 0, sources: sourceLines(view.program) });
      } catch {
        doc = null;
      }
    }
    byName.set(key, doc);
  }
  return byName.get(key) ?? undefined;
}

function blockText(b: Block): string {
  if (b.kind === "paragraph") return b.text;
  if (b.kind === "list") return b.items.map((it, i) => (b.ordered ? `${i + 1}. ${it}` : `- ${it}`)).join("\n");
  const row = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [row(b.head), row(b.head.map(() => "---")), ...b.rows.map(row)].join("\n");
}

function clauseMarkdown(c: DocClause): string {
  return [`**${c.number} ${c.title}**`, ...c.blocks.map(blockText)].join("\n\n");
}

/** The clauses of the readable contract that a statement (or a declaration's header line) renders to. */
function clauseText(
  view: ModelView | undefined,
  decl: Declaration,
  stmt: Statement | undefined,
  file: ProgramFile,
  today: string,
): string | undefined {
  if (view === undefined || decl.name === undefined) return undefined;
  const doc = documentOf(view, decl.name.name, today);
  if (doc === undefined) return undefined;
  const at = stmt ?? decl;
  const where = `${file.source.path}:${file.source.position(at.span.start).line}`;
  const clauses = doc.sections.flatMap((s) => s.clauses).filter((c) => c.source === where);
  if (clauses.length === 0) return undefined;
  return [`_Renders to clause ${clauses.map((c) => c.number).join(", ")} of the readable contract:_`, ...clauses.map(clauseMarkdown)].join(
    "\n\n",
  );
}

/** The last trading days (an option's expiry days) of the next contract months from `today`. */
function datesText(view: ModelView | undefined, decl: Declaration, today: string): string | undefined {
  if (view === undefined || decl.name === undefined) return undefined;
  const lowered = view.lowered(decl.name.name);
  const day = parseIsoDate(today);
  if (lowered === undefined || day === undefined) return undefined;
  const { year, month } = toCivil(day);
  // As the readable contract's table: the next periods whose last trading day is today or later.
  const end = year * 12 + month - 1 + MONTHS_AHEAD + 2;
  const r = lowered.schedule.expiries(decl.name.name, { year, month }, { year: Math.floor(end / 12), month: (end % 12) + 1 });
  if (!r.ok) return undefined;
  const what = decl.kind === "Option" ? "expiry day" : "last trading day";
  const lines = r.value
    .filter((e) => e.lastTradingDay >= day)
    .slice(0, MONTHS_AHEAD)
    .map((e) => {
      const j = expiryToJson(e);
      const period = e.period.kind === "month" ? `${monthName(e.period.month).slice(0, 3)} ${e.period.year}` : `${j.period} (${j.symbol})`;
      return `- ${what} of ${period}: ${j.lastTradingDay}`;
    });
  return lines.length === 0 ? undefined : [`_From ${today}:_`, ...lines].join("\n");
}
