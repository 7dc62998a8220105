/**
 * Golden tests of the legal backend: every compiled contract spec (test/cases/compiled/contracts) rendered to
 * Markdown and HTML as of a fixed date, compared with test/cases/render/<NAME>.md and .html (`vitest -u` updates
 * them). A coverage test walks each compiled spec and checks that every term (decimals, times, zones, units,
 * roundings, counts such as minimum sources, fallback levels, descriptions and references) appears in the text,
 * and a jargon test checks that no word of the language or of programming does.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDocument, renderContract, toMarkdown } from "../../../src/backends/legal/index.js";
import { clockTime, figure, longDate, shortTime } from "../../../src/backends/legal/words.js";
import { restates } from "../../../src/backends/legal/descriptions.js";
import { setOutContracts } from "../../../src/backends/legal/definitions.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const COMPILED = join(ROOT, "test/cases/compiled/contracts");
const AS_OF = "2026-01-15";
const specs: [string, Spec][] = readdirSync(COMPILED)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => [f.slice(0, -5), loadSpec(readFileSync(join(COMPILED, f), "utf8"))]);

describe("render goldens", () => {
  for (const [name, spec] of specs) {
    it(`${name}.md`, async () => {
      await expect(renderContract(spec, "md", { asOf: AS_OF })).toMatchFileSnapshot(join(ROOT, "test/cases/render", `${name}.md`));
    });
    it(`${name}.html`, async () => {
      await expect(renderContract(spec, "html", { asOf: AS_OF })).toMatchFileSnapshot(join(ROOT, "test/cases/render", `${name}.html`));
    });
  }
});

/** Keys whose values are said in words (month and weekday names, bounds, kinds), not in figures. */
const WORDED = new Set([
  "kind",
  "month",
  "months",
  "weekday",
  "weekend",
  "n",
  "day",
  "offsetDays",
  "monthOffset",
  "relation",
  "mode",
  "priceLimitBreach",
  "direction",
  "convention",
  "whenNotBusinessDay",
  "side",
  "scope",
  "action",
  "unit",
  "name",
  "condition",
  "only",
  "fromBound",
  "toBound",
  "exactHalf",
  "weightedBy",
  "period",
  "party",
  "method",
  "emptyIntervals",
  "exercise",
  "rights",
  "scale",
  "currency",
  "dimensions",
  "format",
  "schemaVersion",
  "compiler",
  "subject",
  "perInterval",
  "flagged",
  "negativePrices",
  "mode",
  "priceLimitBreach",
  // What selects the rule versions, said as "governed … by the version of each rule … in force on the first day".
  "versionsSelectedBy",
  // A payment's anchor, said as "after the final settlement day" or "after the Last Trading Day".
  "after",
  // A named day's observance, said as "on a Saturday it is observed on the Friday before".
  "saturday",
  "sunday",
]);

/** Every term of a value that must appear in the text, with the path it came from. */
function terms(value: unknown, path: string, key: string, out: [string, string][]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => terms(v, `${path}[${i}]`, key, out));
    return;
  }
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    // A unit's canonical text appears whole; its dimensions and scale are not said separately.
    if (typeof o.text === "string" && "dimensions" in o) {
      out.push([o.text, `${path}.text`]);
      return;
    }
    for (const [k, v] of Object.entries(o)) {
      if (k === "contentHash" || k === "calendars") continue;
      if (k === "effective") {
        for (const r of v as { from: string | null; until: string | null }[]) {
          if (r.from !== null) out.push([longDate(r.from), `${path}.effective.from`]);
          if (r.until !== null) out.push([longDate(r.until), `${path}.effective.until`]);
        }
        continue;
      }
      terms(v, `${path}.${k}`, k === "value" ? key : k, out);
    }
    return;
  }
  if (WORDED.has(key)) return;
  if (typeof value === "string") {
    // A time is written on the clock of its zone: 16:00 in London, 4:00 p.m. in New York.
    if (/^\d{2}:\d{2}:\d{2}$/.test(value)) out.push([`${shortTime(value)}|${clockTime(value, "America/New_York")}`, path]);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) out.push([longDate(value), path]);
    else out.push([figure(value), path]);
  } else if (typeof value === "number") out.push([key === "fromYear" || key === "untilYear" ? String(value) : figure(value), path]);
}

