/**
 * The legal backend's builder: turns a compiled spec (src/model, the same model the settlement functions read)
 * into a readable contract in the style of an exchange rulebook chapter (document.ts): definitions, the contract
 * specifications, settlement, fallbacks, each index methodology step by step, the calendars, the next contract
 * months with their last trading days and termination instants (from the runtime schedule), and every rule
 * version with its effective dates. Every value of the spec is said in words and figures; nothing of the language
 * or of programming shows. Pure: the "as of" date of the contract-month table is an input.
 */
import { clauseOf, tickClause, type StatementKind } from "../../syntax/statements.js";
import type { Calendar, Clause, Contract, DeclaredUnit, Fallback, FinalSettlement, Index, Spec } from "../../model/types.js";
import { declaredBaseUnit } from "../../base/units.js";
import { contractReferences } from "../../model/references.js";
import type * as Runtime from "../../runtime/spec.js";
import { formatInstant, formatIsoDate, parseIsoDate, toCivil, weekdayOf } from "../../runtime/calendar/index.js";
import { Schedule, describeScheduleError } from "../../runtime/schedule/index.js";
import { formatUtc } from "../../runtime/schedule/json.js";
import type { Block, DocClause, DocSection, Figure, LegalDocument } from "./document.js";
import { expiryCalendar, methodologyDiagram } from "./figures.js";
import { conflictNote, restates } from "./descriptions.js";
import { workedExamples } from "./examples.js";
import { rulebookLayout } from "./rulebook.js";
import { minimumCounterpartiesSentence, priorityPerDaySentence, tradeFilterSentence } from "./trade-filters.js";
import { authoredDisclaimers, disclaimedIndices, licenceSentence } from "./licence.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import { contractMultiplier } from "../../runtime/functions/terms.js";
import { versionOn } from "../../runtime/versions.js";
import {
  calendarLabel,
  capitalise,
  count,
  dateRuleWords,
  duration,
  effectiveWords,
  holidayDateWords,
  sessionChangeWords,
  tradingHoursWords,
  quantityWords,
  unitNoun,
  longDate,
  methodWords,
  money,
  amountIn,
  clockTime,
  zonePlace,
  zoneTimeName,
  monthName,
  ordinal,
  roundingWords,
  weekdayName,
  zonedTime,
  paymentWords,
  figure,
  deadlineWords,
  dealerPollWords,
} from "./words.js";
import type { StrikeTier } from "../../runtime/strikes.js";

export { quantityWords } from "./words.js";

/** Options of a rendering. */
export interface RenderOptions {
  /** The contract to render when the spec holds several; default: the spec's subject. */
  readonly contract?: string;
  /** ISO date from which the next contract months are listed. */
  readonly asOf: string;
  /**
   * ISO date whose rule versions the contract months follow (`render --as-of`): every version in force on it, unless
   * the contract declares what selects its versions; absent, each month follows the versions its own dates select.
   */
  readonly rulesAsOf?: string;
  /** How many contract months the table lists; default 12. */
  readonly months?: number;
  /** Source locations by clause key ("contract FOTI tick"), written into the HTML, when known. */
  readonly sources?: ReadonlyMap<string, string>;
  /**
   * "sections" (default): numbered sections of the generated layout; "rulebook": the contract's rules numbered and
   * headed by the author's rule numbers, with the index disclaimer, the rest as appendices (rulebook.ts).
   */
  readonly layout?: "sections" | "rulebook";
}

type Para = string;

/** What a clause is built from: blocks, and the rulebook references of its rules (printed once per clause). */
type Piece = Block | { readonly kind: "refs"; readonly refs: readonly string[]; readonly inline?: boolean };

const p = (text: string): Block => ({ kind: "paragraph", text });
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

/** Every version of a rule as paragraphs: the value in words, when each version is in force, descriptions, references. */
function versions<T>(vs: readonly Clause<T>[], say: (value: T) => Para | Para[], none?: string): Piece[] {
  if (vs.length === 0) return none === undefined ? [] : [p(none)];
  const out: Piece[] = [];
  for (const v of vs) {
    const when = effectiveWords(v.effective);
    const said = say(v.value);
    const lines = Array.isArray(said) ? said : [said];
    lines.forEach((line, i) => out.push(p(i === 0 && when !== "" ? `${capitalise(when)}: ${line}` : line)));
    out.push(...annotations(v));
  }
  return out;
}

/** The strike listing schedule: how the at-the-money strike is found, then each tier with when it is in force. */
function strikeListingWords(tiers: readonly Clause<StrikeTier>[], unit: Runtime.Quantity["unit"] | undefined): Piece[] {
  const out: Piece[] = [
    p(
      "Strike prices are listed by the following tiers, each around its at-the-money strike: the underlying's prior daily settlement price rounded to the nearest multiple of the tier's interval, exact halves rounded up. A tier lists every multiple of its interval above zero in its range, both ends included; a contract month lists the strikes of every tier that applies to it.",
    ),
  ];
  tiers.forEach((t, i) => {
    const when = effectiveWords(t.effective);
    const v = t.value;
    const interval = unit === undefined ? figure(v.interval) : amountIn(v.interval, unit);
    const months = v.nearestMonths === null ? "in every listed contract month" : `in the nearest ${v.nearestMonths} listed contract months`;
    const said = `(${i + 1}) At intervals of ${interval}, from ${figure(v.below)}% below to ${figure(v.above)}% above the at-the-money strike, ${months}`;
    out.push(p(`${when === "" ? said : `${said}, ${when}`}.`), ...annotations(t));
  });
  return out;
}

/** An annotated rule's descriptions (quoted as the author wrote them) and its rulebook references. */
function annotations(a: { readonly descriptions: readonly string[]; readonly clauses: readonly string[] }): Piece[] {
  const out: Piece[] = a.descriptions.map((d) => ({ kind: "paragraph", text: sentence(d), authored: true }));
  if (a.clauses.length > 0) out.push({ kind: "refs", refs: a.clauses });
  return out;
}

/**
 * The generated sentence of a step (a list item) followed by the step's descriptions, each with a note when it states
 * a figure the sentence contradicts, and the step's references.
 */
function stepItem(said: string, a: { readonly descriptions: readonly string[]; readonly clauses: readonly string[] }): string {
  const parts = [said];
  for (const d of a.descriptions) {
    const note = conflictNote(d, said);
    if (note === undefined && restates(d, said)) continue;
    parts.push(sentence(d));
    if (note !== undefined) parts.push(note);
  }
  if (a.clauses.length > 0) parts.push(`Rulebook reference: ${a.clauses.join("; ")}.`);
  return parts.join(" ");
}

function stepWhen(e: Clause<unknown>["effective"]): string {
  const w = effectiveWords(e);
  return w === "" ? "" : ` (${w})`;
}

class Builder {
  private readonly sections: DocSection[] = [];
  private clauses: DocClause[] = [];
  private section = 0;

  constructor(
    readonly spec: Spec,
    private readonly sources: ReadonlyMap<string, string>,
  ) {}

  /** The defined terms of several words ("Last Trading Day"), said in their defined form in generated text. */
  private terms: readonly { readonly term: string; readonly re: RegExp }[] = [];

  /** Sets the defined terms once the definitions are written: later clauses say them as defined. */
  define(terms: readonly string[]): void {
    this.terms = terms
      .filter((t) => /^[A-Z][a-z]+(?: (?:the|of) [A-Z][a-z]+| [A-Z][a-z]+)+$/.test(t))
      .map((term) => ({ term, re: new RegExp(`(?<![\\w-])${term.replace(/ /g, " ")}(s?)(?![\\w-])`, "gi") }));
  }

  /** A generated text with each defined term in its defined form ("the last trading day" → "the Last Trading Day"). */
  definedForm(text: string): string {
    let out = text;
    for (const { term, re } of this.terms) out = out.replace(re, (_, plural: string) => `${term}${plural}`);
    return out;
  }

  /** A generated block in defined form; an author's paragraph is quoted as written. */
  private recase(b: Block): Block {
    if (this.terms.length === 0) return b;
    if (b.kind === "paragraph") return b.authored === true || b.heading === true ? b : { ...b, text: this.definedForm(b.text) };
    if (b.kind === "list") return { ...b, items: b.items.map((x) => this.definedForm(x)) };
    return { ...b, rows: b.rows.map((r) => r.map((x) => this.definedForm(x))) };
  }

  cal = (name: string): string => calendarLabel(Object.hasOwn(this.spec.calendars, name) ? this.spec.calendars[name] : undefined, name);

  index = (name: string): string => {
    const i = Object.hasOwn(this.spec.indices, name) ? this.spec.indices[name] : undefined;
    return i?.title ? `the ${i.title} (${name})` : `the ${name} index`;
  };

  open(): void {
    this.section += 1;
    this.clauses = [];
  }

  close(title: string): void {
    if (this.clauses.length > 0) this.sections.push({ number: String(this.section), title, clauses: this.clauses });
    else this.section -= 1;
  }

