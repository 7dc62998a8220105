/**
 * The names check, first of the checks: every reference resolves to a declaration of the right kind (calendars,
 * indices, futures), every statement is one its declaration allows (E2011), statements that may appear once do
 * (E2008 for statements without `effective` ranges; ranged ones are versions, checked by versions.ts), required
 * statements are present (E2009, reported at the declaration's name) and every time-zone name is a known IANA zone
 * (E2010).
 * Which statement belongs where, how often and which are required is syntax/statements.ts's registry.
 * One word is validated here too: the period of `N consecutive months|weeks`, because the AST keeps only its
 * meaning, so the word is read back from the source text.
 */
import type { SourceFile } from "../base/source.js";
import { Codes, diag, hintFor } from "../diagnostics/index.js";
import { aggregationProblems, timeZoneProblem } from "../model/invariants.js";
import { knownTimeZones } from "../runtime/calendar/index.js";
import type { Declaration, DeclarationKind, Ident, ListingStmt, PositionLimitStmt, Statement, TimeLit, ZoneRef } from "../syntax/ast.js";
import { isMeridiem } from "../syntax/first-mistakes.js";
import { type CheckedRecord, fallbackDeadline } from "./checked.js";
import { clockTimeDiagnostic } from "./clock-times.js";
import { declarationKind, type Program, type Report } from "./program.js";
import {
  occurrence,
  REQUIRED,
  requirementMet,
  scopesAllowing,
  statementLabel,
  statementPhrase,
  TICK_VARIANTS,
  type Scope,
} from "../syntax/statements.js";
import { kindPhrase, makeResolver, type ContextResolver } from "./symbols.js";
import { listingPeriod } from "./words.js";

export { statementLabel } from "../syntax/statements.js";

/** The context path entry of a declaration, e.g. "future FOTI". */
export function declarationLabel(d: Declaration): string {
  return `${declarationKind(d)} ${d.name?.name ?? "(unnamed)"}`;
}

/** Statements of the same slot are duplicates; slots split kinds whose variants may each appear once. */
export function slotOf(s: Statement): string {
  switch (s.kind) {
    case "Tick":
      return `Tick:${s.variant}`;
    case "Aggregate":
      return `Aggregate:${s.level}`;
    case "Minimum":
      return `Minimum:${s.what}`;
    case "PositionLimit":
      return `PositionLimit:${s.scope}`;
    case "PriorityList":
      return `PriorityList:${s.list}`;
    default:
      return s.kind;
  }
}

function scopePhrase(scope: Scope): string {
  return scope === "source" ? "a source" : kindPhrase(scope);
}

function listPhrases(ps: readonly string[], conjunction = "or"): string {
  return ps.length <= 1 ? (ps[0] ?? "") : `${ps.slice(0, -1).join(", ")} ${conjunction} ${ps[ps.length - 1]!}`;
}

/** Runs the names check over every declaration of the program; each reference that resolves is recorded. */
export function checkNames(program: Program, report: Report, record?: CheckedRecord): void {
  const resolver = makeResolver(program, report);
  const resolve: ContextResolver =
    record === undefined
      ? resolver
      : (from, ref, wanted, what, context) => {
          const sym = resolver(from, ref, wanted, what, context);
          if (sym !== undefined && ref !== undefined) record.resolved(ref, sym);
          return sym;
        };
  for (const file of program.files) {
    for (const decl of file.ast.declarations) checkDeclaration(decl, file.source, resolve, report);
  }
}

function checkDeclaration(decl: Declaration, source: SourceFile, resolve: ContextResolver, report: Report): void {
  const kind = declarationKind(decl);
  const ctx = [declarationLabel(decl)];
  const file = source.path;
  const allowed = checkStatements(decl.statements, kind, ctx, report);
  for (const s of allowed) checkReferences(s, kind, file, [...ctx, statementLabel(s, kind)], resolve, report);
  for (const s of allowed) if (s.kind === "Listing") checkListingPeriods(s, source, [...ctx, "listing"], report);
  for (const s of allowed) if (s.kind === "PositionLimit") checkAggregation(decl, s, [...ctx, statementLabel(s, kind)], report);
  for (const s of decl.statements) checkZones(s, [...ctx, statementLabel(s, kind)], report, source);
  checkRequired(decl, kind, ctx, report);
}

