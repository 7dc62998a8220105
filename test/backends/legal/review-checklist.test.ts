/**
 * The review checklist of issue 19 over the rendered chapter of every contract in specs/ (compiled from the sources,
 * so a contract added there is reviewed too), in both layouts: no singular/plural mismatch ("1000 GPU-hour",
 * "1 contracts"), every defined term used and every defined-term-shaped phrase the chapter uses defined, and no
 * contradiction between the text and the engine where it is checkable (the option types and the "In the Money"
 * definition against the contract's rights, the tick and the tick value against the engine's tick and multiplier).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDocument, type LegalDocument } from "../../../src/backends/legal/index.js";
import { contentHash } from "../../../src/model/canonical.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";
import { contractMultiplier } from "../../../src/runtime/functions/terms.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { compileFiles, ROOT } from "../../model/compile-helpers.js";

const AS_OF = "2026-01-15";
const sources = readdirSync(join(ROOT, "specs/contracts"))
  .filter((f) => f.endsWith(".terms"))
  .sort()
  .map((f) => `specs/contracts/${f}`);
const compiled = compileFiles(sources);
const specs: [string, Spec][] = compiled.files
  .filter((f) => f.path.startsWith("contracts/"))
  .map((f) => [f.path.slice("contracts/".length, -".json".length), loadSpec(f.text)]);
/** FOTI_OPT with only one of its option types listed (its hash recomputed so that it loads). */
function rightsVariant(rights: string[]): [string, Spec] {
  const json = JSON.parse(compiled.files.find((f) => f.path === "contracts/FOTI_OPT.json")!.text);
  json.contracts.FOTI_OPT.rights = [{ ...json.contracts.FOTI_OPT.rights[0], value: rights }];
  json.contentHash = contentHash(json);
  return [`FOTI_OPT (${rights.join(" and ")} only)`, loadSpec(JSON.stringify(json))];
}
const contracts: [string, Spec][] = [...specs, rightsVariant(["put"]), rightsVariant(["call"])];

interface Text {
  readonly text: string;
  readonly authored: boolean;
  readonly definitions: boolean;
  readonly heading?: boolean;
}

/** Every text of a document: each paragraph, list item and table cell, with whether an author wrote it. */
function texts(doc: LegalDocument): Text[] {
  const out: Text[] = [];
  for (const s of doc.sections)
    for (const c of s.clauses) {
      const definitions = c.title === "Defined terms";
      out.push({ text: c.title, authored: false, definitions, heading: true });
      for (const b of c.blocks) {
        const all = b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : b.rows.flat();
        for (const text of all) out.push({ text, authored: b.kind === "paragraph" && b.authored === true, definitions });
      }
    }
  return out;
}

/** The defined terms of a document: the first column of the "Defined terms" table. */
function definedTerms(doc: LegalDocument): Map<string, string> {
  const c = doc.sections.flatMap((s) => s.clauses).find((x) => x.title === "Defined terms");
  const table = c?.blocks.find((b) => b.kind === "table");
  return new Map(table?.kind === "table" ? table.rows.map((r) => [r[0]!, r[1]!]) : []);
}

/** Countable nouns a chapter counts; "N noun" with N other than one must be plural, "1 nouns" singular. */
const NOUNS = [
  "contract",
  "business day",
  "calendar day",
  "day",
  "week",
  "month",
  "year",
  "hour",
  "minute",
  "second",
  "source",
  "provider",
  "strike",
  "tick",
  "trade",
  "interval",
  "level",
  "GPU-hour",
  "token",
  "observation",
  "point",
];
/** What may follow a singular noun as the head of a compound ("2 contract months", "3 day periods" is not English). */
const COMPOUND = "(?: months?| periods?| values?| units?| weeks?)";
const PLURAL_AFTER_MANY = new RegExp(
  `(?<![\\w.,])(?:\\d{1,3}(?:,\\d{3})+|[1-9]\\d+|[02-9])(?:\\.\\d+)? (${NOUNS.join("|")})(?![\\w-]|s\\b)(?!${COMPOUND})`,
  "g",
);
const SINGULAR_AFTER_ONE = new RegExp(`(?<![\\w.,])1 (${NOUNS.join("|")})s\\b`, "g");

