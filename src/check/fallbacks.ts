/**
 * Fallback waterfalls and numbered steps. For every `fallback { … }` this check proves that each declared
 * disruption ends in a definite outcome (E5001): walking the steps in order, some step that applies to the
 * disruption must be terminal, and only `determined by …` is terminal, since postponing, an alternate index and
 * carrying a value forward can each fail. A step that no disruption can still reach is unreachable (E5002); an
 * alternate index that is the contract's own underlying is circular (E5007); postponement must have a calendar
 * to count business days on (E5010); steps, and daily settlement steps, are numbered 1, 2, 3… (E5006).
 * Unknown names and words are the names check's business: what does not resolve is skipped here.
 */
import type { Span } from "../base/source.js";
import { Codes, diag } from "../diagnostics/index.js";
import { ANY_DISRUPTION, dealerPollProblem, settlingIndices, walkWaterfall, type SettlingRef } from "../model/invariants.js";
import type { Declaration, DailyStep, FallbackDeadline, FallbackStep, FallbackStmt, Ident, NumberLit } from "../syntax/ast.js";
import type { Program, Report, Symbol } from "./program.js";
import { declarationKind } from "./program.js";
import { decimalOf } from "./unit-of.js";
import { COUNT_BOUNDS, countOf } from "./counts.js";
import { determinationParty, disruptionKind, durationUnit } from "./words.js";

