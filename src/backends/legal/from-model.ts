/**
 * The legal backend's builder: turns a compiled spec (src/model, the same model the settlement functions read)
 * into a readable contract in the style of an exchange rulebook chapter (document.ts): definitions, the contract
 * specifications, settlement, fallbacks, each index methodology step by step, the calendars, the next contract
 * months with their last trading days and termination instants (from the runtime schedule), and every rule
 * version with its effective dates. Every value of the spec is said in words and figures; nothing of the language
 * or of programming shows. Pure: the "as of" date of the contract-month table is an input.
 */
import type { Calendar, Clause, Contract, Fallback, FinalSettlement, Index, Spec } from "../../model/types.js";
import type * as Runtime from "../../runtime/spec.js";
import { formatInstant, formatIsoDate, parseIsoDate, toCivil, weekdayOf } from "../../runtime/calendar/index.js";
import { Schedule, describeScheduleError } from "../../runtime/schedule/index.js";
import { formatUtc } from "../../runtime/schedule/json.js";
import type { Block, DocClause, DocSection, LegalDocument } from "./document.js";
import { workedExamples } from "./examples.js";
import {
  calendarLabel,
  capitalise,
  count,
  dateRuleWords,
  duration,
  effectiveWords,
  holidayDateWords,
  longDate,
  methodWords,
  monthName,
  roundingWords,
  shortTime,
  weekdayName,
  zonedTime,
} from "./words.js";

/** Options of a rendering. */
export interface RenderOptions {
  /** The contract to render when the spec holds several; default: the spec's subject. */
  readonly contract?: string;
  /** ISO date from which the next contract months are listed. */
  readonly asOf: string;
  /** How many contract months the table lists; default 12. */
  readonly months?: number;
  /** Source locations by clause key ("contract FOTI tick"), written into the HTML, when known. */
  readonly sources?: ReadonlyMap<string, string>;
}

type Para = string;

const p = (text: string): Block => ({ kind: "paragraph", text });
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

/** A quantity in words: "0.001 USD per 1M tokens". */
export function quantityWords(q: Runtime.Quantity): string {
  // "1000 million tokens" reads as a contract does; "1000 × 1M tokens" reads as a formula.
  const scaled = /^1([KMB]) (.*)$/.exec(q.unit.text);
  if (scaled) return `${q.amount} ${{ K: "thousand", M: "million", B: "billion" }[scaled[1] as "K" | "M" | "B"]} ${scaled[2]}`;
  return /^[0-9]/.test(q.unit.text) ? `${q.amount} × ${q.unit.text}` : `${q.amount} ${q.unit.text}`;
}

/** Every version of a rule as paragraphs: the value in words, when each version is in force, descriptions, references. */
function versions<T>(vs: readonly Clause<T>[], say: (value: T) => Para | Para[], none?: string): Block[] {
  if (vs.length === 0) return none === undefined ? [] : [p(none)];
  const out: Block[] = [];
  for (const v of vs) {
    const when = effectiveWords(v.effective);
    const said = say(v.value);
    const lines = Array.isArray(said) ? said : [said];
    lines.forEach((line, i) => out.push(p(i === 0 && when !== "" ? `${capitalise(when)}: ${line}` : line)));
    out.push(...annotations(v));
  }
  return out;
}

function annotations(a: { readonly descriptions: readonly string[]; readonly clauses: readonly string[] }): Block[] {
  const out: Block[] = a.descriptions.map((d) => p(sentence(d)));
  if (a.clauses.length > 0) out.push(p(`Rulebook reference: ${a.clauses.join("; ")}.`));
  return out;
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
    private readonly spec: Spec,
    private readonly sources: ReadonlyMap<string, string>,
  ) {}

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

  add(title: string, blocks: Block[], key?: string): void {
    if (blocks.length === 0) return;
    const source = key === undefined ? undefined : this.sources.get(key);
    const number = `${this.section}.${this.clauses.length + 1}`;
    this.clauses.push(source === undefined ? { number, title, blocks } : { number, title, blocks, source });
  }

  done(): DocSection[] {
    return this.sections;
  }
}

/** A tick, single or tiered, in words. */
export function tickWords(tiers: Runtime.Tick): string {
  if (tiers.length === 1 && tiers[0]!.bound === null) return quantityWords(tiers[0]!.tick);
  return tiers
    .map(
      (t) =>
        `${quantityWords(t.tick)}${t.bound === null ? "" : ` for prices ${t.bound.relation === "above" ? "above" : "at or below"} ${t.bound.price}`}`,
    )
    .join("; ");
}