  /**
   * Adds a clause. Its references are gathered and said once; an author's description that only restates the
   * clause's generated sentences is left out (the rule is stated once), and one that states a figure the generated
   * sentences contradict is followed by a note saying both.
   */
  add(title: string, pieces: readonly Piece[], key?: string): void {
    const refs: string[] = [];
    const cites: string[] = [];
    const blocks: Block[] = [];
    for (const x of pieces) {
      if (x.kind === "refs") {
        const into = x.inline === true ? cites : refs;
        for (const r of x.refs) if (!into.includes(r)) into.push(r);
      } else blocks.push(this.recase(x));
    }
    if (blocks.length === 0) return;
    const generated = blocks
      .filter((b) => !(b.kind === "paragraph" && b.authored === true))
      .map((b) => (b.kind === "paragraph" ? b.text : b.kind === "list" ? b.items.join(" ") : b.rows.map((r) => r.join(" ")).join(" ")))
      .join(" ");
    const kept: Block[] = [];
    const restated: string[] = [];
    for (const b of blocks) {
      if (b.kind !== "paragraph" || b.authored !== true) {
        kept.push(b);
        continue;
      }
      const note = conflictNote(b.text, generated);
      if (note === undefined && restates(b.text, generated)) {
        restated.push(b.text);
        continue;
      }
      kept.push(b);
      if (note !== undefined) kept.push(p(note));
    }
    const source = key === undefined ? undefined : this.sources.get(key);
    const number = `${this.section}.${this.clauses.length + 1}`;
    this.clauses.push({
      number,
      title,
      blocks: kept,
      ...(source === undefined ? {} : { source }),
      ...(refs.length === 0 ? {} : { references: refs }),
      ...(restated.length === 0 ? {} : { restated }),
      ...(cites.length === 0 ? {} : { cites }),
    });
  }

  done(): DocSection[] {
    return this.sections;
  }

  /** The clauses of the open section so far. */
  current(): readonly DocClause[] {
    return this.clauses;
  }

  /** Gives the open section's clause of this title a picture (figures.ts). */
  attach(title: string, figure: Figure | undefined): void {
    const i = this.clauses.findIndex((c) => c.title === title);
    if (figure !== undefined && i >= 0) this.clauses[i] = { ...this.clauses[i]!, figure };
  }

  /** How many sections are closed so far. */
  closed(): number {
    return this.sections.length;
  }
}

/** A tick, single or tiered, in words. */
export function tickWords(tiers: Runtime.Tick): string {
  if (tiers.length === 1 && tiers[0]!.bound === null) return quantityWords(tiers[0]!.tick);
  return tiers
    .map(
      (t) =>
        `${quantityWords(t.tick)}${t.bound === null ? "" : ` for prices ${t.bound.relation === "above" ? "above" : "at or below"} ${amountIn(t.bound.price, t.tick.unit.text)}`}`,
    )
    .join("; ");
}

/** {@link versions}, with a day on which each version is in force given to `say` (for values that depend on other rules). */
function versionsOn<T>(vs: readonly Clause<T>[], say: (value: T, day: string) => Para | Para[]): Piece[] {
  return vs.flatMap((v) => versions([v], (x) => say(x, dayIn(v.effective))));
}

/** The Trading Schedule: the trading hours in force and the named days that close a session early or have none. */
function tradingScheduleSection(b: Builder, c: Contract, source: string | undefined): void {
  const hours = c.tradingHours ?? [];
  if (hours.length === 0) return;
  const zone = hours.length === 1 ? hours[0]!.value.zone : undefined;
  b.add(
    "Trading Schedule",
    [...versions(hours, tradingHoursWords), ...versions(c.sessionChanges ?? [], (x) => sessionChangeWords(x, zone))],
    source,
  );
}

/** A day within the first of some effective ranges (its first day, or its last when open to the past). */
function dayIn(ranges: Clause<unknown>["effective"]): string {
  const r = ranges[0];
  return r?.from ?? r?.until ?? "2000-01-01";
}

/**
 * The tick value: the tick times the contract unit, in money (the runtime's multiplier, contract unit × price unit),
 * as a rulebook states it ("The tick value is USD 1.00 per contract."); nothing when the units do not give money.
 */
function tickValue(spec: Spec, c: Contract, tiers: Contract["tick"][number]["value"], day: string, what: string): Para[] {
  const m = contractMultiplier((n) => (Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined), c.name, day);
  if (m === undefined) return [];
  const values = tiers.map((t) => money(Decimal.of(t.tick.amount).mul(Decimal.of(m.value)).toString(), m.currency));
  const noun = what === "tick" ? "tick value" : `value of the ${what}`;
  if (tiers.length === 1) return [`The ${noun} is ${values[0]} per contract.`];
  return [
    `The ${noun} is ${tiers.map((t, i) => `${values[i]} per contract${t.bound === null ? "" : ` for prices ${t.bound.relation === "above" ? "above" : "at or below"} ${amountIn(t.bound.price, t.tick.unit.text)}`}`).join("; ")}.`,
  ];
}

/** A window of the day: "from 15:58 (included) to 16:00 (excluded) London time". */
function windowWords(w: { from: string; fromBound: string; to: string; toBound: string; zone: string; fromDay?: string }): string {
  // `to 24:00` is the end of the fixing day; `fromDay` starts the window on the previous day, across midnight.
  const start = `${clockTime(w.from, w.zone)}${w.fromDay === "previous" ? " on the day before the fixing date" : ""}`;
  const end =
    w.to === "24:00:00"
      ? "the end of the fixing date (24:00)"
      : `${clockTime(w.to, w.zone)}${w.fromDay === "previous" ? " on the fixing date" : ""}`;
  return `from ${start} (${w.fromBound === "inclusive" ? "included" : "excluded"}) to ${end} (${w.toBound === "inclusive" ? "included" : "excluded"}) ${zoneTimeName(w.zone)}`;
}

/**
 * An index window, of one piece or several: "from 00:00 (included) to 07:00 (excluded) and from 23:00 (included) to
 * the end of the fixing date (24:00) (excluded) New York time", the zone said once.
 */