/** Reports statements not allowed in a scope and duplicates; returns the allowed ones (recursing into sources). */
function checkStatements(stmts: readonly Statement[], scope: Scope, ctx: readonly string[], report: Report): Statement[] {
  const allowed: Statement[] = [];
  const seen = new Map<string, Statement>();
  for (const s of stmts) {
    const label = statementLabel(s, scope);
    const rule = occurrence(s.kind, scope);
    const variants = s.kind === "Tick" ? TICK_VARIANTS[scope] : undefined;
    if (rule === undefined || (s.kind === "Tick" && variants !== undefined && !variants.includes(s.variant))) {
      const where =
        s.kind === "Tick"
          ? (Object.keys(TICK_VARIANTS) as Scope[]).filter((sc) => TICK_VARIANTS[sc]?.includes(s.variant)).map(scopePhrase)
          : scopesAllowing(s.kind).map(scopePhrase);
      report(
        diag(Codes.ClauseNotAllowed, s.span, `\`${label}\` is not allowed in ${scopePhrase(scope)}`, {
          context: ctx,
          hint: where.length > 0 ? `\`${label}\` belongs in ${listPhrases(where)}` : undefined,
        }),
      );
      continue;
    }
    allowed.push(s);
    // Statements with `effective` ranges are versions: whether their ranges overlap is versions.ts's concern.
    // Sources may repeat, but a source of one name is one constituent: two without ranges are duplicates.
    const sourceSlot = s.kind === "Source" && s.name !== undefined ? `Source:${s.name.name}` : undefined;
    if ((rule === "once" || sourceSlot !== undefined) && s.annotations.effective.length === 0) {
      const slot = sourceSlot ?? slotOf(s);
      const first = seen.get(slot);
      if (first !== undefined) {
        report(
          diag(Codes.DuplicateClause, s.span, `\`${label}\` is given more than once`, {
            context: ctx,
            labels: [{ span: first.span, message: "first given here" }],
            hint: "remove one, or give each version its own `effective from … until …` range",
          }),
        );
      } else {
        seen.set(slot, s);
      }
    }
    if (s.kind === "Source") checkStatements(s.statements, "source", [...ctx, label], report);
  }
  return allowed;
}

function checkRequired(decl: Declaration, kind: DeclarationKind, ctx: readonly string[], report: Report): void {
  // Without a name or a closing brace the parser lost part of the body: missing clauses would be noise.
  if (decl.name === undefined || decl.close === undefined) return;
  const missing = REQUIRED[kind].filter((r) => !requirementMet(r, decl.statements));
  if (missing.length > 0) {
    const names = missing.map((m) => `\`${m.clause ?? statementPhrase(m.kind, kind)}\``);
    report(
      diag(
        Codes.MissingClause,
        decl.name.span,
        missing.length === 1
          ? `${kind} \`${decl.name.name}\` has no ${names[0]!} clause`
          : `${kind} \`${decl.name.name}\` is missing ${missing.length} required clauses: ${listPhrases(names, "and")}`,
        { context: ctx, notes: missing.map((m) => `for example: ${m.example}`) },
      ),
    );
  }
  if (kind === "spread") {
    const legs = decl.statements.filter((s) => s.kind === "Leg").length;
    if (legs < 2) {
      report(
        diag(
          Codes.MissingClause,
          decl.name.span,
          `spread \`${decl.name.name}\` has ${legs === 0 ? "no legs" : "only one leg"}; a spread needs at least two`,
          {
            context: ctx,
            notes: ["for example: leg buy 1 FOTI", "and: leg sell 1 FOTI 1 month later"],
          },
        ),
      );
    }
  }
}

const CAL: readonly DeclarationKind[] = ["calendar"];
const IDX: readonly DeclarationKind[] = ["index"];
const FUT: readonly DeclarationKind[] = ["future"];
const AGGREGABLE: readonly DeclarationKind[] = ["future", "option"];

/**
 * A position limit `aggregated with` its own contract, or with a contract twice (E2260): the contract's own
 * positions always count, and a position counted twice would make the limit bind at half its stated size. The
 * kinds of the names are the resolver's (E2003); the rule is model/invariants.ts's, which the loader calls too.
 */
function checkAggregation(decl: Declaration, s: PositionLimitStmt, ctx: readonly string[], report: Report): void {
  const names = s.aggregatedWith ?? [];
  const problems = aggregationProblems(
    decl.name?.name ?? "",
    names.map((c) => c.name),
    () => undefined,
  );
  for (const [i, problem] of problems) {
    const c = names[i]!;
    report(
      diag(
        Codes.AggregatedWithItself,
        c.span,
        problem === "itself"
          ? `the position limit of \`${c.name}\` is aggregated with \`${c.name}\` itself; its own positions always count`
          : `the position limit is aggregated with \`${c.name}\` twice`,
        { context: ctx, hint: `leave \`${c.name}\` out of the list after \`aggregated with\`` },
      ),
    );
  }
}