function settlementWords(b: Builder, f: FinalSettlement, unit: string | undefined): Para {
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
  }
  return `Final settlement is in cash. The Final Settlement Price is ${what}, ${roundingWords(f.rounding, unit)}.`;
}

function fallbackBlocks(b: Builder, f: Fallback): Block[] {
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
        return [sentence(capitalise(s) + stepWhen(d.effective)), ...annotations(d).map((x) => (x.kind === "paragraph" ? x.text : ""))].join(
          " ",
        );
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
          what = `Level ${i + 1}: the last published value${a.withinBusinessDays === null ? "" : `, if published within ${count(a.withinBusinessDays, "business day", "business days")}`}${a.flagged ? ", flagged as a carried-forward value" : ""}`;
          break;
        case "determination":
          what = `Level ${i + 1}: determination by the ${a.party === "exchange" ? "Exchange" : "Calculation Agent"}, which always produces a value`;
          break;
      }
      const only = s.only === null ? "" : `, applying only when ${s.only.map(disruption).join(" or ")}`;
      return [sentence(what + only + stepWhen(s.effective)), ...annotations(s).map((x) => (x.kind === "paragraph" ? x.text : ""))].join(
        " ",
      );
    }),
  });
  return out;
}

function contractSections(b: Builder, c: Contract, spec: Spec): void {
  const key = (rule: string) => `contract ${c.name} ${rule}`;
  const priceUnit = c.priceQuotation[0]?.value.text;
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
    key("underlying"),
  );
  b.add(
    "Contract unit",
    versions(c.contractUnit, (u) =>
      u.kind === "quantity"
        ? `One contract is ${quantityWords(u.quantity)}.`
        : `One contract is ${count(u.amount, "contract", "contracts")} of ${u.contract}.`,
    ),
    key("contract unit"),
  );
  b.add(
    "Price quotation",
    versions(c.priceQuotation, (u) => `Prices are quoted in ${u.text}.`),
    key("price"),
  );
  b.add(
    "Minimum price fluctuation",
    versions(c.tick, (t) => `The minimum price fluctuation (the tick) is ${tickWords(t)}.`),
    key("tick"),
  );
  if (c.kind !== "option")
    b.add(
      "Spread price fluctuation",
      versions(c.spreadTick, (t) => `The minimum price fluctuation of spreads is ${tickWords(t)}.`),
      key("spread tick"),
    );
  if (c.kind !== "option") {
    b.add(
      "Negative prices",
      versions(c.negativePrices, (n) => (n ? "Prices may be zero or negative." : "Prices may not be zero or negative.")),
      key("negative prices"),
    );
  }
  if (c.kind === "option") {
    b.add(
      "Option types",
      versions(c.rights, (r) => `Listed option types: ${r.map((x) => (x === "call" ? "calls" : "puts")).join(" and ")}.`),
      key("rights"),
    );
    b.add(
      "Exercise style",
      versions(c.exercise, () => "Options are European: they may be exercised only at expiry."),
      key("exercise"),
    );
    b.add(
      "Strike prices",
      versions(c.strikes, (q) => `Strike prices are listed at intervals of ${quantityWords(q)}.`),
      key("strikes"),
    );
    b.add(
      "Premium fluctuation",
      versions(c.premiumTick, (t) => `The minimum fluctuation of option premiums is ${tickWords(t)}.`),
      key("premium tick"),
    );
    b.add(
      "Automatic exercise",
      versions(
        c.automaticExercise,
        (q) => `At expiry an option that is in the money by at least ${quantityWords(q)} is exercised automatically.`,
      ),
      key("automatic exercise"),
    );
    b.add(
      "Expiry",
      versions(c.expiry, (e) =>
        e.kind === "with-underlying"
          ? "Options expire on the Last Trading Day of the underlying futures contract."
          : `Options expire ${count(e.businessDays, "business day", "business days")} of ${b.cal(e.calendar)} before the Last Trading Day of the underlying futures contract.`,
      ),
      key("expiry"),
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
      key("legs"),
    );
  }
  b.add(
    "Listing schedule",
    versions(c.listing, (parts) => {
      const said = parts.map((x) =>
        x.kind === "consecutive"
          ? `the ${count(x.count, x.period === "months" ? "nearest calendar month" : "nearest week", x.period === "months" ? "nearest consecutive calendar months" : "nearest consecutive weeks")}`
          : `the ${count(x.count, "nearest contract month", "nearest contract months")} falling in ${x.months.map(monthName).join(", ")} (a month already listed under the preceding part counts towards ${x.count === 1 ? "it" : "these"})`,
      );
      return `The Exchange lists ${said.join(", plus ")}.`;
    }),
    key("listing"),
  );
  b.add(
    "Last Trading Day",
    versions(c.lastTradingDay, (r) => `The Last Trading Day is ${dateRuleWords(r, b.cal)}.`),
    key("last trading day"),
  );
  b.add(
    "Termination of trading",
    versions(
      c.termination,
      (z) =>
        `Trading in an expiring contract terminates at ${zonedTime(z)} on the Last Trading Day; the instant follows the clock changes of ${z.zone}.`,
    ),
    key("termination"),
  );
  b.add(
    "Price limits",
    versions(
      c.priceLimits,
      (ls) =>
        `Successive price limits from the prior daily settlement price: ${ls.map((l) => (l.kind === "percent" ? `${l.percent}%` : quantityWords(l.amount))).join(", ")}.`,
    ),
    key("price limits"),
  );
  b.add(
    "Position limits",
    c.positionLimits.flatMap((l) => [
      p(
        `${capitalise(effectiveWords(l.effective) === "" ? "" : `${effectiveWords(l.effective)}: `)}No holder may hold more than ${count(l.value.count, "contract", "contracts")} ${
          l.value.scope === "spot-month"
            ? "in the spot month"
            : l.value.scope === "single-month"
              ? "in any single contract month"
              : "in all contract months combined"
        }.`,
      ),
      ...annotations(l),
    ]),
    key("position limits"),
  );
  b.close(c.kind === "option" ? "Option specifications" : "Contract specifications");

  b.open();
  b.add(
    "Final settlement",
    versions(c.finalSettlement, (f) => settlementWords(b, f, priceUnit)),
    key("final settlement"),
  );
  b.add(
    "Daily settlement",
    versions(c.dailySettlement, (steps) => [
      "The daily settlement price is determined by the first of the following procedures that produces a price:",
      ...steps.map((s, i) => {
        let what: string;
        switch (s.kind) {
          case "vwap":
            what = `the volume-weighted average price of trades from ${shortTime(s.window.from)} (${s.window.fromBound}) to ${shortTime(s.window.to)} (${s.window.toBound}) ${s.window.zone} time, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "midpoint":
            what = `the midpoint of the best bid and the best offer at ${zonedTime(s.at)}, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "carry-forward":
            what = "the prior daily settlement price, carried forward";
            break;
        }
        return [
          `(${i + 1}) ${capitalise(what)}${stepWhen(s.effective)}.`,
          ...s.descriptions.map(sentence),
          ...(s.clauses.length > 0 ? [`Rulebook reference: ${s.clauses.join("; ")}.`] : []),
        ].join(" ");
      }),
    ]),
    key("daily settlement"),
  );
  b.close("Settlement");

  if (c.fallback.length > 0) {
    b.open();
    c.fallback.forEach((f, i) => {
      const when = effectiveWords(f.effective);
      b.add(
        c.fallback.length === 1 ? "Fallback waterfall" : `Fallback waterfall, version ${i + 1}${when === "" ? "" : ` (${when})`}`,
        [...fallbackBlocks(b, f.value), ...annotations(f)],
        key("fallback"),
      );
    });
    b.close("Market disruption and fallbacks");
  }
  void spec;
}

