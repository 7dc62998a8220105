/**
 * The diff backend's comparison: two compiled specs (old and new) compared rule by rule on the model, each
 * change said in plain words ("The minimum price fluctuation of FOTI changes from 0.001 USD per 1M tokens to
 * 0.0005 USD per 1M tokens") and classified as economic (a term that what anyone pays or receives, or when,
 * depends on) or editorial (only descriptions, references or titles); a redline of the readable contract's
 * clauses whose text changes (legal backend); and the contract months whose dates or settlement terms change.
 * Pure: the first contract month compared is an input.
 */
import { buildDocument, quantityWords, ruleName } from "../legal/from-model.js";
import { tickWords } from "../legal/contract-specs.js";
import { staleDescriptions, type StaleDescription } from "./descriptions.js";
import { monthChanges, type MonthChange } from "./months.js";
import { redline, type RedlineClause } from "./redline.js";
import { ANNOTATIONS, isClauseList, strip } from "./values.js";
import {
  capitalise,
  count,
  dateRuleWords,
  duration,
  effectiveWords,
  holidayDateWords,
  methodWords,
  roundingWords,
  zonedTime,
} from "../legal/words.js";
import type { Spec } from "../../model/types.js";
import type * as S from "../../runtime/spec.js";

/** One change between two specs, in words. */
export interface Change {
  readonly kind: "economic" | "editorial";
  /** "FOTI contract", "AITOK_OUT index", "ENGLAND_WALES calendar". */
  readonly subject: string;
  /** The rule, e.g. "minimum price fluctuation". */
  readonly rule: string;
  readonly text: string;
}

export type { MonthChange } from "./months.js";
export type { RedlineClause, RedlinePiece } from "./redline.js";
export { wordDiff } from "./redline.js";

/** The whole comparison. */
export interface SpecDiff {
  readonly oldTitle: string;
  readonly newTitle: string;
  readonly changes: readonly Change[];
  readonly redline: readonly RedlineClause[];
  readonly months: readonly MonthChange[];
  /** Authors' descriptions that did not change while the terms of their clause did. */
  readonly stale: readonly StaleDescription[];
}

