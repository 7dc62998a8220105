/**
 * Tests of the diff backend: pairs of spec versions (a compiled spec from test/cases/compiled and the same spec
 * with one kind of change applied) compared as of a fixed date. Each case asserts the kinds of change found and
 * the contract months affected, and keeps the Markdown output as a golden file in test/cases/diff/<case>.md
 * (`vitest -u` updates them); one case also keeps the HTML and JSON outputs.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffSpecs, renderDiff, wordDiff } from "../../../src/backends/diff/index.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const load = (name: string): Spec => loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8"));
const AS_OF = "2026-01-15";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Case {
  readonly name: string;
  readonly spec: string;
  readonly change: (s: Json) => void;
  /** The kinds of the changes found, in order. */
  readonly kinds: readonly ("economic" | "editorial")[];
  /** A phrase the first change says. */
  readonly says: string;
  /** Symbols of the contract months expected to be affected. */
  readonly months: readonly string[];
}

const ALL_FOTI_2026 = [
  "FOTI-F26",
  "FOTI-G26",
  "FOTI-H26",
  "FOTI-J26",
  "FOTI-K26",
  "FOTI-M26",
  "FOTI-N26",
  "FOTI-Q26",
  "FOTI-U26",
  "FOTI-V26",
  "FOTI-X26",
  "FOTI-Z26",
];

const CASES: readonly Case[] = [
  {
    name: "tick",
    spec: "FOTI",
    change: (s) => (s.contracts.FOTI.tick[0].value[0].tick.amount = "0.0005"),
    kinds: ["economic"],
    says: "The minimum price fluctuation of the FOTI contract changes from USD 0.001 per 1M tokens to USD 0.0005 per 1M tokens.",
    months: ALL_FOTI_2026,
  },
  {
    name: "contract-unit",
    spec: "FOTI",
    change: (s) => (s.contracts.FOTI.contractUnit[0].value.quantity.amount = "500"),
    kinds: ["economic"],
    says: "changes from 1,000 million tokens to 500 million tokens",
    months: ALL_FOTI_2026,
  },
  {
    name: "source-removed",
    spec: "FOTI",
    change: (s) => (s.indices.AITOK_OUT.sources = s.indices.AITOK_OUT.sources.filter((x: Json) => x.value.name !== "XAI")),
    kinds: ["economic"],
    says: "Source XAI is removed from the AITOK_OUT index.",
    months: ALL_FOTI_2026,
  },
  {
    name: "source-added",
    spec: "FOTI",
    change: (s) => {
      const src = structuredClone(s.indices.AITOK_OUT.sources[0]);
      src.value.name = "COHERE";
      src.value.title = "Cohere API list prices";
      src.effective = [{ from: "2026-07-01", until: null }];
      s.indices.AITOK_OUT.sources.push(src);
    },
    kinds: ["economic"],
    says: "Source COHERE is added to the sources of the AITOK_OUT index, in force from 1 July 2026.",
    months: ["FOTI-N26", "FOTI-Q26", "FOTI-U26", "FOTI-V26", "FOTI-X26", "FOTI-Z26"],
  },
  {
    name: "rounding-mode",
    spec: "FOTI",
    change: (s) => (s.contracts.FOTI.finalSettlement[0].value.rounding.mode = "half-up"),
    kinds: ["economic"],
    says: "with exact halves rounded to the even neighbour to AITOK_OUT at 16:00 London time, rounded to the nearest 0.001, with exact halves rounded away from zero",
    months: ALL_FOTI_2026,
  },
  {
    name: "fallback-step-removed",
    spec: "FOTI",
    change: (s) => s.contracts.FOTI.fallback[0].value.steps.splice(2, 1),
    kinds: ["economic"],
    says: "Fallback level 3 (the last published value within 5 business days, flagged) is removed from the FOTI contract; the levels after it move up.",
    months: ALL_FOTI_2026,
  },
  {
    name: "termination-version",
    spec: "FOTI",
    change: (s) => {
      const t = s.contracts.FOTI.termination;
      const later = structuredClone(t[0]);
      t[0].effective = [{ from: null, until: "2026-06-30" }];
      later.effective = [{ from: "2026-07-01", until: null }];
      later.value.time = "17:00:00";
      t.push(later);
    },
    kinds: ["economic", "economic"],
    says: "is now in force until 30 June 2026 instead of always",
    months: ["FOTI-N26", "FOTI-Q26", "FOTI-U26", "FOTI-V26", "FOTI-X26", "FOTI-Z26"],
  },
  {
    name: "holiday-added",
    spec: "FOTI",
    change: (s) =>
      s.calendars.ENGLAND_WALES.holidays.push({
        name: "Exchange closure",
        date: { kind: "oneOff", dates: ["2026-06-26"] },
        observance: { kind: "none" },
        exceptYears: [],
        descriptions: [],
        clauses: [],
      }),
    kinds: ["economic"],
    says: 'Holiday "Exchange closure" is added to the ENGLAND_WALES calendar: 26 June 2026.',
    months: ["FOTI-M26"],
  },
  {
    name: "description-only",
    spec: "FOTI",
    change: (s) =>
      (s.contracts.FOTI.tick[0].descriptions = ["The minimum price fluctuation is one tenth of a US cent per million tokens."]),
    kinds: ["editorial"],
    says: "The wording, references or title of the minimum price fluctuation of the FOTI contract change; the terms do not.",
    months: [],
  },
  {
    name: "reference-only",
    spec: "FOTI",
    change: (s) => (s.contracts.FOTI.clauses = ["Chapter 1201"]),
    kinds: ["editorial"],
    says: 'The rulebook references of the FOTI contract changes from "Chapter 1101" to "Chapter 1201".',
    months: [],
  },
  {
    name: "minimum-sources",
    spec: "FOTI",
    change: (s) => (s.indices.AITOK_OUT.minimumSources[0].value = 4),
    kinds: ["economic"],
    says: "The minimum sources of the AITOK_OUT index changes from 3 eligible sources to 4 eligible sources.",
    months: ALL_FOTI_2026,
  },
  {
    name: "last-trading-day",
    spec: "FOTI",
    change: (s) => (s.contracts.FOTI.lastTradingDay[0].value.rule.anchor = { kind: "nthWeekday", n: 3, weekday: 5 }),
    kinds: ["economic"],
    says: "from the last Friday of the contract month",
    months: ALL_FOTI_2026,
  },
  {
    name: "window",
    spec: "BTC",
    change: (s) => (s.indices.BTC_REF.window[0].value.from = "15:30:00"),
    kinds: ["economic"],
    says: "The window of the BTC_REF index changes from 15:00:00 (included) to 16:00:00 (excluded) Europe/London time to 15:30:00 (included)",
    months: [
      "BTC-F26",
      "BTC-G26",
      "BTC-H26",
      "BTC-J26",
      "BTC-K26",
      "BTC-M26",
      "BTC-N26",
      "BTC-Q26",
      "BTC-U26",
      "BTC-V26",
      "BTC-X26",
      "BTC-Z26",
    ],
  },
  {
    name: "identical",
    spec: "FOTI",
    change: () => undefined,
    kinds: [],
    says: "",
    months: [],
  },
];