function checkReferences(
  s: Statement,
  scope: DeclarationKind,
  file: string,
  ctx: readonly string[],
  resolve: ContextResolver,
  report: Report,
): void {
  const ref = (id: Ident | undefined, wanted: readonly DeclarationKind[], what: string): void => {
    resolve(file, id, wanted, what, ctx);
  };
  switch (s.kind) {
    case "Joint":
    case "BasedOn":
      for (const c of s.calendars) ref(c, CAL, "calendar");
      return;
    case "Publish":
      ref(s.calendar, CAL, "calendar");
      return;
    case "Underlying":
      if (scope === "option") {
        const wanted: readonly DeclarationKind[] = s.declared === "future" ? FUT : s.declared === "index" ? IDX : ["future", "index"];
        ref(s.target, wanted, s.declared ?? "underlying future or index");
      } else if (s.declared === "future") {
        // `underlying future X` names the future of an option; a future itself settles on an index.
        const target = resolve(file, s.target, ["future", "index"], "underlying", ctx);
        report(
          diag(Codes.WrongKind, s.target?.span ?? s.span, `a ${scope}'s underlying is an index: \`underlying future\` is for options`, {
            context: ctx,
            // Only an index can follow `underlying index`: a future's name would be wrong there too.
            hint:
              target?.kind === "index" ? `write \`underlying index ${target.name}\`` : "write `underlying index NAME`, naming the index",
          }),
        );
      } else {
        ref(s.target, IDX, "index");
      }
      return;
    case "LastTradingDay":
      ref(s.rule?.calendar, CAL, "calendar");
      return;
    case "Expiry":
      ref(s.calendar, CAL, "calendar");
      return;
    case "Payment":
      ref(s.calendar, CAL, "calendar");
      return;
    case "IndexLicence":
    case "FixingTick":
      ref(s.index, IDX, "index");
      return;
    case "FinalSettlement": {
      const v = s.value;
      if (v === undefined) return;
      if (v.kind === "IndexAt") ref(v.index, IDX, "index");
      else if (v.kind === "IndexAverage") {
        ref(v.index, IDX, "index");
        ref(v.days?.calendar, CAL, "calendar");
      } else if (v.kind === "UnderlyingFinal" || v.kind === "FutureVwap") ref(v.target, FUT, "future");
      return;
    }
    case "DailySettlement":
      for (const step of s.steps)
        if (step.kind === "DailyCarryFormula") resolve(file, step.index, IDX, "index", [...ctx, `step ${step.number?.raw ?? "?"}`]);
      return;
    case "Fallback":
      for (const step of s.steps) {
        const a = step.action;
        const stepCtx = [...ctx, `step ${step.number?.raw ?? "?"}`];
        if (a?.kind === "Postpone" || a?.kind === "CarryForward") resolve(file, a.calendar, CAL, "calendar", stepCtx);
        else if (a?.kind === "AlternateIndex") resolve(file, a.index, IDX, "index", stepCtx);
        const d = fallbackDeadline(a);
        if (d !== undefined) resolve(file, d.calendar, CAL, "calendar", stepCtx);
      }
      return;
    case "Leg":
      ref(s.contract, FUT, "future");
      return;
    case "PositionLimit":
      for (const c of s.aggregatedWith ?? []) ref(c, AGGREGABLE, "future or option");
      return;
    default:
      return;
  }
}

/**
 * The zones and `24:00` times of a statement, kept by the statement node: the tree is plain data that is never
 * changed, and the language service's incremental parse hands the check the same nodes for unchanged declarations.
 */
const zonesMemo = new WeakMap<object, { readonly zones: readonly ZoneRef[]; readonly endsOfDay: readonly TimeLit[] }>();

function zonesOf(s: Statement): { readonly zones: readonly ZoneRef[]; readonly endsOfDay: readonly TimeLit[] } {
  const known = zonesMemo.get(s);
  if (known !== undefined) return known;
  const zones: ZoneRef[] = [];
  const endsOfDay: TimeLit[] = [];
  collectZones(s, zones, endsOfDay);
  const found = { zones, endsOfDay };
  zonesMemo.set(s, found);
  return found;
}