/** Options of a comparison. */
export interface DiffOptions {
  /** ISO date from which contract months are compared. */
  readonly asOf: string;
  /** How many contract months are compared; default 12. */
  readonly months?: number;
  /** The contract compared; default: the new spec's subject. */
  readonly contract?: string;
  /** The whole chapter in the redline, unchanged clauses too (status "unchanged"), not only the changed ones. */
  readonly full?: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

type Words = (value: unknown) => string | undefined;

/** The rules of a contract (any kind) or an index by field name: lists of clauses (runtime/spec.ts). */
type RuleFields = Omit<S.AnyContract, "kind"> & Omit<S.Index, "kind">;
/** The value of a version of the rule in a field. */
type ValueOf<F extends keyof RuleFields> = NonNullable<RuleFields[F]> extends S.Versions<infer V> ? V : never;

const sourceCount = (n: number) => count(n, "eligible source", "eligible sources");
const windowWords = (x: S.TimeWindow) =>
  `${x.from}${x.fromDay === "previous" ? " on the previous day" : ""} (${x.fromBound === "inclusive" ? "included" : "excluded"}) to ${x.to} (${x.toBound === "inclusive" ? "included" : "excluded"}) ${x.zone} time`;

/** Short noun phrases for the values of the rules people compare most, typed by the spec's field. */
const WORDS: { readonly [F in keyof RuleFields]?: (value: ValueOf<F>, cal: (n: string) => string) => string } = {
  tick: (v) => tickWords(v),
  spreadTick: (v) => tickWords(v),
  premiumTick: (v) => tickWords(v),
  contractUnit: (u) => (u.kind === "quantity" ? quantityWords(u.quantity) : `${count(u.amount, "contract", "contracts")} of ${u.contract}`),
  priceQuotation: (u) => u.text,
  quoted: (u) => u.text,
  termination: (v) => zonedTime(v),
  lastTradingDay: (v, cal) => dateRuleWords(v, cal),
  minimumSources: (v) => sourceCount(v),
  rounding: (v) => roundingWords(v),
  excludeDeviation: (v) => `more than ${v.percent}% from the median of the other sources`,
  excludeStale: (v) => `data older than ${duration(v)}`,
  aggregateSources: (v) => methodWords(v),
  aggregateTrades: (v) => methodWords(v),
  aggregateIntervals: (v) => methodWords(v),
  aggregateSamples: (v) => methodWords(v),
  sampling: (v) =>
    `every ${duration(v.every)}, prices held for up to ${duration(v.hold)}, empty samples ${v.empty === "skip" ? "left out" : "fail the fixing"}`,
  window: (w) => (w.also === undefined ? windowWords(w) : [w, ...w.also].map((p) => windowWords({ ...p, zone: w.zone })).join(" and ")),
  finalSettlement: (f) => {
    const v = f.value;
    const what =
      v.kind === "index-at" || v.kind === "index-average"
        ? `${v.kind === "index-average" ? "the average of " : ""}${v.index} at ${zonedTime(v.at)}`
        : v.kind === "leg-by-leg"
          ? "each leg at its own contract's price"
          : "the underlying's final settlement price";
    return `${what}, ${roundingWords(f.rounding)}`;
  },
  priceLimits: (v) => v.map((l) => (l.kind === "percent" ? `${l.percent}%` : quantityWords(l.amount))).join(", "),
  priceLimitBreach: (v) => (v === "clamp" ? "a price beyond the last limit clamped to it" : "a price beyond the last limit flagged"),
};

/** The words for the values of a field, or none. */
function wordsFor(field: string, cal: (n: string) => string): Words {
  if (!Object.hasOwn(WORDS, field)) return () => undefined;
  // A value compared under `field` is a version of that field's rule, by the spec's shape: the one narrowing here.
  const words = WORDS[field as keyof RuleFields] as (value: unknown, cal: (n: string) => string) => string;
  return (v) => words(v, cal);
}

function fallbackLevelWords(step: S.FallbackStep): string {
  const a = step.action;
  switch (a.kind) {
    case "postpone":
      return `postponement by up to ${count(a.businessDays, "business day", "business days")} on ${a.calendar}`;
    case "alternate-index":
      return `the ${a.index} index`;
    case "carry-forward":
      return `the last published value${a.withinBusinessDays ? ` within ${count(a.withinBusinessDays, "business day", "business days")}${a.calendar === undefined ? "" : ` on ${a.calendar}`}` : ""}${a.flagged ? ", flagged" : ""}`;
    case "exclude-day":
      return `leaving the day out of the average, at least ${count(a.minimumDays, "day", "days")} remaining`;
    case "dealer-poll":
      return `a poll of ${count(a.dealers, "dealer", "dealers")}, at least ${count(a.minimumQuotes, "quote", "quotes")}, dropping ${a.dropHighest} highest and ${a.dropLowest} lowest, within ${count(a.deadline.businessDays, "business day", "business days")} on ${a.deadline.calendar}`;
    case "negotiated":
      return `a negotiated value within ${count(a.deadline.businessDays, "business day", "business days")} on ${a.deadline.calendar}`;
    case "determination":
      return `determination by the ${a.party === "exchange" ? "Exchange" : "Calculation Agent"}${a.deadline === undefined ? "" : ` within ${count(a.deadline.businessDays, "business day", "business days")} on ${a.deadline.calendar}`}`;
  }
}

/** A declaration of a spec: a contract (any kind), an index or a calendar. */
type Declaration = S.AnyContract | S.Index | S.Calendar;

/** A field holding rules that all apply, whose members are compared by name. */
type MemberList = S.Rules<S.Source> | S.Rules<S.PositionLimit> | S.Rules<S.Degradation> | S.Rules<S.Leg>;

/** The list of rules that all apply in a field of a declaration, if the field holds one. */
function memberList(d: Declaration, field: string): MemberList | undefined {
  if (d.kind === "calendar") return undefined;
  if (d.kind === "index") return field === "sources" ? d.sources : field === "degradation" ? d.degradation : undefined;
  return field === "positionLimits" ? d.positionLimits : field === "legs" ? d.legs : undefined;
}

/** Names the members of a list of rules that all apply, so additions and removals can be told by name. */
function memberName(v: MemberList[number], i: number): string {
  const value = v.value;
  if ("name" in value && typeof value.name === "string") return value.name;
  if ("scope" in value) return value.scope;
  if ("minSources" in value) return `${value.minSources}-${value.maxSources}`;
  return String(i + 1);
}

function compareDeclaration(subject: string, oldDecl: Declaration, newDecl: Declaration, cal: (n: string) => string, out: Change[]): void {
  const oldFields: Map<string, unknown> = new Map(Object.entries(oldDecl));
  const newFields: Map<string, unknown> = new Map(Object.entries(newDecl));
  const fields = [...new Set([...oldFields.keys(), ...newFields.keys()])].sort();
  for (const field of fields) {
    if (field === "kind" || field === "name") continue;
    const a = oldFields.get(field);
    const b = newFields.get(field);
    if (same(a, b)) continue;
    const rule = ruleName(field);
    if (ANNOTATIONS.has(field)) {
      const what = field === "title" ? "title" : field === "clauses" ? "rulebook references" : "description";
      out.push({
        kind: "editorial",
        subject,
        rule: what,
        text: `The ${what} of ${subject} changes from "${[a].flat().join("; ")}" to "${[b].flat().join("; ")}".`,
      });
      continue;
    }
    const economic = !same(strip(a), strip(b));
    if (!economic) {
      out.push({
        kind: "editorial",
        subject,
        rule,
        text: `The wording, references or title of the ${rule} of ${subject} change; the terms do not.`,
      });
      continue;
    }
    if (field === "holidays" && oldDecl.kind === "calendar" && newDecl.kind === "calendar") {
      compareHolidays(subject, oldDecl.holidays, newDecl.holidays, out);
      continue;
    }
    if (field === "weekend" || (field === "timeZone" && !Array.isArray(a))) {
      out.push({
        kind: "economic",
        subject,
        rule,
        text: `The ${rule} of ${subject} changes from ${JSON.stringify(a)} to ${JSON.stringify(b)}.`,
      });
      continue;
    }
    if (!isClauseList(a) || !isClauseList(b)) {
      out.push({ kind: "economic", subject, rule, text: `The ${rule} of ${subject} changes.` });
      continue;
    }
    const olds = a;
    const news = b;
    const oldMembers = memberList(oldDecl, field);
    const newMembers = memberList(newDecl, field);
    if (oldMembers !== undefined && newMembers !== undefined) {
      const on = new Map(oldMembers.map((v, i) => [memberName(v, i), v]));
      const nn = new Map(newMembers.map((v, i) => [memberName(v, i), v]));
      for (const [k, v] of nn) {
        const o = on.get(k);
        const when = effectiveWords(v.effective);
        if (o === undefined)
          out.push({
            kind: "economic",
            subject,
            rule,
            text: `${field === "sources" ? `Source ${k}` : `A new ${rule.replace(/s$/, "")} rule`} is added to the ${rule} of ${subject}${when === "" ? "" : `, in force ${when}`}.`,
          });
        else if (!same(strip(o), strip(v))) {
          const ow = effectiveWords(o.effective);
          out.push({
            kind: "economic",
            subject,
            rule,
            text: same(strip(o.value), strip(v.value))
              ? `${field === "sources" ? `Source ${k}` : `The ${rule} rule ${k}`} of ${subject} is now in force ${when || "always"} instead of ${ow || "always"}.`
              : `${field === "sources" ? `Source ${k}` : `The ${rule} rule ${k}`} of ${subject} changes.`,
          });
        } else if (!same(o, v))
          out.push({
            kind: "editorial",
            subject,
            rule,
            text: `The wording or references of ${field === "sources" ? `source ${k}` : `the ${rule} rule ${k}`} of ${subject} change.`,
          });
      }
      for (const k of on.keys())
        if (!nn.has(k))
          out.push({
            kind: "economic",
            subject,
            rule,
            text: `${field === "sources" ? `Source ${k}` : `The ${rule} rule ${k}`} is removed from ${subject}.`,
          });
      continue;
    }
    if (
      field === "fallback" &&
      oldDecl.kind !== "calendar" &&
      oldDecl.kind !== "index" &&
      newDecl.kind !== "calendar" &&
      newDecl.kind !== "index"
    ) {
      compareFallback(subject, oldDecl.fallback, newDecl.fallback, out);
      continue;
    }
    const words = wordsFor(field, cal);
    const sameRanges = olds.length === news.length && olds.every((o, i) => same(o.effective, news[i]!.effective));
    if (sameRanges) {
      olds.forEach((o, i) => {
        const n = news[i]!;
        if (same(strip(o), strip(n))) {
          if (!same(o, n))
            out.push({
              kind: "editorial",
              subject,
              rule,
              text: `The wording or references of the ${rule} of ${subject} change; the terms do not.`,
            });
          return;
        }
        const when = effectiveWords(o.effective);
        const ow = words(o.value);
        const nw = words(n.value);
        out.push({
          kind: "economic",
          subject,
          rule,
          text:
            ow !== undefined && nw !== undefined && ow !== nw
              ? `The ${rule} of ${subject}${when === "" ? "" : ` (${when})`} changes from ${ow} to ${nw}.`
              : `The ${rule} of ${subject}${when === "" ? "" : ` (${when})`} changes.`,
        });
      });
      continue;
    }
    // Versions added, removed or re-dated.
    for (const n of news) {
      if (olds.some((o) => same(strip(o), strip(n)))) continue;
      const nw = words(n.value);
      const when = effectiveWords(n.effective);
      const old = olds.find((o) => same(strip(o.value), strip(n.value)));
      out.push({
        kind: "economic",
        subject,
        rule,
        text:
          old !== undefined
            ? `The version of the ${rule} of ${subject}${nw === undefined ? "" : ` (${nw})`} is now in force ${when || "always"} instead of ${effectiveWords(old.effective) || "always"}.`
            : `A new version of the ${rule} of ${subject} is in force ${when || "always"}${nw === undefined ? "" : `: ${nw}`}.`,
      });
    }
    for (const o of olds) {
      if (news.some((n) => same(strip(o.value), strip(n.value)))) continue;
      const ow = words(o.value);
      out.push({
        kind: "economic",
        subject,
        rule,
        text: `The version of the ${rule} of ${subject} in force ${effectiveWords(o.effective) || "always"}${ow === undefined ? "" : ` (${ow})`} is withdrawn.`,
      });
    }
  }
}

function compareHolidays(subject: string, a: readonly S.HolidayRule[], b: readonly S.HolidayRule[], out: Change[]): void {
  const on = new Map(a.map((h) => [h.name, h]));
  const nn = new Map(b.map((h) => [h.name, h]));
  for (const [k, h] of nn) {
    const o = on.get(k);
    if (o === undefined)
      out.push({
        kind: "economic",
        subject,
        rule: "holidays",
        text: `Holiday "${k}" is added to ${subject}: ${holidayDateWords(h)}.`,
      });
    else if (!same(strip(o), strip(h)))
      out.push({
        kind: "economic",
        subject,
        rule: "holidays",
        text: `Holiday "${k}" of ${subject} changes from ${holidayDateWords(o)} to ${holidayDateWords(h)}.`,
      });
    else if (!same(o, h))
      out.push({ kind: "editorial", subject, rule: "holidays", text: `The wording or references of holiday "${k}" of ${subject} change.` });
  }
  for (const [k, o] of on)
    if (!nn.has(k))
      out.push({
        kind: "economic",
        subject,
        rule: "holidays",
        text: `Holiday "${k}" (${holidayDateWords(o)}) is removed from ${subject}.`,
      });
}

function compareFallback(subject: string, olds: S.Versions<S.Fallback>, news: S.Versions<S.Fallback>, out: Change[]): void {
  const n = Math.max(olds.length, news.length);
  for (let v = 0; v < n; v++) {
    const o = olds[v];
    const x = news[v];
    if (o === undefined || x === undefined) {
      out.push({
        kind: "economic",
        subject,
        rule: "fallback",
        text:
          o === undefined
            ? `A new version of the fallback waterfall of ${subject} is in force ${effectiveWords(x!.effective) || "always"}.`
            : `A version of the fallback waterfall of ${subject} is withdrawn.`,
      });
      continue;
    }
    if (same(strip(o), strip(x))) {
      if (!same(o, x))
        out.push({
          kind: "editorial",
          subject,
          rule: "fallback",
          text: `The wording or references of the fallback waterfall of ${subject} change; the levels do not.`,
        });
      continue;
    }
    const os = o.value.steps;
    const ns = x.value.steps;
    // Align the levels (longest common subsequence), so a level removed or inserted is said as such.
    const key = (st: unknown) => JSON.stringify(strip(st));
    const L: number[][] = Array.from({ length: os.length + 1 }, () => new Array<number>(ns.length + 1).fill(0));
    for (let i = os.length - 1; i >= 0; i--)
      for (let j = ns.length - 1; j >= 0; j--)
        L[i]![j] = key(os[i]) === key(ns[j]) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < os.length || j < ns.length) {
      if (i < os.length && j < ns.length && key(os[i]) === key(ns[j])) {
        i++;
        j++;
      } else if (
        i < os.length &&
        j < ns.length &&
        L[i + 1]![j + 1]! === L[i]![j]! &&
        fallbackLevelWords(os[i]!) === fallbackLevelWords(ns[j]!)
      ) {
        out.push({
          kind: "economic",
          subject,
          rule: "fallback",
          text: `Fallback level ${j + 1} of ${subject} (${fallbackLevelWords(ns[j]!)}) changes the disruptions it applies to.`,
        });
        i++;
        j++;
      } else if (j < ns.length && (i >= os.length || L[i]![j + 1]! >= L[i + 1]![j]!)) {
        out.push({
          kind: "economic",
          subject,
          rule: "fallback",
          text: `A new fallback level ${j + 1} is inserted in ${subject}: ${fallbackLevelWords(ns[j]!)}.`,
        });
        j++;
      } else {
        out.push({
          kind: "economic",
          subject,
          rule: "fallback",
          text: `Fallback level ${i + 1} (${fallbackLevelWords(os[i]!)}) is removed from ${subject}; the levels after it move up.`,
        });
        i++;
      }
    }
    if (!same(strip(o.value.disruptions), strip(x.value.disruptions)) || !same(o.effective, x.effective)) {
      out.push({
        kind: "economic",
        subject,
        rule: "fallback",
        text: `The market disruption events or the dates of the fallback waterfall of ${subject} change.`,
      });
    }
  }
}

