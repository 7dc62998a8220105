/**
 * Versioned rules: statements of the same kind in one declaration (or one index source) that carry `effective`
 * ranges are versions of one rule, e.g. two `last trading day` rules before and after July 2021, or the
 * methodology versions of an index. This check runs last: it reports ranges that end before they start (E4009)
 * anywhere an `effective` annotation may appear, and versions whose ranges overlap (E4008), counting a
 * statement without a range as in force at all times. Two same-kind statements neither of which has a range
 * are duplicates, which the names check reports, so they are left alone here.
 */
import type { Span } from "../base/source.js";
import { Codes, diag } from "../diagnostics/index.js";
import { overlappingVersions, rangeEndsBeforeStart, versionSelectionAlways, type RangeValue } from "../model/invariants.js";
import type { Annotations, Declaration, DeclarationKind, EffectiveRange, Statement } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { declarationKind } from "./program.js";
import { slotOf, statementLabel } from "./names.js";

/** Checks effective ranges and versions in every file of the program. */
export function checkVersions(program: Program, report: Report): void {
  for (const file of program.files) {
    for (const decl of file.ast.declarations) checkDeclaration(decl, report);
  }
}

function declContext(decl: Declaration): string {
  return `${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`;
}

function checkDeclaration(decl: Declaration, report: Report): void {
  const context = [declContext(decl)];
  checkRanges(decl.annotations, context, report);
  checkStatements(decl.statements, declarationKind(decl), context, report);
}

/** Where statements stand: a declaration kind, or a source block. */
type Scope = DeclarationKind | "source";

function checkStatements(statements: readonly Statement[], scope: Scope, context: readonly string[], report: Report): void {
  const groups = new Map<string, Statement[]>();
  for (const s of statements) {
    checkRanges(s.annotations, context, report);
    checkNested(s, context, report);
    const key = versionKey(s);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [s]);
    else group.push(s);
  }
  for (const group of groups.values()) {
    if (group.length > 1) checkOverlaps(group, scope, context, report);
  }
}

/** Annotations inside a statement: a source's own statements, fallback disruptions and steps, daily steps. */
function checkNested(s: Statement, context: readonly string[], report: Report): void {
  switch (s.kind) {
    case "Source":
      checkStatements(s.statements, "source", [...context, `source ${s.name?.name ?? "(unnamed)"}`], report);
      return;
    case "Fallback":
      for (const d of s.disruptions) checkRanges(d.annotations, [...context, "fallback"], report);
      for (const step of s.steps) checkRanges(step.annotations, [...context, "fallback"], report);
      return;
    case "DailySettlement":
      for (const step of s.steps) checkRanges(step.annotations, [...context, "daily settlement"], report);
      return;
    case "VersionsSelected": {
      const ranges = s.annotations.effective;
      if (versionSelectionAlways([{ effective: ranges.map((r) => rangeOf({ from: r.from?.value, until: r.until?.value })) }])) return;
      report(
        diag(
          Codes.VersionSelectionDated,
          ranges[0]?.span ?? s.span,
          "`rule versions selected by …` cannot have an effective range: it says which version of every rule governs a contract period, at all times",
          {
            context,
            hint: "remove the `effective` line; to change which rules govern which months, give the rules themselves effective ranges",
          },
        ),
      );
      return;
    }
    default:
      return;
  }
}

/**
 * Which statements are versions of one rule. Undefined for statements that may legitimately repeat (holidays,
 * degradation rules, legs, `based on`): those are separate rules, not versions. Sources are versions of each
 * other only when they have the same name (a constituent whose terms changed).
 */
function versionKey(s: Statement): string | undefined {
  switch (s.kind) {
    case "Holiday":
    case "Degradation":
    case "Leg":
    case "BasedOn":
      return undefined;
    case "Source":
      return s.name === undefined ? undefined : `Source:${s.name.name}`;
    default:
      // Otherwise a version is another statement of the same slot, as names.ts counts duplicates.
      return slotOf(s);
  }
}

/** A range with both bounds known (undefined bound = open); undefined when a bound is an invalid date. */
interface Interval {
  readonly from: string | undefined;
  readonly until: string | undefined;
  readonly node: EffectiveRange | undefined;
}