function indexWindowWords(w: Runtime.IndexWindow): string {
  if (w.also === undefined) return windowWords(w);
  const zone = ` ${zoneTimeName(w.zone)}`;
  const words = [w, ...w.also].map((p) => windowWords({ ...p, zone: w.zone }).slice(0, -zone.length));
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]!}${zone}`;
}

/** Every time zone the spec names (times, windows, calendars, indices), sorted: each is defined once. */
function zonesOf(spec: Spec): string[] {
  const zones = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (typeof v === "string") {
      if (key === "zone" || key === "timeZone") zones.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k === "value" ? key : k);
  };
  walk({ contracts: spec.contracts, indices: spec.indices, calendars: spec.calendars }, "");
  return [...zones].sort();
}

function settlementWords(b: Builder, f: FinalSettlement, unit: Runtime.Quantity["unit"] | undefined): Para {
  const v = f.value;
  let what: string;
  switch (v.kind) {
    case "index-at":
      what = `the value of ${b.index(v.index)} fixed at ${zonedTime(v.at)} on the Last Trading Day`;
      break;
    case "index-average": {
      const days =
        v.days.kind === "every-business-day"
          ? `every business day of the contract month, business days being those of ${b.cal(v.days.calendar)}`
          : `the last ${count(v.days.count, "business day", "business days")} up to and including the Last Trading Day, business days being those of ${b.cal(v.days.calendar)}`;
      what = `the arithmetic mean of the values of ${b.index(v.index)} fixed at ${zonedTime(v.at)} on ${days}`;
      break;
    }
    case "underlying-final":
      what = `the Final Settlement Price of the underlying ${v.contract} contract`;
      break;
    case "leg-by-leg":
      what = "no price of its own: each leg is settled at the Final Settlement Price of its own contract";
      break;
    case "future-vwap":
      what = `the volume-weighted average price of the trades in the underlying ${v.contract} contract of the same contract period ${windowWords(v.window)} on the Last Trading Day`;
      if (v.finalOnItsLastTradingDay === true)
        what += ` or, when the Last Trading Day is the last trading day of that ${v.contract} contract, the Final Settlement Price of that ${v.contract} contract`;
      break;
  }
  if (f.method === "futures" && v.kind === "underlying-final")
    return `Final settlement is by exercise into futures: an option exercised at expiry opens, for each option contract, a position in the expiring ${v.contract} contract of the same contract month at the strike price, long for a call and short for a put, as many ${v.contract} contracts as the option's contract unit holds; that position is settled in cash at the Final Settlement Price of the ${v.contract} contract, so the holder receives the option's intrinsic value through it. The Final Settlement Price of the option is ${what}, ${roundingWords(f.rounding, unit)}.`;
  return `Final settlement is in cash. The Final Settlement Price is ${what}, ${roundingWords(f.rounding, unit)}.`;
}

/**
 * The days that count a carried-forward value's age when the step names no calendar: those of the publication
 * calendar of the index the contract settles on, named when the spec says which one that is.
 */
function publicationDays(b: Builder, c: Contract): string {
  const indices = [
    ...new Set(
      c.finalSettlement.flatMap((v) =>
        v.value.value.kind === "index-at" || v.value.value.kind === "index-average" ? [v.value.value.index] : [],
      ),
    ),
  ];
  const index = indices.length === 1 && Object.hasOwn(b.spec.indices, indices[0]!) ? b.spec.indices[indices[0]!] : undefined;
  const calendars = [...new Set((index?.publication ?? []).map((p) => p.value.calendar))];
  if (index === undefined || calendars.length !== 1) return "business days of the publication calendar of the index";
  const cal = calendars[0]!;
  return cal === null
    ? `publication days of ${b.index(index.name)}, which publishes every calendar day`
    : `business days of ${b.cal(cal)}, the publication calendar of ${b.index(index.name)}`;
}

function fallbackBlocks(b: Builder, f: Fallback, c: Contract): Block[] {
  const out: Block[] = [];
  const disruption = (k: string): string =>
    ({
      "not-published": "the index value is not published",
      "too-few-sources": "fewer than the minimum number of sources are eligible",
      stale: "the index data is stale",
      ceased: "the index has permanently ceased",
      "methodology-changed": "the index methodology has changed",
      holiday: "the day is not a publication day of the index",
    })[k] ?? k;
  if (f.disruptions.length > 0) {
    out.push(p("A Market Disruption Event occurs in any of the following conditions:"));
    out.push({
      kind: "list",
      ordered: true,
      items: f.disruptions.map((d) => {
        let s = disruption(d.condition);
        if (d.deadline !== null) s += ` by ${zonedTime(d.deadline)} (a value or correction published later is not taken into account)`;
        if (d.duration !== null) s += ` for more than ${duration(d.duration)}`;
        return stepItem(sentence(capitalise(s) + stepWhen(d.effective)), d);
      }),
    });
  }
  out.push(
    p(
      "If a Market Disruption Event occurs, the Final Settlement Price is determined by the first of the following levels that produces a value, in this order:",
    ),
  );
  out.push({
    kind: "list",
    ordered: true,
    items: f.steps.map((s, i) => {
      const a = s.action;
      let what: string;
      switch (a.kind) {
        case "postpone":
          what = `Level ${i + 1}: postponement by up to ${count(a.businessDays, "business day", "business days")} of ${b.cal(a.calendar)}, waiting for the value to be published`;
          break;
        case "alternate-index":
          what = `Level ${i + 1}: the value of ${b.index(a.index)} for the same day`;
          break;
        case "carry-forward":
          what = `Level ${i + 1}: the last published value${a.withinBusinessDays === null ? "" : `, if published within ${count(a.withinBusinessDays, "business day", "business days")} (${a.calendar === undefined ? publicationDays(b, c) : `business days of ${b.cal(a.calendar)}`})`}${a.flagged ? ", flagged as a carried-forward value" : ""}`;
          break;
        case "determination":
          what = `Level ${i + 1}: determination by the ${a.party === "exchange" ? "Exchange" : "Calculation Agent"}${a.deadline === undefined ? "" : ` ${deadlineWords(a.deadline, b.cal(a.deadline.calendar))}`}, which always produces a value`;
          break;
        case "dealer-poll":
          what = `Level ${i + 1}: ${dealerPollWords(a, b.cal(a.deadline.calendar))}`;
          break;
        case "negotiated":
          what = `Level ${i + 1}: the value the parties agree by negotiation ${deadlineWords(a.deadline, b.cal(a.deadline.calendar))}; if they agree none by then, the next level applies`;
          break;
        case "exclude-day":
          what = `Level ${i + 1}: the day is left out of the average, and no value is carried forward for it, provided that at least ${count(a.minimumDays, "day remains", "days remain")} in the average; otherwise the next level applies`;
          break;
      }
      const only = s.only === null ? "" : `, applying only when ${s.only.map(disruption).join(" or ")}`;
      return stepItem(sentence(what + only + stepWhen(s.effective)), s);
    }),
  });
  if (f.steps.some((s) => s.action.kind === "postpone" || s.action.kind === "negotiated" || s.action.kind === "dealer-poll"))
    out.push(
      p(
        "When a level makes the value known only on a later day (the day of publication after a postponement, the day the parties agree a value, or the day the last quotation in time is given), final settlement takes place on that day, and a payment counted from the day of final settlement is counted from it.",
      ),
    );
  return out;
}

/** The currency of a contract's prices (the one currency of its first price unit), when it has one. */
function currencyOf(c: Contract): string | undefined {
  return c.priceQuotation[0]?.value.currency ?? undefined;
}

function contractSections(b: Builder, c: Contract, spec: Spec): void {
  // A clause is keyed as source-lines.ts keys the statements it states: by the statement registry's clause.
  const key = (rule: string | undefined) => (rule === undefined ? undefined : `contract ${c.name} ${rule}`);
  const clause = (kind: StatementKind) => key(clauseOf(kind, "contract"));
  const priceUnit = c.priceQuotation[0]?.value;
  b.open();
  b.add(
    "Scope",
    [
      ...annotations(c),
      ...versions(
        c.kind === "spread" ? [] : c.underlying,
        (u) => `The contract is written on ${u.kind === "index" ? b.index(u.name) : `the ${u.name} futures contract`}.`,
      ),
    ],
    clause("Underlying"),
  );
  b.add(
    "Contract unit",
    versions(c.contractUnit, (u) =>
      u.kind === "quantity"
        ? `One contract is ${quantityWords(u.quantity)}.`
        : `One contract is ${count(u.amount, "contract", "contracts")} of ${u.contract}.`,
    ),
    clause("ContractUnit"),
  );
  b.add(
    "Price quotation",
    versions(c.priceQuotation, (u) => `Prices are quoted in ${unitNoun(u)}.`),
    clause("Quoted"),
  );
  b.add(
    "Minimum price fluctuation",
    versionsOn(c.tick, (t, day) => [`The minimum price fluctuation (the tick) is ${tickWords(t)}.`, ...tickValue(spec, c, t, day, "tick")]),
    key(tickClause("outright")),
  );
  if (c.kind !== "option")
    b.add(
      "Spread price fluctuation",
      versionsOn(c.spreadTick, (t, day) => [
        `The minimum price fluctuation of spreads is ${tickWords(t)}.`,
        ...tickValue(spec, c, t, day, "spread tick"),
      ]),
      key(tickClause("spread")),
    );
  if (c.kind !== "option") {
    b.add(
      "Negative prices",
      versions(c.negativePrices, (n) =>
        n
          ? "Prices may be zero or negative."
          : "Prices are greater than zero. An index value, bid, offer, trade price or settlement price of zero or less is refused: no settlement price is determined from it.",
      ),
      clause("NegativePrices"),
    );
  }
  if (c.kind === "option") {
    b.add(
      "Option types",
      versions(c.rights, (r) => `Listed option types: ${r.map((x) => (x === "call" ? "calls" : "puts")).join(" and ")}.`),
      clause("OptionType"),
    );
    b.add(
      "Exercise style",
      versions(c.exercise, () => "Options are European: they may be exercised only at expiry."),
      clause("Exercise"),
    );
    b.add(
      "Strike prices",
      versions(c.strikes, (q) => `Strike prices are listed at intervals of ${quantityWords(q)}.`),
      clause("Strikes"),
    );
    if (c.strikeListing !== undefined && c.strikeListing.length > 0)
      b.add("Strike listing", strikeListingWords(c.strikeListing, priceUnit), clause("StrikeListing"));
    b.add(
      "Premium fluctuation",
      versionsOn(c.premiumTick, (t, day) => [
        `The minimum fluctuation of option premiums is ${tickWords(t)}.`,
        ...tickValue(spec, c, t, day, "premium tick"),
      ]),
      key(tickClause("premium")),
    );
    b.add(
      "Automatic exercise",
      versions(c.automaticExercise, (q) =>
        Decimal.of(q.amount).isZero()
          ? "At expiry an option that is in the money by any amount is exercised automatically; an option at or out of the money is abandoned."
          : `At expiry an option that is in the money by at least ${quantityWords(q)} is exercised automatically.`,
      ),
      clause("AutoExercise"),
    );
    b.add(
      "Expiry",
      versions(c.expiry, (e) =>
        e.kind === "with-underlying"
          ? "Options expire on the Last Trading Day of the underlying futures contract."
          : `Options expire ${count(e.businessDays, "business day", "business days")} of ${b.cal(e.calendar)} before the Last Trading Day of the underlying futures contract.`,
      ),
      clause("Expiry"),
    );
  }
  if (c.kind === "spread") {
    b.add(
      "Legs",
      [
        {
          kind: "table",
          head: ["Leg", "Side", "Ratio", "Contract", "Contract month", "Rounding"],
          rows: c.legs.map((l, i) => [
            String(i + 1),
            l.value.side === "buy" ? "Buy" : "Sell",
            l.value.ratio,
            l.value.contract,
            l.value.monthsLater === 0 ? "the spread's contract month" : `${count(l.value.monthsLater, "month", "months")} later`,
            l.value.rounding === null ? "as its contract" : roundingWords(l.value.rounding),
          ]),
        },
        ...c.legs.flatMap((l) => annotations(l)),
      ],
      clause("Leg"),
    );
  }
  b.add(
    "Listing schedule",
    versions(c.listing, (all) => {
      const parts = all.flatMap((x) => (x.kind === "listed-at" ? [] : [x]));
      const time = all.find((x) => x.kind === "listed-at");
      const said = parts.map((x, i) =>
        x.kind === "consecutive"
          ? `the ${count(x.count, x.period === "months" ? "nearest calendar month" : "nearest week", x.period === "months" ? "nearest consecutive calendar months" : "nearest consecutive weeks")}`
          : x.kind === "next-in"
            ? `the ${count(x.count, "nearest contract month", "nearest contract months")} falling in ${x.months.map(monthName).join(", ")}${i === 0 ? "" : ` (a month already listed under the preceding part counts towards ${x.count === 1 ? "it" : "these"})`}`
            : x.kind === "on-expiry"
              ? `the ${andList(x.months.map(monthName))} ${x.months.length === 1 ? "contract" : "contracts"} of the ${x.yearsLater === 1 ? "year" : `${ordinal(x.yearsLater)} year`} after each expiring ${monthName(x.expiring)} contract, each listed from the day after that ${monthName(x.expiring)} contract's Last Trading Day until it expires`
              : `${count(x.count, "additional contract month", "additional contract months")} falling in ${x.months.map(monthName).join(", ")}, after the latest month listed under the preceding ${i === 1 ? "part" : "parts"}`,
      );
      const only = parts.every((x) => x.kind !== "consecutive");
      const months = [...new Set(parts.flatMap((x) => (x.kind === "consecutive" ? [] : x.months)))].sort((a, b) => a - b);
      const when =
        time === undefined
          ? ""
          : ` A new contract is listed every ${weekdayName(time.weekday)} at ${zonedTime(time.at)}: a contract this schedule adds on a day is listed from the latest such time before that day begins, and stays listed until trading in it terminates.`;
      return `The Exchange lists ${said.join(", plus ")}.${only ? ` The contract months are ${months.map(monthName).join(", ")} only.` : ""}${when}`;
    }),
    clause("Listing"),
  );
  // The product's own trading dates (its first trade date and end), only when the declaration states them.
  const dates = effectiveWords(c.effective);
  if (dates !== "")
    b.add("Trading dates", [
      p(
        `The contract trades ${dates}: no contract month whose Last Trading Day falls outside these dates is listed or settled, and nothing is listed on a day outside them.`,
      ),
    ]);
  if (c.versionsSelectedBy !== undefined && c.versionsSelectedBy.length > 0)
    b.add(
      "Amendments",
      versions(c.versionsSelectedBy, (k) =>
        k === "contract-month"
          ? "Each contract month is governed, for its whole life, by the version of each rule of this chapter in force on the first day of the contract month, whatever the date on which the rules are applied or consulted."
          : k === "listing-date"
            ? "Each contract month is governed, for its whole life, by the version of each rule of this chapter in force on the day the contract month was first listed for trading, whatever the date on which the rules are applied or consulted."
            : "Each contract month is governed by the version of each rule of this chapter in force on its Last Trading Day (the Last Trading Day being the day that the version in force on that day gives), whatever the date on which the rules are applied or consulted.",
      ),
      key("rule versions"),
    );
  b.add(
    "Last Trading Day",
    versions(c.lastTradingDay, (r) => `The Last Trading Day is ${dateRuleWords(r, b.cal)}.`),
    clause("LastTradingDay"),
  );
  b.add(
    "Termination of trading",
    versions(c.termination, (z) => `Trading in an expiring contract terminates at ${zonedTime(z)} on the Last Trading Day.`),
    clause("Termination"),
  );
  tradingScheduleSection(b, c, clause("TradingHours"));
  b.add(
    "Price limits",
    versionsOn(c.priceLimits, (ls, day) => {
      const r = ls.find((l) => l.kind === "percent" && l.rounding !== undefined && l.rounding.kind !== "unrounded");
      const rounding = r?.kind === "percent" && r.rounding !== undefined ? r.rounding : undefined;
      return `Successive price limits from the prior daily settlement price: ${ls.map((l) => (l.kind === "percent" ? `${l.percent}%` : quantityWords(l.amount))).join(", ")}.${
        rounding === undefined
          ? ""
          : ` The amount of each percentage limit is ${roundingWords(rounding, c.priceQuotation[0]?.value)}${rounding.kind === "tick" ? " (the tick of the prior daily settlement price)" : ""} before it is added to and taken from the prior daily settlement price.`
      }${breachWords(c.priceLimitBreach, day)}`;
    }),
    clause("PriceLimits"),
  );
  if (c.kind === "future" && c.dynamicPriceLimits !== undefined && c.dynamicPriceLimits.length > 0)
    b.add(
      "Dynamic price limits",
      versions(c.dynamicPriceLimits, (d) => {
        const length = (x: { amount: string; unit: string }) =>
          `${figure(x.amount)} ${x.amount === "1" ? x.unit.replace(/s$/, "") : x.unit}`;
        const variant = d.rounding.kind === "unrounded" ? "" : `, ${roundingWords(d.rounding, c.priceQuotation[0]?.value)}`;
        return `The variant is ${figure(d.percent)}% of the prior daily settlement price${variant}. While trading, the upper limit is the lowest price of the preceding ${length(d.window)} plus the variant and the lower limit is the highest price of that period less the variant, counting only the time since trading last resumed. A price beyond a limit halts trading for ${length(d.halt)}; when trading resumes, the period starts again.`;
      }),
      clause("DynamicPriceLimits"),
    );
  b.add(
    "Position limits",
    c.positionLimits.flatMap((l) => [
      p(
        `${capitalise(effectiveWords(l.effective) === "" ? "" : `${effectiveWords(l.effective)}: `)}${positionLimitWords(l.value, periodTerm(c)[0], spec)}`,
      ),
      ...annotations(l),
    ]),
    clause("PositionLimit"),
  );
  b.close(c.kind === "option" ? "Option specifications" : "Contract specifications");

  b.open();
  b.add(
    "Final settlement",
    versions(c.finalSettlement, (f) => settlementWords(b, f, priceUnit)),
    clause("FinalSettlement"),
  );
  b.add(
    "Payment",
    versions(c.payment ?? [], (pay) => paymentWords(pay, b.cal)),
    clause("Payment"),
  );
  b.add(
    "Payment amounts",
    versions(
      c.cashRounding ?? [],
      (r) =>
        `The amount a position pays or receives at each daily and at the final settlement ((settlement price − the position's price) × contract value per unit of price × number of contracts) is computed exactly and then ${roundingWords({ kind: "increment", increment: r.increment, mode: r.mode }, currencyOf(c))}.`,
    ),
    clause("PaymentAmounts"),
  );
  b.add(
    "Fixings on the tick",
    versions(c.fixingTick ?? [], (f) =>
      f.mode === null
        ? `Every fixing of ${b.index(f.index)} used to determine a settlement price is a price of the Contract and must be a whole number of ticks; a fixing that is not is refused, no settlement price is determined from it, and the two nearest valid prices are reported with it.`
        : `Every fixing of ${b.index(f.index)} used to determine a settlement price is first ${roundingWords({ kind: "tick", mode: f.mode })}.`,
    ),
    clause("FixingTick"),
  );
  b.add(
    "Daily settlement",
    versions(c.dailySettlement, (steps) => [
      "The daily settlement price is determined by the first of the following procedures that produces a price:",
      ...steps.map((s, i) => {
        let what: string;
        switch (s.kind) {
          case "vwap":
            what = `the volume-weighted average price of trades ${windowWords(s.window)}${tradesCondition(s.moreThanTrades)}, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "midpoint":
            what = `the midpoint of the best bid and the best offer at ${zonedTime(s.at)}, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "period-midpoint":
            what = `the time-weighted average of the midpoint of the best bid and the best offer ${windowWords(s.window)} (the settlement period), counting only the time in which both a bid and an offer stood, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "carry-forward":
            what = "the prior daily settlement price, carried forward";
            break;
          case "net-change":
            what =
              "for a contract month other than the lead month, its prior daily settlement price plus the net change of the preceding contract month (that month's daily settlement price less its prior daily settlement price)";
            break;
          case "lead-spread":
            what = `for a contract month other than the lead month, the daily settlement price of the lead month plus the volume-weighted average price of calendar spread trades between the lead month and the contract month (priced as the contract month less the lead month) ${windowWords(s.window)}, ${roundingWords(s.rounding, priceUnit).replace("toward the prior daily settlement price", "toward the prior spread (the contract month's prior daily settlement price less the lead month's)")}`;
            break;
          case "carry-formula":
            what = carryWords(b, s, priceUnit);
            break;
        }
        return [
          `(${i + 1}) ${capitalise(what)}${stepWhen(s.effective)}.`,
          ...s.descriptions.map(sentence),
          ...(s.clauses.length > 0 ? [`Rulebook reference: ${s.clauses.join("; ")}.`] : []),
        ].join(" ");
      }),
    ]).concat(c.dailySettlement.flatMap((v) => v.value.map((s): Piece => ({ kind: "refs", refs: s.clauses, inline: true })))),
    clause("DailySettlement"),
  );
  b.close("Settlement");

  if (c.fallback.length > 0) {
    b.open();
    c.fallback.forEach((f, i) => {
      const when = effectiveWords(f.effective);
      b.add(
        c.fallback.length === 1 ? "Fallback waterfall" : `Fallback waterfall, version ${i + 1}${when === "" ? "" : ` (${when})`}`,
        [
          ...fallbackBlocks(b, f.value, c),
          ...(c.kind === "spread" && c.finalSettlement.some((x) => x.value.value.kind === "leg-by-leg")
            ? [
                p(
                  "A spread is settled leg by leg: this waterfall applies to the Final Settlement Price of each leg, in place of the fallback of the leg's own contract.",
                ),
              ]
            : []),
          ...annotations(f),
          ...[...f.value.disruptions, ...f.value.steps].map((x): Piece => ({ kind: "refs", refs: x.clauses, inline: true })),
        ],
        clause("Fallback"),
      );
    });
    b.close("Market disruption and fallbacks");
  }
  if (c.indexLicence !== undefined || c.indexDisclaimer !== undefined) {
    b.open();
    b.add(
      "Index licence",
      versions(c.indexLicence ?? [], (l) => licenceSentence(spec, l)),
      clause("IndexLicence"),
    );
    b.add(
      "Index disclaimer",
      (c.indexDisclaimer ?? []).flatMap((v): Piece[] => {
        const when = effectiveWords(v.effective);
        return [
          ...(when === "" ? [] : [p(`${capitalise(when)}:`)]),
          ...v.value.map((t): Piece => ({ kind: "paragraph", text: sentence(t), authored: true })),
          ...annotations(v),
        ];
      }),
      clause("IndexDisclaimer"),
    );
    b.close("Index licence and disclaimer");
  }
}

function indexSection(b: Builder, i: Index): void {
  const key = (rule: string | undefined) => (rule === undefined ? undefined : `index ${i.name} ${rule}`);
  const clause = (kind: StatementKind) => key(clauseOf(kind, "index"));
  const unit = i.quoted[0]?.value;
  b.open();
  b.add(
    "Description",
    [
      ...(i.title ? [{ kind: "paragraph" as const, text: `${i.name}: ${i.title}.`, authored: true }] : []),
      ...annotations(i),
      ...versions(i.administrator, (a) => sentence(`The index is administered by ${a}`)),
    ],
    clause("Administrator"),
  );
  b.add(
    "Methodology versions",
    versions(i.methodology, (m) => `Methodology version ${m.version}.`),
    clause("Methodology"),
  );
  b.add(
    "Quotation",
    versions(i.quoted, (u) => `The index is published in ${unitNoun(u)}.`),
    clause("Quoted"),
  );
  b.add(
    "Time zone",
    versions(i.timeZone, (z) => `Times are stated in ${z} time unless said otherwise.`),
    clause("TimeZone"),
  );
  b.add(
    "Sources",
    i.sources.flatMap((s) => {
      const v = s.value;
      const when = effectiveWords(s.effective);
      const parts = [`${v.name}${v.title ? ` (${v.title})` : ""}${when === "" ? "" : `, a source ${when}`}.`];
      for (const q of v.quoted)
        parts.push(
          `${effectiveWords(q.effective) === "" ? "" : capitalise(effectiveWords(q.effective)) + ": "}Its prices are published in ${unitNoun(q.value)} and converted exactly to ${i.quoted[0] === undefined ? "the index unit" : unitNoun(i.quoted[0].value)}.`,
        );
      for (const m of v.models)
        parts.push(
          `${effectiveWords(m.effective) === "" ? "" : capitalise(effectiveWords(m.effective)) + ": "}Eligible models, in priority order (the first one available is used): ${m.value.join("; ")}.`,
        );
      for (const m of v.instruments)
        parts.push(
          `${effectiveWords(m.effective) === "" ? "" : capitalise(effectiveWords(m.effective)) + ": "}Eligible instruments, in priority order: ${m.value.join("; ")}.`,
        );
      for (const d of v.priorityPerDay ?? [])
        parts.push(
          `${effectiveWords(d.effective) === "" ? "" : capitalise(effectiveWords(d.effective)) + ": "}${priorityPerDaySentence(v.models.length > 0 ? "models" : "instruments")}`,
        );
      for (const w of v.weight)
        parts.push(
          `${effectiveWords(w.effective) === "" ? "" : capitalise(effectiveWords(w.effective)) + ": "}${zeroWeight(w.value) ? "Its fixed weight is 0: it is observed for monitoring and reported, but not used." : `Its fixed weight is ${w.value}.`}`,
        );
      for (const m of v.blend)
        parts.push(
          `${effectiveWords(m.effective) === "" ? "" : capitalise(effectiveWords(m.effective)) + ": "}Token mix weights: ${m.value.map((x) => `${x.part} ${x.weight}`).join(", ")}.`,
        );
      for (const sub of [...v.quoted, ...v.models, ...v.instruments, ...v.weight, ...v.blend]) {
        const a = annotations(sub).map((x) => (x.kind === "paragraph" ? x.text : ""));
        if (a.length > 0) parts.push(...a);
      }
      return [p(parts.join(" ")), ...annotations(s)];
    }),
    clause("Source"),
  );
  let step = 0;
  const addStep = (label: string, blocks: Piece[]) => {
    if (blocks.length === 0) return;
    step += 1;
    b.add(`Calculation step ${step}: ${label}`, blocks, key(label));
  };
  const sampled = (i.sampling ?? []).length > 0;
  addStep(
    "observation window",
    versions(
      i.window,
      (w) =>
        `${sampled ? "The index is sampled" : "Trades"} ${indexWindowWords(w)}${sampled ? "" : " are observed"}.${w.also !== undefined ? " Trades between these periods are not observed." : ""}${w.fromDay !== "previous" ? "" : w.also === undefined ? " On a day the clocks change, the window is an hour shorter or longer than a day." : " On a day the clocks change, the first period is an hour shorter or longer."}`,
    ),
  );
  addStep("trade qualification", [
    ...versions(i.excludeTradesWhere ?? [], tradeFilterSentence),
    ...versions(i.minimumCounterparties ?? [], minimumCounterpartiesSentence),
    ...versions(
      i.excludeTradesBelow ?? [],
      (t) => `A trade with a volume below ${t.volume} does not qualify and is left out of every step of the calculation.`,
    ),
    ...versions(
      i.excludeTradeJumps ?? [],
      (t) =>
        `A trade whose price deviates by more than ${t.percent}% from the price of its source's previous qualifying trade in the window does not qualify and is left out of every step of the calculation; a source's first trade in the window qualifies.`,
    ),
  ]);
  addStep("samples", samplingSentences(i));
  // With `aggregate sources` beside a partition, each interval combines the sources' own values (runtime per-interval.ts).
  const perInterval = i.partition.length > 0 && i.aggregateSources.length > 0;
  addStep("partitions", [
    ...versions(i.partition, (x) => `The window is divided into ${count(x.count, "interval", "intervals")} of ${duration(x.length)} each.`),
    ...versions(i.emptyIntervals, (e) =>
      perInterval
        ? e === "skip"
          ? "An interval without a value (no source with a value in it) is left out of the calculation."
          : "An interval without a value (no source with a value in it) means no value is fixed."
        : e === "skip"
          ? "An interval without trades is left out of the calculation."
          : "An interval without trades means no value is fixed.",
    ),
    ...versions(
      i.minimumTrades,
      (m) => `At least ${count(m.count, "trade is", "trades are")} required ${m.perInterval ? "in each interval" : "in the window"}.`,
    ),
  ]);
  addStep(
    "trades",
    versions(i.aggregateTrades, (m) =>
      perInterval
        ? `The trades of each source in each interval are combined into the source's value for that interval by ${methodWords(m)}; for the exclusions below, a source's value is its trades in the whole window combined by the same method.`
        : `The trades ${i.partition.length > 0 ? "of each interval" : "of each source"} are combined into one value by ${methodWords(m)}.`,
    ),
  );
  const intervalsStep = (): void =>
    addStep(
      "intervals",
      versions(i.aggregateIntervals, (m) =>
        perInterval
          ? `The interval values are combined into the index value by ${methodWords(m)}.`
          : `The interval values are combined by ${methodWords(m)}.`,
      ),
    );
  if (!perInterval) intervalsStep();
  addStep("exclusions", [
    ...versions(i.excludeStale, (d) => `Stale data: a source whose data is older than ${duration(d)} at the fixing time is excluded.`),
    ...versions(
      i.excludeDeviation,
      (d) => `Outliers: a source whose value deviates by more than ${d.percent}% from the median of the other sources is excluded.`,
    ),
  ]);
  addStep("minimum sources", [
    ...versions(i.minimumSources, (n) => `No value is fixed with fewer than ${count(n, "eligible source", "eligible sources")}.`),
    ...versions(
      i.flagBelowSources ?? [],
      (n) =>
        `A value fixed from fewer than ${count(n, "eligible source", "eligible sources")} is published flagged, and the flag is reported with it.`,
    ),
  ]);
  const degr: Piece[] = [];
  if (i.degradation.length > 0) {
    degr.push(
      p(
        perInterval
          ? "Depending on the number of source values in an interval, the sources of that interval are combined as follows instead of the general method:"
          : "Depending on the number of eligible sources, the sources are combined as follows instead of the general method:",
      ),
    );
    degr.push({
      kind: "table",
      head: ["Eligible sources", "Method", "In force"],
      rows: i.degradation.map((d) => [
        d.value.maxSources === null
          ? `${d.value.minSources} or more`
          : d.value.minSources === d.value.maxSources
            ? `${d.value.minSources}`
            : `${d.value.minSources} to ${d.value.maxSources}`,
        capitalise(methodWords(d.value.method)),
        capitalise(effectiveWords(d.effective) || "always"),
      ]),
    });
    degr.push(...i.degradation.flatMap((d) => annotations(d)));
  }
  addStep("combination of sources", [
    ...versions(i.aggregateSources, (m) =>
      sampled
        ? `At each sample, the prices of the eligible sources are combined into the sample value by ${methodWords(m)}.`
        : perInterval
          ? `In each interval, the values of the eligible sources in that interval are combined into the interval value by ${methodWords(m)}; an interval with fewer source values than the minimum number of sources (one when none is stated) has no value.`
          : `The values of the eligible sources are combined into the index value by ${methodWords(m)}.`,
    ),
    ...degr,
  ]);
  if (perInterval) intervalsStep();
  addStep(
    "combination of samples",
    versions(
      i.aggregateSamples ?? [],
      (m) =>
        `The sample values are combined into the index value by ${methodWords(m)}${m.name === "mean" ? " (the time-weighted average of the index over the window, the samples being evenly spaced)" : ""}.`,
    ),
  );
  addStep(
    "extreme moves",
    versions(
      i.extremeMoves,
      (e) =>
        `A value more than ${e.percent}% away from the previous published value is ${e.action === "held" ? "held for review before publication" : "published and flagged"}.`,
    ),
  );
  addStep(
    "rounding",
    versions(i.rounding, (r) => `The index value is ${roundingWords(r, unit)}.`),
  );

  b.add(
    "Publication",
    versions(
      i.publication,
      (x) =>
        `The index is fixed at ${zonedTime(x.at)} on ${x.calendar === null ? "every calendar day" : `every business day of ${b.cal(x.calendar)}`}.`,
    ),
    clause("Publish"),
  );
  b.add(
    "Restatement",
    versions(i.restatement, (r) =>
      r.kind === "never"
        ? "A published value is never restated."
        : r.kind === "until"
          ? `A published value may be restated until ${clockTime(r.deadline.time, r.deadline.zone)} ${zoneTimeName(r.deadline.zone)} on ${r.day === "same" ? "the fixing date" : `the next ${i.publication.some((p) => p.value.calendar !== null) ? "publication day" : "calendar day"} after the fixing date`}${r.thresholdPercent === null ? "" : `, and only if the correction changes it by more than ${r.thresholdPercent}%`}; a correction after that time is not applied.`
          : `A published value is restated only on its publication day and only if the correction changes it by more than ${r.thresholdPercent}%.`,
    ),
    clause("Restate"),
  );
  b.attach("Description", methodologyDiagram(i.name, methodologySteps(b.current())));
  b.close(`Index methodology: ${i.name}${i.title ? ` (${i.title})` : ""}`);
}

/** The sentences of a sampled index's sampling rule (runtime engine/sampling.ts), one per version. */
function samplingSentences(i: Index): Piece[] {
  return versions(
    i.sampling ?? [],
    (x) =>
      `The index is sampled every ${duration(x.every)}, from the start of the window; an end of the window is sampled only when the window includes it. ` +
      `At each sample, each source's price is its latest observation at or before the sample (the mean of several observed at that same instant), held for up to ${duration(x.hold)}: a source whose latest price is older has no price at that sample. ` +
      (x.empty === "skip"
        ? "A sample at which fewer sources have a price than the minimum number of sources (one when none is stated) is left out of the calculation."
        : "A sample at which fewer sources have a price than the minimum number of sources (one when none is stated) means no value is fixed."),
  );
}

/** The boxes of the methodology diagram: sources, each calculation step, publication, each with its clause's generated sentences. */
function methodologySteps(clauses: readonly DocClause[]): { title: string; text: string }[] {
  // Every generated sentence of the clause (a table as "row: method" pairs); the authors' descriptions stay in the text.
  const said = (c: DocClause): string =>
    c.blocks
      .map((b) =>
        b.kind === "paragraph"
          ? b.authored === true
            ? ""
            : b.text
          : b.kind === "list"
            ? b.items.join(" ")
            : `${b.rows.map((r) => `${r[0]}: ${r[1]}${r[2] !== undefined && r[2] !== "Always" ? ` (${r[2]})` : ""}`).join("; ")}.`,
      )
      .filter((t) => t !== "")
      .join(" ");
  return clauses
    .filter((c) => c.title === "Sources" || c.title.startsWith("Calculation step") || c.title === "Publication")
    .map((c) => ({
      title: capitalise(c.title.replace(/^Calculation step \d+: /, "")),
      text: c.title === "Sources" ? sourcesSummary(c) : said(c),
    }));
}

/** The sources box: how many sources and their names. */
function sourcesSummary(c: DocClause): string {
  const names = c.blocks
    .flatMap((b) => (b.kind === "paragraph" && b.authored !== true ? [/^([A-Z0-9_]+)\b/.exec(b.text)?.[1]] : []))
    .filter((x): x is string => x !== undefined);
  return names.length === 0 ? "" : `${count(names.length, "source", "sources")}: ${names.join(", ")}.`;
}

function calendarSection(b: Builder, cals: readonly Calendar[]): void {
  if (cals.length === 0) return;
  b.open();
  for (const c of cals) {
    const blocks: Piece[] = [...annotations(c)];
    blocks.push(
      p(
        `Days are counted in ${zoneTimeName(c.timeZone)}. ${c.weekend.length === 0 ? "No day of the week is a weekend day." : `${c.weekend.map(weekdayName).join(" and ")} ${c.weekend.length === 1 ? "is not a business day" : "are not business days"}.`}`,
      ),
    );
    if (c.basedOn.length > 0) blocks.push(p(`The holidays of ${c.basedOn.map(b.cal).join(" and ")} are holidays too.`));
    if (c.joint !== undefined) {
      blocks.push(
        p(
          `A business day must also be a business day ${c.joint.mode === "all" ? "in every one" : "in at least one"} of ${c.joint.calendars.map(b.cal).join(" and ")}.`,
        ),
      );
    }
    if (c.holidays.length > 0) {
      blocks.push({
        kind: "table",
        head: ["Holiday", "Date"],
        rows: c.holidays.map((h) => [
          h.name,
          sentence(capitalise(holidayDateWords(h))) +
            [
              ...h.descriptions.map((d) => ` ${sentence(d)}`),
              ...(h.clauses.length > 0 ? [` Reference: ${h.clauses.join("; ")}.`] : []),
            ].join(""),
        ]),
      });
    }
    b.add(`${c.title ?? c.name} (${c.name})`, blocks, `calendar ${c.name}`);
  }
  b.close("Business-day calendars");
}

function monthsSection(b: Builder, spec: Spec, name: string, asOf: string, n: number, rulesAsOf: string | undefined): void {
  const day = parseIsoDate(asOf);
  if (day === undefined) return;
  const start = toCivil(day);
  const from = { year: start.year, month: start.month };
  const endIndex = start.year * 12 + start.month - 1 + n + 2;
  const to = { year: Math.floor(endIndex / 12), month: (endIndex % 12) + 1 };
  const schedule = new Schedule(spec).asOf(rulesAsOf);
  const r = schedule.expiries(name, from, to);
  b.open();
  if (!r.ok) {
    b.add("Contract months", [p(`The contract months from ${longDate(asOf)} cannot be listed: ${describeScheduleError(r.error)}.`)]);
  } else {
    const listed = r.value.filter((e) => e.lastTradingDay >= day).slice(0, n);
    const rows = listed.map((e) => {
      const t = e.termination;
      const local = t === undefined ? undefined : formatInstant(t.instant, t.zone);
      return [
        e.symbol,
        e.period.kind === "month" ? `${monthName(e.period.month)} ${e.period.year}` : `Week of ${longDate(formatIsoDate(e.period.monday))}`,
        `${weekdayName(weekdayOf(e.lastTradingDay))} ${longDate(formatIsoDate(e.lastTradingDay))}`,
        t === undefined || local === undefined || !local.ok
          ? "not stated"
          : `${clockTime(local.value.slice(11, 19), t.zone)} ${zoneTimeName(t.zone)} (UTC${local.value.slice(19)})`,
        t === undefined ? "not stated" : formatUtc(t.instant).replace("T", " ").replace("Z", " UTC"),
        e.finalSettlementDate === undefined ? "not stated" : longDate(formatIsoDate(e.finalSettlementDate)),
      ];
    });
    b.add("Contract months", [
      p(
        `The next ${count(rows.length, "contract period", "contract periods")} with a Last Trading Day on or after ${longDate(asOf)}, with the instant trading terminates in local time and in Coordinated Universal Time (UTC):`,
      ),
      {
        kind: "table",
        head: ["Symbol", "Contract period", "Last Trading Day", "Termination (local)", "Termination (UTC)", "Final settlement date"],
        rows,
      },
    ]);
    b.attach("Contract months", expiryCalendar(spec, name, listed, schedule));
    const first = listed[0];
    const c = spec.contracts[name];
    if (first !== undefined && c !== undefined) {
      b.add("Worked examples", [
        ...workedExamples(spec, c, schedule, first.symbol, first.lastTradingDay),
        ...(c.kind === "spread"
          ? [
              p(
                "A spread has no final settlement price of its own: each leg is settled as its contract, so its examples are those of the legs.",
              ),
            ]
          : []),
      ]);
    }
  }
  b.close("Contract months");
}

const ALL_APPLY = new Set(["sources", "positionLimits", "degradation", "legs", "sessionChanges", "strikeListing"]);

function versionsSection(b: Builder, spec: Spec, c: Contract | undefined): void {
  const rows: string[][] = [];
  const walk = (owner: string, decl: Record<string, unknown>) => {
    for (const [field, value] of Object.entries(decl)) {
      if (!Array.isArray(value) || value.length === 0) continue;
      const clauses = value.filter((v): v is Clause<unknown> => typeof v === "object" && v !== null && "effective" in v && "value" in v);
      if (clauses.length === 0) continue;
      const ranged = clauses.filter((x) => effectiveWords(x.effective) !== "");
      if (ranged.length === 0 && (clauses.length === 1 || ALL_APPLY.has(field))) continue;
      (ALL_APPLY.has(field) ? ranged : clauses).forEach((x, i) =>
        rows.push([owner, ruleName(field), String(i + 1), capitalise(effectiveWords(x.effective) || "always")]),
      );
    }
  };
  if (c !== undefined) walk(`${c.name} contract`, c as unknown as Record<string, unknown>);
  for (const i of Object.values(spec.indices)) walk(`${i.name} index`, i as unknown as Record<string, unknown>);
  b.open();
  b.add("Rule versions", [
    rows.length === 0
      ? p("Every rule of this chapter is in force without limit of time; there is one version of each.")
      : p(
          "Rules with more than one version, or in force for a limited time, and the dates each version is in force (both dates included):",
        ),
    ...(rows.length === 0 ? [] : [{ kind: "table" as const, head: ["Subject", "Rule", "Version", "In force"], rows }]),
  ]);
  b.close("Rule versions and effective dates");
}

/** A model field name as a rule name: "lastTradingDay" → "last trading day". */
export function ruleName(field: string): string {
  const named: Record<string, string> = {
    aggregateSources: "combination of sources",
    aggregateTrades: "combination of trades",
    aggregateIntervals: "combination of intervals",
    aggregateSamples: "combination of samples",
    excludeDeviation: "exclusion of outliers",
    excludeStale: "exclusion of stale data",
    minimumSources: "minimum sources",
    priceQuotation: "price quotation",
    tick: "minimum price fluctuation",
    spreadTick: "spread price fluctuation",
    premiumTick: "premium fluctuation",
    // As the chapter's sections call them ("Termination of trading", "Listing schedule").
    termination: "termination of trading",
    listing: "listing schedule",
  };
  return named[field] ?? field.replace(/[A-Z]/g, (m) => ` ${m.toLowerCase()}`);
}

/** The period a contract expires in, as its last trading day rules count it: a month, a week, or either. */
function periodTerm(c: Contract): [string, string] {
  const kinds = new Set(c.lastTradingDay.map((v) => v.value.kind));
  if (kinds.size === 1 && kinds.has("weekly")) return ["Contract Week", "The week in which a contract expires."];
  if (kinds.size === 1 && kinds.has("monthly")) return ["Contract Month", "The calendar month in which a contract expires."];
  return ["Contract Month", "The calendar month (or, for weekly contracts, the week) in which a contract expires."];
}

/**
 * A position limit as the engine enforces it (runtime/functions/position-limits.ts): a net position, long or short,
 * in the Spot Month (the listed period that expires first), in any one period, or in all periods netted together.
 */
function positionLimitWords(l: Runtime.PositionLimit, period: string, spec: Spec): string {
  const most = `No holder may own or control more than ${count(l.count, "contract", "contracts")} net long or net short`;
  const own =
    l.scope === "spot-month"
      ? `${most} in the ${spotTerm(period)[0]}`
      : l.scope === "single-month"
        ? `${most} in any single ${period}`
        : `${most} in all ${period}s combined, a long position in one ${period} offsetting a short position in another`;
  return `${own}.${aggregationWords(l, spec)}`;
}

/**
 * The aggregation of a position limit as the engine counts it (runtime/functions/position-limits.ts): the positions
 * the settlement request states in the contracts named, each in the limit's scope as its own contract places it, an
 * option's as the futures-equivalent the request states.
 */
function aggregationWords(l: Runtime.PositionLimit, spec: Spec): string {
  const names = l.aggregatedWith ?? [];
  if (names.length === 0) return "";
  const where =
    l.scope === "spot-month"
      ? "each in the period that is its own spot period on the day"
      : l.scope === "single-month"
        ? "each in the same contract period"
        : "in all their periods";
  const options = names.filter((n) => spec.contracts[n]?.kind === "option");
  const fe =
    options.length === 0
      ? ""
      : ` A position in ${andList(options)} counts as its futures-equivalent (delta-weighted) position, as the Exchange computes it and states it with the settlement.`;
  return ` The holder's positions in ${andList(names)} count toward this limit together with those in the Contract, ${where}.${fe}`;
}

/** The Spot Month (or Spot Week) of a contract whose periods are `period`s, and its meaning. */
function spotTerm(period: string): [string, string] {
  const unit = period.replace(/^Contract /, "");
  return [
    `Spot ${unit}`,
    `On any day, the listed ${period} whose Last Trading Day is the earliest on or after that day; an expiring ${period} is the Spot ${unit} on its Last Trading Day.`,
  ];
}

/** "In the Money" for the option types the contract lists (every version), so a put-only option speaks of puts only. */
function inTheMoney(c: Extract<Contract, { kind: "option" }>): [string, string] {
  const rights = new Set(c.rights.flatMap((v) => v.value));
  const call = "a call whose strike is below";
  const put = "a put whose strike is above";
  const said = rights.has("call") && rights.has("put") ? `${call}, or ${put},` : rights.has("put") ? put : call;
  return ["In the Money", `${capitalise(said)} the Final Settlement Price of the underlying.`];
}

function definitions(b: Builder, spec: Spec, c: Contract | undefined): void {
  const rows: string[][] = [];
  const setOut = c === undefined ? Object.values(spec.contracts) : setOutContracts(spec, c.name);
  if (c !== undefined) {
    rows.push([
      "Contract",
      `The ${c.name} ${c.kind === "option" ? "options" : c.kind === "spread" ? "spread" : "futures"} contract${c.title ? `, ${c.title}` : ""}, as specified in this chapter.`,
    ]);
    rows.push(periodTerm(c));
    // The period of each other contract of the chapter (a weekly's chapter that sets out a monthly future too).
    const periods = new Map(setOut.map((o) => [periodTerm(o)[0], periodTerm(o)] as const));
    for (const [term, row] of periods) if (term !== periodTerm(c)[0]) rows.push(row);
    rows.push(["Exchange", "The exchange that lists the Contract and of whose rulebook this chapter is a part."]);
    rows.push(["Business Day", "A day that is not a weekend day or a holiday of the calendar named in the clause concerned."]);
    rows.push(["Last Trading Day", "The last day on which an expiring contract may be traded, determined as in the clause of that name."]);
    rows.push(["Tick", "The minimum price fluctuation."]);
    rows.push(["Final Settlement Price", "The price at which expiring contracts are settled in cash."]);
    if (setOut.some((o) => o.fallback.length > 0))
      rows.push([
        "Market Disruption Event",
        "An event listed in the clause on market disruption that prevents the normal determination of the Final Settlement Price.",
      ]);
    if (c.kind === "option") rows.push(inTheMoney(c));
    // The Spot Month (or Week) of each contract of the chapter with a spot-month limit, once per wording.
    const spots = setOut.filter((o) => o.positionLimits.some((l) => l.value.scope === "spot-month"));
    for (const t of new Set(spots.map((o) => periodTerm(o)[0]))) rows.push(spotTerm(t));
  }
  for (const i of Object.values(spec.indices))
    rows.push([i.name, `${i.title ? `The ${i.title}` : "The index"}, whose methodology is set out in this chapter.`]);
  for (const u of Object.values(spec.units ?? {})) rows.push([u.name, declaredUnitMeaning(u, spec)]);
  for (const cal of Object.values(spec.calendars))
    rows.push([
      cal.name,
      `${cal.title ? `The ${cal.title} calendar` : "The calendar"}, its days counted in ${zoneTimeName(cal.timeZone)}, set out in this chapter.`,
    ]);
  for (const o of setOut)
    if (o.name !== c?.name) rows.push([o.name, `The ${o.name} contract${o.title ? `, ${o.title}` : ""}, set out in this chapter.`]);
  // The contracts a position limit of the chapter is aggregated with, set out in their own chapters.
  const aggregated = Object.values(spec.contracts)
    .filter((o) => !setOut.includes(o))
    .sort((x, y) => (x.name < y.name ? -1 : 1));
  for (const o of aggregated)
    rows.push([
      o.name,
      `The ${o.name} contract${o.title ? `, ${o.title}` : ""}, whose positions count toward a position limit of this chapter.`,
    ]);
  for (const zone of zonesOf(spec))
    rows.push([
      zoneTimeName(zone),
      zone === "UTC" || zone === "Etc/UTC"
        ? "Coordinated Universal Time, the IANA time zone UTC."
        : `The civil time in force in ${zonePlace(zone)}, as given by the IANA time zone ${zone}, including its changes between standard time and summer time.`,
    ]);
  b.open();
  b.define(rows.map((r) => r[0]!));
  b.add("Defined terms", [
    p("In this chapter the following terms have the meanings given:"),
    { kind: "table", head: ["Term", "Meaning"], rows },
  ]);
  b.close("Definitions");
}

/**
 * The meaning of a declared unit in the definitions: its name in words, its kind and plural, and the units of
 * the spec written with it ("Index point, a unit of its own (plural points); used in the units point and USD per point.").
 */
function declaredUnitMeaning(u: DeclaredUnit, spec: Spec): string {
  const base = declaredBaseUnit(u);
  const texts = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.text === "string" && typeof o.dimensions === "object" && o.dimensions !== null) {
        if (Object.hasOwn(o.dimensions, base.dimension)) texts.add(o.text);
        return;
      }
      for (const x of Object.values(o)) visit(x);
    }
  };
  visit({ contracts: spec.contracts, indices: spec.indices });
  const kind = u.kind === "asset" ? "an asset" : "a unit of its own, not an amount of money";
  const plural = base.plural === base.name ? "" : ` (plural ${base.plural})`;
  const used = [...texts].sort();
  const uses = used.length === 0 ? "" : ` It is used in the ${used.length === 1 ? "unit" : "units"} ${used.join(", ")}.`;
  return `${capitalise(u.title)}, ${kind}${plural}, declared in this chapter.${uses}`;
}

/**
 * The index disclaimer of a rulebook chapter, one clause per index whose administrator the source declares, in the
 * words exchanges use for a licensed benchmark (after the disclaimers of CME's index futures chapters), naming only
 * what the source declares: the index and its administrator. A licence to use the index is not stated: the language
 * has no clause that declares one.
 */
function indexDisclaimers(spec: Spec, own: ReadonlySet<string>): DocClause[] {
  return Object.values(spec.indices)
    .filter((i) => !own.has(i.name))
    .sort((x, y) => (x.name < y.name ? -1 : 1))
    .flatMap((i) => {
      // A contract of the spec states this index's disclaimer in its own words: those words, not generated ones.
      const authored = authoredDisclaimers(spec).get(i.name);
      if (authored !== undefined)
        return [
          {
            number: "",
            title: i.name,
            blocks: authored.paragraphs.map((t): Block => ({ kind: "paragraph", text: sentence(t), authored: true })),
            ...(authored.clauses.length === 0 ? {} : { references: authored.clauses }),
          },
        ];
      const admin = i.administrator[i.administrator.length - 1]?.value;
      if (admin === undefined) return [];
      const who = admin.replace(/\.$/, "");
      const name = i.title ? `the ${i.title} (${i.name})` : `the ${i.name} index`;
      return [
        {
          number: "",
          title: i.name,
          blocks: [
            p(
              `${capitalise(name)} is calculated and published by ${who}. Neither the Exchange nor ${who} guarantees the accuracy or completeness of ${name} or of any data included in it, and neither shall have any liability for any error, omission or interruption in it.`,
            ),
            p(
              `Neither the Exchange nor ${who} makes any warranty, express or implied, as to the results to be obtained by any person from the use of ${name} or of any data included in it in connection with the trading of the contract, and each expressly disclaims all warranties of merchantability or fitness for a particular purpose.`,
            ),
          ],
        },
      ];
    });
}

/**
 * The contracts a chapter sets out: the subject and every contract it refers to for its terms (an option's
 * underlying, a spread's legs, a contract unit of futures), transitively. A contract named only by a position limit
 * `aggregated with` it is defined but not set out: its terms are its own chapter's, the spec carries it for its
 * schedule.
 */
export function setOutContracts(spec: Spec, name: string): Contract[] {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const n = queue.shift()!;
    const c = Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined;
    if (c === undefined || seen.has(n)) continue;
    seen.add(n);
    for (const r of contractReferences(c))
      if ((r.kind === "contract" || r.kind === "future") && !r.path.startsWith("/positionLimits/")) queue.push(r.name);
  }
  return Object.values(spec.contracts).filter((o) => seen.has(o.name));
}