/** Checks every fallback and every numbered step list in the program. */
export function checkFallbacks(program: Program, report: Report): void {
  for (const file of program.files) {
    const path = file.source.path;
    for (const decl of file.ast.declarations) {
      const context = [`${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`];
      for (const s of decl.statements) {
        if (s.kind === "Fallback") checkFallback(program, path, decl, s, [...context, "fallback"], report);
        else if (s.kind === "DailySettlement") checkNumbering(s.steps, "daily settlement", [...context, "daily settlement"], report);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Numbering

/** Reports the first step whose number is not its position (1-based); one report per list is enough. */
function checkNumbering(steps: readonly (FallbackStep | DailyStep)[], what: string, context: readonly string[], report: Report): void {
  for (let i = 0; i < steps.length; i++) {
    const n = steps[i]!.number;
    if (n?.value === undefined) return;
    const expected = String(i + 1);
    if (n.value === expected) continue;
    report(
      diag(Codes.StepNumbering, n.span, `${what} step numbered ${n.raw}, expected ${expected}`, {
        context,
        notes: ["steps apply in the order they are written, and their numbers say that order"],
        hint: `number the steps 1, 2, 3, … in order; this one is step ${expected}`,
      }),
    );
    return;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The waterfall

/** Stands for every disruption when a fallback declares none. */
const ANY = ANY_DISRUPTION;

function kindList(kinds: readonly string[]): string {
  const named = kinds.map((k) => (k === ANY ? "any disruption" : `\`${k}\``));
  if (named.length <= 1) return named.join("");
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}

function stepName(step: FallbackStep, index: number): string {
  return `step ${step.number?.raw ?? String(index + 1)}`;
}

function isTerminal(step: FallbackStep): boolean {
  return step.action?.kind === "Determination";
}

function checkFallback(
  program: Program,
  file: string,
  decl: Declaration,
  fb: FallbackStmt,
  context: readonly string[],
  report: Report,
): void {
  checkNumbering(fb.steps, "fallback", context, report);
  for (const d of fb.disruptions) {
    disruptionKind(d.condition, report, context);
    if (d.condition?.name === "not-published" && d.deadline === undefined)
      report(
        diag(
          Codes.NotPublishedWithoutDeadline,
          d.span,
          "`not-published` has no deadline: nothing says by when the value must be published",
          {
            context,
            notes: [
              "without a deadline, a fixing published at any later time still counts, so nothing says when the waterfall takes over; `by TIME ZONE` also keeps a later correction from changing the settlement",
            ],
            hint: "add the deadline, e.g. `disruption if not-published by 18:00 America/New_York`",
          },
        ),
      );
    if (d.duration !== undefined) {
      durationUnit(d.duration.unit, report, context, d.duration.business);
      checkPositive(d.duration.amount, "the duration of a disruption", context, report);
    }
  }

  const declared: string[] = [];
  for (const d of fb.disruptions) {
    const name = d.condition?.name;
    if (name !== undefined && !declared.includes(name)) declared.push(name);
  }
  // A step broken by a syntax error says nothing reliable about outcomes; the parser has reported it.
  const complete = fb.steps.every((s) => s.action !== undefined);
  const waterfall = walkWaterfall(
    declared,
    fb.steps.map((step) => ({ only: step.only.map((o) => o.name), terminal: isTerminal(step) })),
  );
  const universe = waterfall.universe;
  const endedBy = new Map([...waterfall.endedBy].map(([k, index]) => [k, { step: fb.steps[index]!, index }]));

  fb.steps.forEach((step, index) => {
    const stepContext = [...context, stepName(step, index)];
    checkAction(program, file, decl, step, stepContext, report);
    // A misspelt disruption is reported as an unknown word; the step is then not judged unreachable for it.
    const misspelt = step.only.filter((o) => disruptionKind(o, report, stepContext) === undefined).length > 0;
    const { applies, live } = waterfall.steps[index]!;
    if (live.length === 0 && complete && !(misspelt && applies.length === 0))
      reportUnreachable(step, index, applies, declared, endedBy, stepContext, report);
  });

  const open = waterfall.open;
  if (open.length === 0 || !complete) return;
  const keyword: Span = { file: fb.span.file, start: fb.span.start, end: fb.span.start + "fallback".length };
  const last = fb.steps[fb.steps.length - 1];
  report(
    diag(Codes.FallbackNotDefinite, keyword, `this fallback can end without a settlement value for ${kindList(open)}`, {
      context,
      labels: last === undefined ? undefined : [{ span: last.span, message: "the waterfall ends here without a definite outcome" }],
      notes: [
        `left without an outcome: ${kindList(open)}`,
        "postponing, an alternate index and carrying a value forward can each fail; only `determined by …` always gives a value",
      ],
      hint:
        open.length === universe.length
          ? `end the waterfall with a step such as \`${fb.steps.length + 1}. determined by the exchange\``
          : `add a step \`${fb.steps.length + 1}. determined by the exchange\` that applies to ${kindList(open)}`,
    }),
  );
}

function reportUnreachable(
  step: FallbackStep,
  index: number,
  applies: readonly string[],
  declared: readonly string[],
  endedBy: ReadonlyMap<string, { step: FallbackStep; index: number }>,
  context: readonly string[],
  report: Report,
): void {
  const name = stepName(step, index);
  if (applies.length === 0) {
    const listed = step.only.map((o) => o.name);
    report(
      diag(
        Codes.FallbackUnreachableStep,
        spanOfList(step.only) ?? step.span,
        `${name} handles only ${kindList(listed)}, which this fallback does not declare`,
        {
          context,
          notes: [declared.length === 0 ? "this fallback declares no disruptions" : `this fallback declares ${kindList(declared)}`],
          hint: "declare the disruption with `disruption if …`, or name a declared one after `for`",
        },
      ),
    );
    return;
  }
  const enders: { step: FallbackStep; index: number }[] = [];
  for (const k of applies) {
    const e = endedBy.get(k);
    if (e !== undefined && !enders.some((x) => x.step === e.step)) enders.push(e);
  }
  report(
    diag(Codes.FallbackUnreachableStep, step.span, `${name} can never be reached: every disruption it handles already has an outcome`, {
      context,
      labels: enders.map((e) => ({
        span: e.step.span,
        message: `${stepName(e.step, e.index)} always gives a value for ${kindList(applies.filter((k) => endedBy.get(k)?.step === e.step))}`,
      })),
      hint: "remove the step, or move it above the step that always gives a value",
    }),
  );
}

function spanOfList(list: readonly Ident[]): Span | undefined {
  const first = list[0];
  const last = list[list.length - 1];
  return first === undefined || last === undefined ? undefined : { file: first.span.file, start: first.span.start, end: last.span.end };
}

function checkPositive(n: NumberLit | undefined, what: string, context: readonly string[], report: Report): void {
  const v = decimalOf(n);
  if (n === undefined || v === undefined || v.isPositive()) return;
  report(diag(Codes.NonPositiveAmount, n.span, `${what} must be positive, not ${n.raw}`, { context }));
}

function checkAction(
  program: Program,
  file: string,
  decl: Declaration,
  step: FallbackStep,
  context: readonly string[],
  report: Report,
): void {
  const action = step.action;
  if (action === undefined) return;
  switch (action.kind) {
    case "Postpone": {
      countOf(action.days, COUNT_BOUNDS.postponementDays, "the number of business days to postpone", { program, report, context });
      if (action.calendar !== undefined) return;
      const fallbackCalendar = contractCalendar(program, file, decl)?.ref;
      if (fallbackCalendar !== undefined) return;
      report(
        diag(Codes.MissingCalendar, action.span, "postponement counts business days, but no calendar says which days those are", {
          context,
          notes: [
            "without `on CALENDAR`, a postponement counts business days of the calendar of the contract's last trading day (or, for an option, of its expiry or its underlying future), and this contract names none",
          ],
          hint: `name the calendar: \`postpone up to ${action.days?.raw ?? "2"} business days on ${exampleCalendar(program, file)}\``,
        }),
      );
      return;
    }
    case "CarryForward":
      countOf(action.withinDays, COUNT_BOUNDS.carryForwardDays, "the number of business days", { program, report, context });
      return;
    case "AlternateIndex": {
      const target = action.index;
      if (target === undefined) return;
      const sym = program.visible(file).get(target.name);
      if (sym === undefined || sym.kind !== "index") return;
      const start = nodeOf(program, decl, file, new Map());
      const hit = settlingIndices(start, (n) => n.refs.map((r) => r.ref)).find((u) => u.index === sym.name);
      const span = hit === undefined ? undefined : start.refs[hit.via]!.span;
      if (hit === undefined) return;
      report(
        diag(Codes.CircularReference, target.span, `circular fallback: \`${target.name}\` is the index this contract already settles on`, {
          context,
          labels: [{ span: span!, message: `\`${target.name}\` is the underlying here` }],
          notes: ["an alternate index is used when the underlying index fails, so it must be a different index"],
          hint: "name a different index, e.g. a backup publication of the same methodology",
        }),
      );
      return;
    }
    case "Determination":
      determinationParty(action.party, report, context);
      if (action.deadline !== undefined) deadlineDays(program, action.deadline, context, report);
      return;
    case "DealerPoll":
      checkDealerPoll(program, action, context, report);
      return;
    case "NegotiatedFallback":
      if (action.deadline !== undefined) deadlineDays(program, action.deadline, context, report);
      return;
    case "ExcludeDay": {
      countOf(action.minimumDays, COUNT_BOUNDS.averageMinimumDays, "the minimum number of days", { program, report, context });
      const averages = decl.statements.some((s) => s.kind === "FinalSettlement" && s.value?.kind === "IndexAverage");
      if (averages) return;
      report(
        diag(
          Codes.ExclusionWithoutAverage,
          action.span,
          "this step leaves a day out of the average, but the final settlement is not an average",
          {
            context,
            notes: ["only a final settlement `at the average of INDEX … over …` has days that can be left out"],
            hint: "settle on an average of the index, or use another fallback action here",
          },
        ),
      );
      return;
    }
  }
}

/** The business days of a step's deadline, in range (0: the day the value is for). */
function deadlineDays(program: Program, d: FallbackDeadline, context: readonly string[], report: Report): number | undefined {
  return countOf(d.days, COUNT_BOUNDS.fallbackDeadlineDays, "the business days of the deadline", { program, report, context });
}

/**
 * A dealer poll (2005 ISDA Commodity Definitions §7.5(c)(i), Fallback Reference Dealers): its counts in range, a
 * minimum of quotes the dealers can give (E5310), and a minimum that leaves a quote after the drops (E5311).
 */
function checkDealerPoll(
  program: Program,
  a: Extract<FallbackStep["action"], { kind: "DealerPoll" }> & object,
  context: readonly string[],
  report: Report,
): void {
  const ctx = { program, report, context };
  const dealers = countOf(a.dealers, COUNT_BOUNDS.dealers, "the number of dealers polled", ctx);
  const minimum = countOf(a.minimumQuotes, COUNT_BOUNDS.dealers, "the minimum number of quotes", ctx);
  const high = a.dropHighest === undefined ? 0 : countOf(a.dropHighest, COUNT_BOUNDS.droppedQuotes, "the highest quotes dropped", ctx);
  const low = a.dropLowest === undefined ? 0 : countOf(a.dropLowest, COUNT_BOUNDS.droppedQuotes, "the lowest quotes dropped", ctx);
  if (a.deadline !== undefined) deadlineDays(program, a.deadline, context, report);
  if (dealers === undefined || minimum === undefined || high === undefined || low === undefined) return;
  const problem = dealerPollProblem(dealers, minimum, high + low);
  if (problem === "quorum")
    report(
      diag(Codes.DealerPollQuorum, a.minimumQuotes!.span, `the poll asks ${dealers} dealers, so it can never have ${minimum} quotes`, {
        context,
        hint: `poll at least ${minimum} dealers, or ask for at most ${dealers} quotes`,
      }),
    );
  else if (problem === "drops-all")
    report(
      diag(
        Codes.DealerPollDropsAll,
        a.dropHighest?.span ?? a.span,
        `dropping ${high} highest and ${low} lowest of ${minimum} quotes leaves none to average`,
        {
          context,
          notes: ["a poll that reaches its minimum must keep at least one quote after the drops"],
          hint: `ask for at least ${high + low + 1} quotes, e.g. \`minimum ${high + low + 1} quotes\``,
        },
      ),
    );
}

/** A calendar visible from the file, for hints; NYSE when none is. */
function exampleCalendar(program: Program, file: string): string {
  for (const sym of program.visible(file).values()) if (sym.kind === "calendar") return sym.name;
  return "NYSE";
}

// ---------------------------------------------------------------------------------------------------------
// What a contract stands on

function lookup(program: Program, file: string, ref: Ident | undefined): Symbol | undefined {
  return ref === undefined ? undefined : program.visible(file).get(ref.name);
}

/** A declaration as the shared walk of settling indices reads it: its references, each with the span that names it. */
interface SettlingNode {
  readonly decl: Declaration;
  readonly file: string;
  readonly refs: readonly { readonly ref: SettlingRef<SettlingNode>; readonly span: Span }[];
}

/**
 * The references a declaration settles through (its underlying, legs and final settlement's index or contract),
 * resolved in its file; a contract is one node however often it is reached, so the shared walk visits it once.
 */
function settlingRefs(program: Program, file: string, decl: Declaration, nodes: Map<Declaration, SettlingNode>): SettlingNode["refs"] {
  const out: { ref: SettlingRef<SettlingNode>; span: Span }[] = [];
  const follow = (ref: Ident | undefined): void => {
    const sym = lookup(program, file, ref);
    if (sym === undefined || ref === undefined) return;
    if (sym.kind === "index") out.push({ ref: { kind: "index", name: sym.name }, span: ref.span });
    else if (sym.kind === "future" || sym.kind === "option" || sym.kind === "spread")
      out.push({ ref: { kind: "contract", node: nodeOf(program, sym.decl, sym.file, nodes) }, span: ref.span });
  };
  for (const s of decl.statements) {
    if (s.kind === "Underlying") follow(s.target);
    else if (s.kind === "Leg") follow(s.contract);
    else if (s.kind === "FinalSettlement" && s.value !== undefined) {
      const v = s.value;
      if (v.kind === "IndexAt" || v.kind === "IndexAverage") follow(v.index);
      else if (v.kind === "UnderlyingFinal") follow(v.target);
    }
  }
  return out;
}

/** The indices a contract settles on, by name (the shared walk of model/invariants.ts, as E5007 reads it). */
export function indicesSettledOn(program: Program, file: string, decl: Declaration): string[] {
  return settlingIndices(nodeOf(program, decl, file, new Map()), (n) => n.refs.map((r) => r.ref)).map((x) => x.index);
}

/** The node of a contract, its references resolved on first use (contracts may refer to each other in a cycle). */
function nodeOf(program: Program, decl: Declaration, file: string, nodes: Map<Declaration, SettlingNode>): SettlingNode {
  let node = nodes.get(decl);
  if (node === undefined) {
    let refs: SettlingNode["refs"] | undefined;
    node = {
      decl,
      file,
      get refs() {
        return (refs ??= settlingRefs(program, file, decl, nodes));
      },
    };
    nodes.set(decl, node);
  }
  return node;
}

/**
 * The calendar a rule that counts business days falls back on when it names none (a postponement, an averaging
 * period): the contract's last trading day calendar, an option's expiry calendar, an index's publication calendar,
 * else that of the underlying future or the legs. Returns the reference and the file whose scope resolves it.
 * The model lowering uses this same search, so check and build agree on the calendar.
 */
export function contractCalendar(
  program: Program,
  file: string,
  decl: Declaration,
  visiting: Set<Declaration> = new Set(),
): { readonly ref: Ident; readonly file: string } | undefined {
  if (visiting.has(decl)) return undefined;
  visiting.add(decl);
  for (const s of decl.statements) {
    if (s.kind === "LastTradingDay" && s.rule?.calendar !== undefined) return { ref: s.rule.calendar, file };
    if (s.kind === "Expiry" && s.calendar !== undefined) return { ref: s.calendar, file };
    if (s.kind === "Publish" && s.calendar !== undefined) return { ref: s.calendar, file };
  }
  for (const s of decl.statements) {
    const ref = s.kind === "Underlying" ? s.target : s.kind === "Leg" ? s.contract : undefined;
    const sym = lookup(program, file, ref);
    if (sym === undefined || sym.kind === "index" || sym.kind === "calendar") continue;
    const found = contractCalendar(program, sym.file, sym.decl, visiting);
    if (found !== undefined) return found;
  }
  return undefined;
}
