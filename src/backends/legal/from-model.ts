/**
 * The legal backend's builder: turns a compiled spec (src/model, the same model the settlement functions read)
 * into a readable contract in the style of an exchange rulebook chapter (document.ts): definitions, the contract
 * specifications, settlement, fallbacks, each index methodology step by step, the calendars, the next contract
 * months with their last trading days and termination instants (from the runtime schedule), and every rule
 * version with its effective dates. Every value of the spec is said in words and figures; nothing of the language
 * or of programming shows. Pure: the "as of" date of the contract-month table is an input. The contract chapter is
 * `contract-chapter.ts`, the index methodology chapter `index-chapter.ts`, the clause builder they share `builder.ts`.
 */
import type { Calendar, Clause, Contract, DeclaredUnit, Spec } from "../../model/types.js";
import { declaredBaseUnit } from "../../base/units.js";
import { formatInstant, formatIsoDate, parseIsoDate, toCivil, weekdayOf } from "../../runtime/calendar/index.js";
import { Schedule, describeScheduleError } from "../../runtime/schedule/index.js";
import { formatUtc } from "../../runtime/schedule/json.js";
import type { Block, DocClause, LegalDocument } from "./document.js";
import { expiryCalendar } from "./figures.js";
import { workedExamples } from "./examples.js";
import { rulebookLayout } from "./rulebook.js";
import { authoredDisclaimers, disclaimedIndices } from "./licence.js";
import {
  capitalise,
  count,
  effectiveWords,
  holidayDateWords,
  longDate,
  clockTime,
  zonePlace,
  zoneTimeName,
  monthName,
  weekdayName,
} from "./words.js";
import { type Piece, Builder, annotations, p, sentence } from "./builder.js";
import { contractSections } from "./contract-chapter.js";
import { indexSection } from "./index-chapter.js";
export { tickWords } from "./builder.js";

export { quantityWords } from "./words.js";

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
  /**
   * "sections" (default): numbered sections of the generated layout; "rulebook": the contract's rules numbered and
   * headed by the author's rule numbers, with the index disclaimer, the rest as appendices (rulebook.ts).
   */
  readonly layout?: "sections" | "rulebook";
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

const ALL_APPLY = new Set(["sources", "positionLimits", "degradation", "legs", "sessionChanges"]);

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
  if (c !== undefined) {
    rows.push([
      "Contract",
      `The ${c.name} ${c.kind === "option" ? "options" : c.kind === "spread" ? "spread" : "futures"} contract${c.title ? `, ${c.title}` : ""}, as specified in this chapter.`,
    ]);
    rows.push(periodTerm(c));
    rows.push(["Exchange", "The exchange that lists the Contract and of whose rulebook this chapter is a part."]);
    rows.push(["Business Day", "A day that is not a weekend day or a holiday of the calendar named in the clause concerned."]);
    rows.push(["Last Trading Day", "The last day on which an expiring contract may be traded, determined as in the clause of that name."]);
    rows.push(["Tick", "The minimum price fluctuation."]);
    rows.push(["Final Settlement Price", "The price at which expiring contracts are settled in cash."]);
    if (Object.values(spec.contracts).some((o) => o.fallback.length > 0))
      rows.push([
        "Market Disruption Event",
        "An event listed in the clause on market disruption that prevents the normal determination of the Final Settlement Price.",
      ]);
    if (c.kind === "option") rows.push(inTheMoney(c));
  }
  for (const i of Object.values(spec.indices))
    rows.push([i.name, `${i.title ? `The ${i.title}` : "The index"}, whose methodology is set out in this chapter.`]);
  for (const u of Object.values(spec.units ?? {})) rows.push([u.name, declaredUnitMeaning(u, spec)]);
  for (const cal of Object.values(spec.calendars))
    rows.push([
      cal.name,
      `${cal.title ? `The ${cal.title} calendar` : "The calendar"}, its days counted in ${zoneTimeName(cal.timeZone)}, set out in this chapter.`,
    ]);
  for (const o of Object.values(spec.contracts))
    if (o.name !== c?.name) rows.push([o.name, `The ${o.name} contract${o.title ? `, ${o.title}` : ""}, set out in this chapter.`]);
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
    for (const o of Object.values(spec.contracts)) if (o.name !== c.name) contractSections(b, o, spec);
  }
  const indices = Object.values(spec.indices).sort((x, y) => (x.name === subjectIndex?.name ? -1 : y.name === subjectIndex?.name ? 1 : 0));
  for (const i of indices) indexSection(b, i);
  calendarSection(b, Object.values(spec.calendars));
  if (c !== undefined) monthsSection(b, spec, c.name, options.asOf, options.months ?? 12);
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