/** Builds the readable contract of a spec's contract (or index, or calendar). */
export function buildDocument(spec: Spec, options: RenderOptions): LegalDocument {
  const b = new Builder(spec, options.sources ?? new Map());
  const name = options.contract ?? spec.subject.name;
  const c = Object.hasOwn(spec.contracts, name) ? spec.contracts[name] : undefined;
  const subjectIndex = spec.subject.kind === "index" ? spec.indices[spec.subject.name] : undefined;
  definitions(b, spec, c);
  const firstOwn = b.closed();
  let ownEnd = firstOwn;
  if (c !== undefined) {
    contractSections(b, c, spec);
    ownEnd = b.closed();
    // Other contracts the subject refers to (an option's underlying future, a spread's legs).
    for (const o of setOutContracts(spec, c.name)) if (o.name !== c.name) contractSections(b, o, spec);
  }
  const indices = Object.values(spec.indices).sort((x, y) => (x.name === subjectIndex?.name ? -1 : y.name === subjectIndex?.name ? 1 : 0));
  for (const i of indices) indexSection(b, i);
  calendarSection(b, Object.values(spec.calendars));
  if (c !== undefined) monthsSection(b, spec, c.name, options.asOf, options.months ?? 12, options.rulesAsOf);
  versionsSection(b, spec, c);
  const decl = c ?? subjectIndex ?? (Object.hasOwn(spec.calendars, name) ? spec.calendars[name] : undefined);
  const title = decl?.title ? `${name}: ${decl.title}` : name;
  const doc: LegalDocument = {
    title,
    subtitle: `Contract terms, generated from the compiled specification (content hash ${spec.contentHash}). Contract months as of ${longDate(options.asOf)}.`,
    preamble: [],
    sections: b.done(),
  };
  if (options.layout !== "rulebook" || c === undefined) return doc;
  const chapter = c.clauses.find((x) => /^Chapter\s/.test(x));
  const heading = chapter === undefined ? title : `${chapter}: ${c.title ?? name} (${name})`;
  return rulebookLayout(
    { ...doc, title: heading },
    new Set(doc.sections.slice(firstOwn, ownEnd)),
    indexDisclaimers(spec, disclaimedIndices(c)),
  );
}