/** Whether a text contains a term (one of its `|`-separated forms). */
const has = (text: string, term: string): boolean => term.split("|").some((t) => text.includes(t));

describe("every term of the spec appears in the rendering", () => {
  for (const [name, spec] of specs) {
    it(name, () => {
      const md = toMarkdown(buildDocument(spec, { asOf: AS_OF })).replace(/\\([*<`\\|])/g, "$1");
      const html = renderContract(spec, "html", { asOf: AS_OF });
      const found: [string, string][] = [];
      // The contracts the chapter sets out: one named only by a position limit `aggregated with` it keeps its terms
      // in its own chapter (the spec carries it for its schedule).
      const setOut = Object.fromEntries(
        Object.keys(spec.contracts).length === 0 || !Object.hasOwn(spec.contracts, spec.subject.name)
          ? Object.entries(spec.contracts)
          : setOutContracts(spec, spec.subject.name).map((c) => [c.name, c]),
      );
      terms({ contracts: setOut, indices: spec.indices }, "spec", "", found);
      // A description that only restates a clause's generated sentences is left out of it: the rule is stated once.
      const doc = buildDocument(spec, { asOf: AS_OF });
      const generated = doc.sections.flatMap((s) =>
        s.clauses.map((c) =>
          c.blocks
            .filter((b) => !(b.kind === "paragraph" && b.authored === true))
            .map((b) => (b.kind === "paragraph" ? b.text : b.kind === "list" ? b.items.join(" ") : b.rows.flat().join(" ")))
            .join(" "),
        ),
      );
      const restated = ([t, p]: [string, string]) => /\.descriptions\[\d+\]$/.test(p) && generated.some((g) => restates(t, g));
      const missing = found.filter((f) => !has(md, f[0]) && !restated(f)).map(([t, p]) => `${p}: ${t}`);
      expect(missing).toEqual([]);
      // Every fallback level is numbered.
      for (const c of Object.values(spec.contracts))
        for (const f of c.fallback) f.value.steps.forEach((_, i) => expect(md).toContain(`Level ${i + 1}:`));
      const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
      expect(found.filter((f) => !has(html, esc(f[0])) && !restated(f)).map(([t, p]) => `${p}: ${t}`)).toEqual([]);
    });
  }
  it("calendar holidays appear by name", () => {
    for (const [, spec] of specs) {
      const md = renderContract(spec, "md", { asOf: AS_OF });
      for (const c of Object.values(spec.calendars)) for (const h of c.holidays) expect(md).toContain(h.name.replace(/([*<`\\])/g, "\\$1"));
    }
  });
});

describe("no jargon", () => {
  const JARGON =
    /\b(half-even|half-up|half-down|half-toward|null|undefined|true|false|vwap|trimmed-mean|capped-median|weighted-mean|volume-weighted-median|lastWeekday|nthWeekday|monthOffset|businessDays|modified-following|index-at|leg-by-leg|carry-forward|not-published|too-few-sources|NaN)\b/;
  for (const [name, spec] of specs) {
    it(name, () => {
      const doc = buildDocument(spec, { asOf: AS_OF });
      // Only the generated sentences: descriptions written by the contract's authors are quoted as they are.
      const authored = new Set<string>();
      const collect = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v !== null && typeof v === "object")
          for (const [k, x] of Object.entries(v)) {
            if (k === "descriptions") (x as string[]).forEach((d) => authored.add(d));
            else collect(x);
          }
      };
      collect(spec);
      for (const s of doc.sections)
        for (const c of s.clauses)
          for (const b of c.blocks) {
            const texts = b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : b.rows.flat();
            for (const t of texts) {
              let stripped = t;
              for (const a of authored) stripped = stripped.split(a).join("");
              expect(stripped, `${name} ${c.number}`).not.toMatch(JARGON);
            }
          }
    });
  }
});