function indexSection(b: Builder, i: Index): void {
  const key = (rule: string) => `index ${i.name} ${rule}`;
  const unit = i.quoted[0]?.value.text;
  b.open();
  b.add(
    "Description",
    [
      ...(i.title ? [p(`${i.name}: ${i.title}.`)] : []),
      ...annotations(i),
      ...versions(i.administrator, (a) => sentence(`The index is administered by ${a}`)),
    ],
    key("administrator"),
  );
  b.add(
    "Methodology versions",
    versions(i.methodology, (m) => `Methodology version ${m.version}.`),
    key("methodology"),
  );
  b.add(
    "Quotation",
    versions(i.quoted, (u) => `The index is published in ${u.text}.`),
    key("quoted"),
  );
  b.add(
    "Time zone",
    versions(i.timeZone, (z) => `Times are stated in ${z} time unless said otherwise.`),
    key("time zone"),
  );
  b.add(
    "Sources",
    i.sources.flatMap((s) => {
      const v = s.value;
      const when = effectiveWords(s.effective);
      const parts = [`${v.name}${v.title ? ` (${v.title})` : ""}${when === "" ? "" : `, a source ${when}`}.`];
      for (const q of v.quoted)
        parts.push(
          `${effectiveWords(q.effective) === "" ? "" : capitalise(effectiveWords(q.effective)) + ": "}Its prices are published in ${q.value.text} and converted exactly to ${unit ?? "the index unit"}.`,
        );
      for (const m of v.models)
        parts.push(
          `${effectiveWords(m.effective) === "" ? "" : capitalise(effectiveWords(m.effective)) + ": "}Eligible models, in priority order (the first one available is used): ${m.value.join("; ")}.`,
        );
      for (const m of v.instruments)
        parts.push(
          `${effectiveWords(m.effective) === "" ? "" : capitalise(effectiveWords(m.effective)) + ": "}Eligible instruments, in priority order: ${m.value.join("; ")}.`,
        );
      for (const w of v.weight)
        parts.push(
          `${effectiveWords(w.effective) === "" ? "" : capitalise(effectiveWords(w.effective)) + ": "}Its fixed weight is ${w.value}.`,
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
    key("sources"),
  );
  let step = 0;
  const addStep = (label: string, blocks: Block[]) => {
    if (blocks.length === 0) return;
    step += 1;
    b.add(`Calculation step ${step}: ${label}`, blocks, key(label));
  };
  addStep(
    "observation window",
    versions(
      i.window,
      (w) =>
        `Trades from ${shortTime(w.from)} (${w.fromBound === "inclusive" ? "included" : "excluded"}) to ${shortTime(w.to)} (${w.toBound === "inclusive" ? "included" : "excluded"}) ${w.zone} time are observed.`,
    ),
  );
  addStep("partitions", [
    ...versions(i.partition, (x) => `The window is divided into ${count(x.count, "interval", "intervals")} of ${duration(x.length)} each.`),
    ...versions(i.emptyIntervals, (e) =>
      e === "skip" ? "An interval without trades is left out of the calculation." : "An interval without trades means no value is fixed.",
    ),
    ...versions(
      i.minimumTrades,
      (m) => `At least ${count(m.count, "trade is", "trades are")} required ${m.perInterval ? "in each interval" : "in the window"}.`,
    ),
  ]);
  addStep(
    "trades",
    versions(
      i.aggregateTrades,
      (m) =>
        `The trades ${i.partition.length > 0 ? "of each interval" : "of each source"} are combined into one value by ${methodWords(m)}.`,
    ),
  );
  addStep(
    "intervals",
    versions(i.aggregateIntervals, (m) => `The interval values are combined by ${methodWords(m)}.`),
  );
  addStep("exclusions", [
    ...versions(i.excludeStale, (d) => `Stale data: a source whose data is older than ${duration(d)} at the fixing time is excluded.`),
    ...versions(
      i.excludeDeviation,
      (d) => `Outliers: a source whose value deviates by more than ${d.percent}% from the median of the other sources is excluded.`,
    ),
  ]);
  addStep(
    "minimum sources",
    versions(i.minimumSources, (n) => `No value is fixed with fewer than ${count(n, "eligible source", "eligible sources")}.`),
  );
  const degr: Block[] = [];
  if (i.degradation.length > 0) {
    degr.push(p("Depending on the number of eligible sources, the sources are combined as follows instead of the general method:"));
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
    ...versions(i.aggregateSources, (m) => `The values of the eligible sources are combined into the index value by ${methodWords(m)}.`),
    ...degr,
  ]);
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
    key("publication"),
  );
  b.add(
    "Restatement",
    versions(i.restatement, (r) =>
      r.kind === "never"
        ? "A published value is never restated."
        : `A published value is restated only on its publication day and only if the correction changes it by more than ${r.thresholdPercent}%.`,
    ),
    key("restatement"),
  );
  b.close(`Index methodology: ${i.name}${i.title ? ` (${i.title})` : ""}`);
}

function calendarSection(b: Builder, cals: readonly Calendar[]): void {
  if (cals.length === 0) return;
  b.open();
  for (const c of cals) {
    const blocks: Block[] = [...annotations(c)];
    blocks.push(
      p(
        `Dates are in the ${c.timeZone} time zone. ${c.weekend.length === 0 ? "No day of the week is a weekend day." : `${c.weekend.map(weekdayName).join(" and ")} ${c.weekend.length === 1 ? "is not a business day" : "are not business days"}.`}`,
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

function monthsSection(b: Builder, spec: Spec, name: string, asOf: string, n: number): void {
  const day = parseIsoDate(asOf);
  if (day === undefined) return;
  const start = toCivil(day);
  const from = { year: start.year, month: start.month };
  const endIndex = start.year * 12 + start.month - 1 + n + 2;
  const to = { year: Math.floor(endIndex / 12), month: (endIndex % 12) + 1 };
  const schedule = new Schedule(spec);
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
          : `${local.value.slice(11, 16)} ${t.zone} (UTC${local.value.slice(19)})`,
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

const ALL_APPLY = new Set(["sources", "positionLimits", "degradation", "legs"]);

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
    excludeDeviation: "exclusion of outliers",
    excludeStale: "exclusion of stale data",
    minimumSources: "minimum sources",
    priceQuotation: "price quotation",
    tick: "minimum price fluctuation",
    spreadTick: "spread price fluctuation",
    premiumTick: "premium fluctuation",
  };
  return named[field] ?? field.replace(/[A-Z]/g, (m) => ` ${m.toLowerCase()}`);
}

function definitions(b: Builder, spec: Spec, c: Contract | undefined): void {
  const rows: string[][] = [];
  if (c !== undefined) {
    rows.push([
      "Contract",
      `The ${c.name} ${c.kind === "option" ? "options" : c.kind === "spread" ? "spread" : "futures"} contract${c.title ? `, ${c.title}` : ""}, as specified in this chapter.`,
    ]);
    rows.push(["Contract Month", "The calendar month (or, for weekly contracts, the week) in which a contract expires."]);
    rows.push(["Business Day", "A day that is not a weekend day or a holiday of the calendar named in the clause concerned."]);
    rows.push(["Last Trading Day", "The last day on which an expiring contract may be traded, determined as in the clause of that name."]);
    rows.push(["Tick", "The minimum price fluctuation."]);
    rows.push(["Final Settlement Price", "The price at which expiring contracts are settled in cash."]);
    if (c.fallback.length > 0)
      rows.push([
        "Market Disruption Event",
        "An event listed in the clause on market disruption that prevents the normal determination of the Final Settlement Price.",
      ]);
    if (c.kind === "option")
      rows.push([
        "In the money",
        "A call whose strike is below, or a put whose strike is above, the Final Settlement Price of the underlying.",
      ]);
  }
  for (const i of Object.values(spec.indices))
    rows.push([i.name, `${i.title ? `The ${i.title}` : "The index"}, whose methodology is set out in this chapter.`]);
  for (const cal of Object.values(spec.calendars))
    rows.push([
      cal.name,
      `${cal.title ? `The ${cal.title} calendar` : "The calendar"} in the ${cal.timeZone} time zone, set out in this chapter.`,
    ]);
  for (const o of Object.values(spec.contracts))
    if (o.name !== c?.name) rows.push([o.name, `The ${o.name} contract${o.title ? `, ${o.title}` : ""}, set out in this chapter.`]);
  b.open();
  b.add("Defined terms", [
    p("In this chapter the following terms have the meanings given:"),
    { kind: "table", head: ["Term", "Meaning"], rows },
  ]);
  b.close("Definitions");
}

/** Builds the readable contract of a spec's contract (or index, or calendar). */
export function buildDocument(spec: Spec, options: RenderOptions): LegalDocument {
  const b = new Builder(spec, options.sources ?? new Map());
  const name = options.contract ?? spec.subject.name;
  const c = Object.hasOwn(spec.contracts, name) ? spec.contracts[name] : undefined;
  const subjectIndex = spec.subject.kind === "index" ? spec.indices[spec.subject.name] : undefined;
  definitions(b, spec, c);
  if (c !== undefined) {
    contractSections(b, c, spec);
    // Other contracts the subject refers to (an option's underlying future, a spread's legs).
    for (const o of Object.values(spec.contracts)) if (o.name !== c.name) contractSections(b, o, spec);
  }
  const indices = Object.values(spec.indices).sort((x, y) => (x.name === subjectIndex?.name ? -1 : y.name === subjectIndex?.name ? 1 : 0));
  for (const i of indices) indexSection(b, i);
  calendarSection(b, Object.values(spec.calendars));
  if (c !== undefined) monthsSection(b, spec, c.name, options.asOf, options.months ?? 12);
  versionsSection(b, spec, c);
  const decl = c ?? subjectIndex ?? (Object.hasOwn(spec.calendars, name) ? spec.calendars[name] : undefined);
  const title = decl?.title ? `${name}: ${decl.title}` : name;
  return {
    title,
    subtitle: `Contract terms, generated from the compiled specification (content hash ${spec.contentHash}). Contract months as of ${longDate(options.asOf)}.`,
    preamble: [],
    sections: b.done(),
  };
}