/** A fixed weight of 0 (a canonical decimal string): the source is kept for monitoring, not used. */
function zeroWeight(w: string): boolean {
  return Decimal.of(w).isZero();
}

/** A daily VWAP step's condition in words: ", provided that more than five trades occurred in it". */
function tradesCondition(moreThan: number | undefined): string {
  if (moreThan === undefined) return "";
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const n = moreThan < words.length ? words[moreThan]! : moreThan.toLocaleString("en-US");
  return `, provided that more than ${n} trade${moreThan === 1 ? "" : "s"} occurred in it`;
}

/** The price-limit breach rule of the limits version in force on a day, as a sentence after the limits (or nothing). */
function breachWords(breach: readonly Clause<"clamp" | "flag">[] | undefined, day: string): string {
  const rule = breach === undefined ? undefined : versionOn(breach, day)?.value;
  if (rule === undefined) return "";
  return rule === "clamp"
    ? " A daily settlement price beyond the last limit is replaced by that limit: the price at the limit it crossed."
    : " A daily settlement price beyond the last limit stands as determined and is flagged as beyond the limit.";
}

/**
 * A daily carry step in words, with the formula as CME writes it ("Reference Rate + [(Days to expiration/ 365) x
 * Interest rate x Reference Rate)]") and each input with its source.
 */
function carryWords(
  b: Builder,
  s: Extract<Runtime.DailyStep, { kind: "carry-formula" }>,
  unit: Runtime.Quantity["unit"] | undefined,
): string {
  return (
    `the Reference Rate carried to expiration, Reference Rate + [(days to expiration / ${s.daysInYear}) × interest rate × Reference Rate], ` +
    `where the Reference Rate is the value of ${b.index(s.index)} for the settlement date, the interest rate is the value of ${s.rate.name} ` +
    `for the settlement date as published in the fixings (a percentage a year), and the days to expiration are the calendar days from the settlement date ` +
    `to the Last Trading Day, ${roundingWords(s.rounding, unit)}`
  );
}

/** Words joined as a list: "June", "June and December", "March, June and December". */
function andList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