/** The intervals a statement is in force: its valid effective ranges, or all time when it has none. */
function intervalsOf(s: Statement): Interval[] {
  const ranges = s.annotations.effective;
  if (ranges.length === 0) return [{ from: undefined, until: undefined, node: undefined }];
  const out: Interval[] = [];
  for (const r of ranges) {
    // An invalid date (reported by the parser) or an inverted range (reported below) says nothing usable.
    if ((r.from !== undefined && r.from.value === undefined) || (r.until !== undefined && r.until.value === undefined)) continue;
    const from = r.from?.value;
    const until = r.until?.value;
    if (rangeEndsBeforeStart(rangeOf({ from, until }))) continue;
    out.push({ from, until, node: r });
  }
  return out;
}

/** An interval as the shared invariants read it. */
function rangeOf(i: { from: string | undefined; until: string | undefined }): RangeValue {
  return { from: i.from ?? null, until: i.until ?? null };
}

function describeInterval(i: Interval): string {
  if (i.from === undefined && i.until === undefined) return "no effective range, so it is in force at all times";
  if (i.from === undefined) return `effective until ${i.until}`;
  if (i.until === undefined) return `effective from ${i.from}`;
  return `effective from ${i.from} until ${i.until}`;
}

function spanOf(s: Statement, i: Interval): Span {
  return i.node?.span ?? s.span;
}

function checkOverlaps(group: readonly Statement[], scope: Scope, context: readonly string[], report: Report): void {
  if (group.every((s) => s.annotations.effective.length === 0)) return;
  const intervals = group.map(intervalsOf);
  // Two statements without ranges are duplicates (the names check's business), not overlapping versions.
  const unranged = (i: number): boolean => group[i]!.annotations.effective.length === 0;
  const versions = intervals.map((list) => ({ effective: list.map(rangeOf) }));
  for (const o of overlappingVersions(versions, (earlier, later) => unranged(earlier) && unranged(later))) {
    const s = group[o.later]!;
    const earlier = group[o.earlier]!;
    const mine = intervals[o.later]![o.laterRange]!;
    const theirs = intervals[o.earlier]![o.earlierRange]!;
    const name = statementLabel(s, scope);
    report(
      diag(
        Codes.OverlappingVersions,
        spanOf(s, mine),
        `overlapping versions of \`${name}\`: both are in force ${overlapDescription(mine, theirs)}`,
        {
          context,
          labels: [{ span: spanOf(earlier, theirs), message: `the other version: ${describeInterval(theirs)}` }],
          notes: [`this version: ${describeInterval(mine)}`],
          hint:
            mine.node === undefined || theirs.node === undefined
              ? "give every version of a rule an effective range, e.g. `effective until 2021-06-30` and `effective from 2021-07-01`"
              : "make one version end the day before the other starts",
        },
      ),
    );
  }
}

/** The shared part of two overlapping intervals, in words. */
function overlapDescription(a: Interval, b: Interval): string {
  const from = a.from === undefined ? b.from : b.from === undefined ? a.from : a.from > b.from ? a.from : b.from;
  const until = a.until === undefined ? b.until : b.until === undefined ? a.until : a.until < b.until ? a.until : b.until;
  if (from === undefined && until === undefined) return "at all times";
  if (from === undefined) return `until ${until}`;
  if (until === undefined) return `from ${from}`;
  return from === until ? `on ${from}` : `from ${from} until ${until}`;
}

function checkRanges(annotations: Annotations, context: readonly string[], report: Report): void {
  for (const r of annotations.effective) {
    const from = r.from?.value;
    const until = r.until?.value;
    if (from === undefined || until === undefined || !rangeEndsBeforeStart(rangeOf({ from, until }))) continue;
    report(
      diag(Codes.InvalidEffectiveRange, r.span, `effective range ends before it starts: from ${from} until ${until}`, {
        context,
        labels: r.from !== undefined ? [{ span: r.from.span, message: "starts here" }] : undefined,
        hint: "both bounds are inclusive; `until` must be on or after `from`",
      }),
    );
  }
}
