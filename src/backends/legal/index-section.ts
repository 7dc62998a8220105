/**
 * The index methodology chapter: the index's terms and sources, its calculation steps in the order the engine
 * applies them (each step numbered only when stated), publication and restatement, and the methodology diagram.
 */
import { clauseOf, type StatementKind } from "../../syntax/statements.js";
import type { Index } from "../../model/types.js";
import type * as Runtime from "../../runtime/spec.js";
import type { DocClause } from "./document.js";
import { methodologyDiagram } from "./figures.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import {
  capitalise,
  count,
  duration,
  effectiveWords,
  unitNoun,
  methodWords,
  clockTime,
  zoneTimeName,
  roundingWords,
  zonedTime,
} from "./words.js";
import { type Piece, p, sentence, versions, annotations, Builder, windowWords } from "./builder.js";
import { minimumCounterpartiesSentence, priorityPerDaySentence, tradeFilterSentence } from "./trade-filters.js";

export function indexSection(b: Builder, i: Index): void {
  const key = (rule: string | undefined) => (rule === undefined ? undefined : `index ${i.name} ${rule}`);
  const clause = (kind: StatementKind) => key(clauseOf(kind, "index"));
  const unit = i.quoted[0]?.value;
  b.open();
  indexTermsClauses(b, i, clause);
  const addStep = stepAdder(b, key);
  const sampled = (i.sampling ?? []).length > 0;
  // With `aggregate sources` beside a partition, each interval combines the sources' own values (runtime per-interval.ts).
  const perInterval = i.partition.length > 0 && i.aggregateSources.length > 0;
  tradeSteps(addStep, i, sampled, perInterval);
  if (!perInterval) intervalsStep(addStep, i, perInterval);
  sourceSteps(addStep, i, sampled, perInterval);
  if (perInterval) intervalsStep(addStep, i, perInterval);
  valueSteps(addStep, i, unit);

  publicationClauses(b, i, clause);
  b.attach("Description", methodologyDiagram(i.name, methodologySteps(b.current())));
  b.close(`Index methodology: ${i.name}${i.title ? ` (${i.title})` : ""}`);
}

/** Adds a calculation step, numbered in order; a step with nothing stated is left out. */
export type AddStep = (label: string, blocks: Piece[]) => void;

/** The adder of one chapter's calculation steps, keyed by their labels. */
export function stepAdder(b: Builder, key: (rule: string | undefined) => string | undefined): AddStep {
  let step = 0;
  const addStep = (label: string, blocks: Piece[]) => {
    if (blocks.length === 0) return;
    step += 1;
    b.add(`Calculation step ${step}: ${label}`, blocks, key(label));
  };
  return addStep;
}

/** The index's terms: scope, quotation, administrator, and its sources. */
export function indexTermsClauses(b: Builder, i: Index, clause: (kind: StatementKind) => string | undefined): void {
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
}

/** The steps on trades: the observation window, trade qualification, samples, partitions, trades. */
export function tradeSteps(addStep: AddStep, i: Index, sampled: boolean, perInterval: boolean): void {
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
      i.emptyIntervalsFlag ?? [],
      (f) => `A value calculated with an interval left out is published with the flag ${JSON.stringify(f)}.`,
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
}

/** The step combining interval values: before the sources' steps, or after them when each interval combines sources. */
export function intervalsStep(addStep: AddStep, i: Index, perInterval: boolean): void {
  addStep(
    "intervals",
    versions(i.aggregateIntervals, (m) =>
      perInterval
        ? `The interval values are combined into the index value by ${methodWords(m)}.`
        : `The interval values are combined by ${methodWords(m)}.`,
    ),
  );
}

/** The steps on sources: exclusions, minimum sources, degradation and the combination of sources. */
export function sourceSteps(addStep: AddStep, i: Index, sampled: boolean, perInterval: boolean): void {
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
    ...versions(
      i.carryForward ?? [],
      (c) =>
        `If no value can be fixed from the data, the last published value is published again as the day's value, with the flag ${JSON.stringify(c.flag)}.`,
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
}

/** The steps on the value: the combination of samples, extreme moves, rounding. */
export function valueSteps(addStep: AddStep, i: Index, unit: Index["quoted"][number]["value"] | undefined): void {
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
}

/** Publication and restatement. */
export function publicationClauses(b: Builder, i: Index, clause: (kind: StatementKind) => string | undefined): void {
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
}

/**
 * An index window, of one piece or several: "from 00:00 (included) to 07:00 (excluded) and from 23:00 (included) to
 * the end of the fixing date (24:00) (excluded) New York time", the zone said once.
 */
export function indexWindowWords(w: Runtime.IndexWindow): string {
  if (w.also === undefined) return windowWords(w);
  const zone = ` ${zoneTimeName(w.zone)}`;
  const words = [w, ...w.also].map((p) => windowWords({ ...p, zone: w.zone }).slice(0, -zone.length));
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]!}${zone}`;
}

/** The sentences of a sampled index's sampling rule (runtime engine/sampling.ts), one per version. */
export function samplingSentences(i: Index): Piece[] {
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
export function methodologySteps(clauses: readonly DocClause[]): { title: string; text: string }[] {
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
export function sourcesSummary(c: DocClause): string {
  const names = c.blocks
    .flatMap((b) => (b.kind === "paragraph" && b.authored !== true ? [/^([A-Z0-9_]+)\b/.exec(b.text)?.[1]] : []))
    .filter((x): x is string => x !== undefined);
  return names.length === 0 ? "" : `${count(names.length, "source", "sources")}: ${names.join(", ")}.`;
}

/** A fixed weight of 0 (a canonical decimal string): the source is kept for monitoring, not used. */
export function zeroWeight(w: string): boolean {
  return Decimal.of(w).isZero();
}