/** Compares two compiled specs. */
export function diffSpecs(oldSpec: Spec, newSpec: Spec, options: DiffOptions): SpecDiff {
  const contract = options.contract ?? newSpec.subject.name;
  const changes: Change[] = [];
  const cal = (name: string) => `the ${name} calendar`;
  const groups: [string, Readonly<Record<string, Declaration>>, Readonly<Record<string, Declaration>>][] = [
    ["contract", oldSpec.contracts, newSpec.contracts],
    ["index", oldSpec.indices, newSpec.indices],
    ["calendar", oldSpec.calendars, newSpec.calendars],
  ];
  for (const [what, a, b] of groups) {
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const name of names) {
      const o = Object.hasOwn(a, name) ? a[name] : undefined;
      const x = Object.hasOwn(b, name) ? b[name] : undefined;
      const subject = `the ${name} ${what}`;
      if (o === undefined) changes.push({ kind: "economic", subject, rule: what, text: `${capitalise(subject)} is added.` });
      else if (x === undefined) changes.push({ kind: "economic", subject, rule: what, text: `${capitalise(subject)} is removed.` });
      else compareDeclaration(subject, o, x, cal, changes);
    }
  }
  const oldDoc = buildDocument(oldSpec, { asOf: options.asOf, ...(Object.hasOwn(oldSpec.contracts, contract) ? { contract } : {}) });
  const newDoc = buildDocument(newSpec, { asOf: options.asOf, ...(Object.hasOwn(newSpec.contracts, contract) ? { contract } : {}) });
  return {
    oldTitle: oldDoc.title,
    newTitle: newDoc.title,
    changes,
    redline: redline(oldDoc, newDoc, options.full === true),
    months: monthChanges(oldSpec, newSpec, contract, options.asOf, options.months ?? 12),
    stale: staleDescriptions(oldDoc, newDoc),
  };
}
