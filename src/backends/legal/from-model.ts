/**
 * The legal backend's builder: turns a compiled spec (src/model, the same model the settlement functions read)
 * into a readable contract in the style of an exchange rulebook chapter (document.ts): definitions, the contract
 * specifications, settlement, fallbacks, each index methodology step by step, the calendars, the next contract
 * months with their last trading days and termination instants (from the runtime schedule), and every rule
 * version with its effective dates. Every value of the spec is said in words and figures; nothing of the language
 * or of programming shows. Pure: the "as of" date of the contract-month table is an input.
 * This file orders the chapters; each lives beside it: definitions.ts, contract-specs.ts, contract-settlement.ts,
 * index-section.ts, calendar-sections.ts, with builder.ts (the Builder and shared sentences).
 */
import type { Clause, Contract, Spec } from "../../model/types.js";
import type { Block, DocClause, LegalDocument } from "./document.js";
import { rulebookLayout } from "./rulebook.js";
import { authoredDisclaimers, disclaimedIndices } from "./licence.js";
import { capitalise, effectiveWords, longDate } from "./words.js";
import { p, sentence, Builder, contractClauseKeys } from "./builder.js";
import { productClauses, tradingClauses } from "./contract-specs.js";
import { settlementChapter, fallbackChapter, licenceChapter } from "./contract-settlement.js";
import { indexSection } from "./index-section.js";
import { definitions, setOutContracts } from "./definitions.js";
import { calendarSection, monthsSection } from "./calendar-sections.js";

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

/** A contract's chapters: its specifications, settlement, fallbacks, and index licence. */
function contractSections(b: Builder, c: Contract, spec: Spec): void {
  const keys = contractClauseKeys(c);
  b.open();
  productClauses(b, c, spec, keys);
  tradingClauses(b, c, spec, keys);
  b.close(c.kind === "option" ? "Option specifications" : "Contract specifications");

  settlementChapter(b, c, spec, keys);
  fallbackChapter(b, c, spec, keys);
  licenceChapter(b, c, spec, keys);
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