/** Every zone name inside a node, and every time `24:00`, found by walking the plain-data AST. */
function collectZones(node: unknown, out: ZoneRef[], endsOfDay: TimeLit[]): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) collectZones(x, out, endsOfDay);
    return;
  }
  const rec = node as Record<string, unknown>;
  if (rec.kind === "Zone" && typeof rec.name === "string") {
    out.push(rec as unknown as ZoneRef);
    return;
  }
  if (rec.kind === "Time") {
    if (rec.value === END_OF_DAY) endsOfDay.push(rec as unknown as TimeLit);
    return;
  }
  // `for…in` over own data keys: no entry arrays are allocated on this hot walk. A window's `to` may be `24:00`, the
  // end of its day.
  const windowEnd = rec.kind === "TimeWindow";
  for (const k in rec) if (k !== "span" && !(windowEnd && k === "to")) collectZones(rec[k], out, endsOfDay);
}

/** `24:00` as the parser normalises it: a time literal may say it, but no clause has a use for the end of a day. */
const END_OF_DAY = "24:00:00";

/**
 * Reports unknown time zones (E2010) in a statement, with did-you-mean over the IANA names, and `24:00` where a time
 * of day is needed (E4011): a spec's times run from 00:00:00 to 23:59:59; only the end of a window may be `24:00`.
 */
function checkZones(s: Statement, ctx: readonly string[], report: Report, source?: SourceFile): void {
  const { zones, endsOfDay } = zonesOf(s);
  for (const t of endsOfDay) {
    report(
      diag(Codes.EndOfDayTime, t.span, "`24:00` is the end of a day, not a time of day", {
        context: ctx,
        notes: ["a time of day runs from 00:00 to 23:59:59; only the end of a window may be `24:00` (`to 24:00 exclusive`)"],
        hint: "write a time of day such as `23:59:59`, or `00:00` of the next day",
      }),
    );
  }
  // Only a zone that ends a 12-hour clock time needs its time: the walk is skipped otherwise.
  const times = new Map<ZoneRef, TimeLit | undefined>();
  if (zones.some((z) => isMeridiem(z.name))) collectZonedTimes(s, times);
  for (const z of zones) {
    // `4:00 pm New York`: the 12-hour clock time is explained as a whole (clock-times.ts).
    const clock = clockTimeDiagnostic(times.get(z), z, source, ctx);
    if (clock !== undefined) report(clock);
    else checkZone(z, ctx, report);
  }
}

/** The time of each zoned time inside a node, by its zone. */
function collectZonedTimes(node: unknown, out: Map<ZoneRef, TimeLit | undefined>): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) collectZonedTimes(x, out);
    return;
  }
  const rec = node as { kind?: unknown; time?: TimeLit; zone?: ZoneRef };
  if (rec.kind === "ZonedTime" && rec.zone !== undefined) out.set(rec.zone, rec.time);
  for (const v of Object.values(node)) collectZonedTimes(v, out);
}

/** Reports one zone name that is not an IANA zone, or is one spelled in the wrong case. */
export function checkZone(z: ZoneRef, ctx: readonly string[], report: Report): void {
  if (z.name === "") return;
  const problem = timeZoneProblem(z.name);
  if (problem === undefined) return;
  if (problem.kind === "case") {
    const canonical = problem.canonical;
    report(
      diag(Codes.UnknownTimeZone, z.span, `time zone \`${z.name}\` is spelled \`${canonical}\``, {
        context: ctx,
        hint: `write \`${canonical}\`: time zone names are case-sensitive`,
      }),
    );
    return;
  }
  report(
    diag(Codes.UnknownTimeZone, z.span, `unknown time zone \`${z.name}\``, {
      context: ctx,
      hint: hintFor(z.name, knownTimeZones(), { maxDistance: Math.max(2, Math.floor(z.name.length / 4)) }),
      notes: ["time zones are IANA names such as Europe/London or America/New_York"],
    }),
  );
}

/**
 * Validates the period word of `N consecutive …` listing parts. The parser accepts any word after `consecutive`
 * and records "weeks" for anything that is not `months`, so the word is read back from the part's source text.
 */
function checkListingPeriods(s: ListingStmt, source: SourceFile, ctx: readonly string[], report: Report): void {
  for (const part of s.parts) {
    if (part.kind !== "Consecutive" || part.period === "months") continue;
    const text = source.text.slice(part.span.start, part.span.end);
    const m = /([A-Za-z][A-Za-z0-9_-]*)\s*$/.exec(text);
    if (m === null || m[1] === "consecutive") continue;
    const start = part.span.start + m.index;
    const ident: Ident = { kind: "Ident", name: m[1]!, span: { file: source.path, start, end: start + m[1]!.length } };
    listingPeriod(ident, report, ctx);
  }
}