describe("diff cases", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const oldSpec = load(c.spec);
      const newSpec: Json = structuredClone(oldSpec);
      c.change(newSpec);
      const d = diffSpecs(oldSpec, newSpec as Spec, { asOf: AS_OF });
      expect(d.changes.map((x) => x.kind)).toEqual(c.kinds);
      if (c.says !== "") expect(d.changes[0]!.text).toContain(c.says);
      expect(d.months.map((m) => m.symbol)).toEqual(c.months);
      if (c.kinds.length === 0) expect(d.redline).toEqual([]);
      else expect(d.redline.length).toBeGreaterThan(0);
      await expect(renderDiff(oldSpec, newSpec as Spec, "md", { asOf: AS_OF })).toMatchFileSnapshot(
        join(ROOT, "test/cases/diff", `${c.name}.md`),
      );
    });
  }

  it("HTML and JSON outputs", async () => {
    const oldSpec = load("FOTI");
    const newSpec: Json = structuredClone(oldSpec);
    CASES[0]!.change(newSpec);
    CASES[7]!.change(newSpec);
    const html = renderDiff(oldSpec, newSpec as Spec, "html", { asOf: AS_OF });
    expect(html).toContain("<del>0.001</del>");
    await expect(html).toMatchFileSnapshot(join(ROOT, "test/cases/diff/tick-and-holiday.html"));
    await expect(renderDiff(oldSpec, newSpec as Spec, "json", { asOf: AS_OF })).toMatchFileSnapshot(
      join(ROOT, "test/cases/diff/tick-and-holiday.json"),
    );
  });
});

describe("wordDiff", () => {
  it("keeps the common words and marks the rest, the deletion before the insertion (as a redline reads)", () => {
    expect(wordDiff("tick is 0.01 USD", "tick is 0.005 USD")).toEqual([
      { op: "same", text: "tick is " },
      { op: "del", text: "0.01" },
      { op: "ins", text: "0.005" },
      { op: "same", text: " USD" },
    ]);
  });
});