/** Words from which the generator's defined terms are made; a capitalised phrase of only these must be defined. */
const TERM_WORDS = new Set(
  "Contract Month Business Day Last Trading Final Settlement Price Market Disruption Event Exchange Tick Daily Strike Spot Fixing Underlying Value Premium Holder Expiry Index Unit Period".split(
    " ",
  ),
);

describe("review checklist: the checks themselves", () => {
  it("finds a defined term not in its defined form", () => {
    const t = "Last Trading Day";
    const found = (x: string) => [...x.matchAll(new RegExp(`(?<![\\w-])${t}s?(?![\\w-])`, "gi"))].filter((m) => !m[0].startsWith(t)).length;
    expect(found("trading terminates on the last trading day")).toBe(1);
    expect(found("trading terminates on the Last Trading Day; last-trading-day rules")).toBe(0);
  });

  it("finds the reviewer's plural mistakes and passes their corrections", () => {
    const wrong = (t: string) => [...t.matchAll(PLURAL_AFTER_MANY), ...t.matchAll(SINGULAR_AFTER_ONE)].map((m) => m[0]);
    expect(wrong("One contract is 1000 GPU-hour.")).toEqual(["1000 GPU-hour"]);
    expect(wrong("One contract is 1,000 GPU-hour.")).toEqual(["1,000 GPU-hour"]);
    expect(wrong("No holder may hold more than 1 contracts.")).toEqual(["1 contracts"]);
    expect(wrong("postponed by up to 2 business day")).toEqual(["2 business day"]);
    expect(wrong("One contract is 1,000 GPU-hours; 1 contract; 2 contract months; 2 business days; One GPUH5 contract; 0.5 ticks")).toEqual(
      [],
    );
  });
});

for (const layout of ["sections", "rulebook"] as const) {
  describe(`review checklist: the chapters of specs/contracts (${layout} layout)`, () => {
    it("compiles every contract of specs/", () => {
      expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(specs.map(([n]) => n)).toEqual(expect.arrayContaining(["FOTI", "FOTI_OPT", "GPUH", "BTC"]));
    });
    for (const [label, spec] of contracts) {
      const name = spec.subject.name;
      const doc = buildDocument(spec, { asOf: AS_OF, layout });
      const all = texts(doc);

      it(`${label}: no singular/plural mismatch`, () => {
        const wrong = all.flatMap(({ text }) => [
          ...[...text.matchAll(PLURAL_AFTER_MANY)].map((m) => `${m[0]} — in: ${text.slice(0, 120)}`),
          ...[...text.matchAll(SINGULAR_AFTER_ONE)].map((m) => `${m[0]} — in: ${text.slice(0, 120)}`),
        ]);
        expect(wrong).toEqual([]);
      });

      it(`${label}: every defined term is used and every term used is defined`, () => {
        const terms = definedTerms(doc);
        expect(terms.size).toBeGreaterThan(0);
        const body = all
          .filter((t) => !t.definitions)
          .map((t) => t.text)
          .join("\n");
        const unused = [...terms.keys()].filter((t) => !new RegExp(`\\b${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(body));
        expect(unused).toEqual([]);
        // Phrases in defined-term style (capitalised words of the generator's vocabulary, not starting a sentence) in the
        // generated text, outside rulebook references and the titles of what the spec declares, must be defined.
        const titles = [
          ...Object.values(spec.contracts).map((c) => c.title ?? ""),
          ...Object.values(spec.indices).map((i) => i.title ?? ""),
          ...Object.values(spec.calendars).flatMap((c) => [c.title ?? "", ...c.holidays.map((h) => h.name)]),
        ].filter((t) => t !== "");
        const undefinedTerms = new Set<string>();
        for (const { text, authored, heading } of all) {
          // Authors' words are theirs; headings are in title case.
          if (authored || heading === true) continue;
          let t = text.replace(/Rulebook references?: [^\n]*?\.(?= |$)/g, "").replace(/Reference: [^\n]*?\.(?= |$)/g, "");
          for (const title of titles) t = t.split(title).join("");
          for (const m of t.matchAll(/(?<![\w-])[A-Z][a-z]+(?: [A-Z][a-z]+)*/g)) {
            // A phrase starting a sentence or a heading: its first word is capitalised as any first word is.
            const start = /(?:^|[.:!?]\s+|\(\d+\)\s+)$/.test(t.slice(0, m.index));
            const words = m[0].split(" ");
            if (start && words.length === 1) continue;
            // Part of a name with an acronym ("VE Day").
            if (/[A-Z]{2,} $/.test(t.slice(0, m.index))) continue;
            if (!words.every((w) => TERM_WORDS.has(w))) continue;
            if (!terms.has(m[0])) undefinedTerms.add(`${m[0]} — in: ${t.slice(Math.max(0, m.index - 40), m.index + 60)}`);
          }
        }
        expect([...undefinedTerms]).toEqual([]);
      });

      it(`${label}: every defined term of several words is used in its defined form`, () => {
        // "the last trading day" where "Last Trading Day" is defined reads as another, undefined thing. Generated text
        // only: an author's paragraph is quoted as written.
        const terms = [...definedTerms(doc).keys()].filter((t) => /^[A-Z][a-z]+(?: (?:the|of) [A-Z][a-z]+| [A-Z][a-z]+)+$/.test(t));
        const wrong: string[] = [];
        for (const { text, authored, heading, definitions } of all) {
          if (authored || heading === true || definitions) continue;
          for (const t of terms)
            for (const m of text.matchAll(new RegExp(`(?<![\\w-])${t}s?(?![\\w-])`, "gi")))
              if (!m[0].startsWith(t)) wrong.push(`${m[0]} (defined as ${t}) — in: ${text.slice(Math.max(0, m.index - 40), m.index + 60)}`);
        }
        expect(wrong).toEqual([]);
      });

      const c = spec.contracts[name]!;
      if (c.kind === "option") {
        it(`${label}: the option types and "In the Money" say the contract's own rights`, () => {
          const rights = new Set(c.rights.flatMap((v) => v.value));
          const itm = definedTerms(doc).get("In the Money") ?? "";
          expect(itm).not.toBe("");
          expect(/\bcall/.test(itm)).toBe(rights.has("call"));
          expect(/\bput/.test(itm)).toBe(rights.has("put"));
          const types = all.find((t) => t.text.startsWith("Listed option types:"))?.text ?? "";
          expect(/\bcalls\b/.test(types)).toBe(rights.has("call"));
          expect(/\bputs\b/.test(types)).toBe(rights.has("put"));
        });
      }

      if (c.kind === "future" && c.tick.length === 1 && c.tick[0]!.value.length === 1) {
        it(`${label}: the tick and the tick value are the engine's`, () => {
          const tick = c.tick[0]!.value[0]!.tick;
          const day = AS_OF;
          const m = contractMultiplier((n) => spec.contracts[n], name, day);
          expect(m).toBeDefined();
          const sentence = all.find((t) => t.text.startsWith("The minimum price fluctuation (the tick) is "))?.text ?? "";
          const stated = /is (?:[A-Z]{3} )?([\d,.]+)/.exec(sentence)?.[1]?.replace(/,/g, "");
          expect(stated !== undefined && Decimal.compare(Decimal.of(stated), Decimal.of(tick.amount)) === 0, sentence).toBe(true);
          const value = all.find((t) => t.text.startsWith("The tick value is "))?.text ?? "";
          const v = /is [A-Z]{3} ([\d,.]+) per contract/.exec(value)?.[1]?.replace(/,/g, "");
          expect(v, value).toBeDefined();
          expect(
            Decimal.compare(Decimal.of(v!), Decimal.of(tick.amount).mul(Decimal.of(m!.value))),
            `${value} vs ${tick.amount} × ${m!.value}`,
          ).toBe(0);
          expect(value).toContain(m!.currency);
        });
      }
    }
  });
}
