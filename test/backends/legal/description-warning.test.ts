/**
 * W5014: an author's description that states a figure its statement contradicts (issue 19), through the driver
 * with the real spec files: the reviewer's case (FOTI's tick changed from 0.001 to 0.002 under the description
 * "Minimum price fluctuation USD 0.001 per 1M tokens"), a time in a zone and a count, with both spans; and no
 * warning on any file of specs/. The comparison itself is unit-tested on stated facts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { descriptionConflicts, statedFacts } from "../../../src/base/stated-facts.js";
import { checkSources, type Host } from "../../../src/driver.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".terms") ? [join(dir, e.name)] : [],
  );
const ALL = files("specs");
const host = (edit: (path: string, text: string) => string): Host => ({
  readFile: (p) => {
    try {
      return edit(p, readFileSync(join(ROOT, p), "utf8"));
    } catch {
      return undefined;
    }
  },
  resolveImport: (from, p) => relative(ROOT, join(ROOT, dirname(from), p)),
});
function check(root: string, edit: (path: string, text: string) => string = (_p, t) => t) {
  const h = host(edit);
  const r = checkSources([{ path: root, text: h.readFile(root) as string }], h);
  return r.diagnostics
    .filter((d) => d.code === "W5014")
    .map((d) => {
      const s = r.sources.get(d.span.file)!;
      const at = (o: number) => `${s.position(o).line}:${s.position(o).column}`;
      const l = d.labels![0]!;
      return {
        at: `${at(d.span.start)}-${at(d.span.end)}`,
        said: s.text.slice(d.span.start, d.span.end),
        terms: s.text.slice(l.span.start, l.span.end),
        message: d.message,
        severity: d.severity,
      };
    });
}

describe("W5014 description contradicts its terms", () => {
  it("warns on the reviewer's case with the description's span and the statement's", () => {
    const w = check("specs/contracts/foti.terms", (p, t) =>
      p.endsWith("foti.terms") ? t.replace("tick 0.001 USD per 1M tokens", "tick 0.002 USD per 1M tokens") : t,
    );
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      said: '"Minimum price fluctuation USD 0.001 per 1M tokens, a tick value of USD 1.00 per contract."',
      terms: "tick 0.002 USD per 1M tokens",
      severity: "warning",
      message: "the description states USD 0.001 per 1M tokens, but the terms it describes state 0.002 USD per 1M tokens",
    });
  });

  it("warns on a time in the same zone and on a count", () => {
    const w = check("specs/contracts/foti.terms", (p, t) =>
      p.endsWith("foti.terms")
        ? t
            .replace("at AITOK_OUT at 16:00 Europe/London on the last", "at AITOK_OUT at 16:30 Europe/London on the last")
            .replace("flagged if published within 5 business days", "flagged if published within 4 business days")
        : t,
    );
    expect(w.map((x) => x.message)).toEqual([
      "the description states 16:00 London time, but the terms it describes state 16:30 Europe/London",
      "the description states 5 London business days, but the terms it describes state 4 business days",
    ]);
  });

  it("does not warn on any spec file", () => {
    for (const f of ALL) expect(check(f), f).toEqual([]);
  });
});

describe("stated facts", () => {
  it("reads amounts with units, percentages, counts, durations, times with zone and role, dates", () => {
    expect(
      statedFacts(
        "USD 0.001 per 1M tokens; 25%; 2,000 contracts; 60 minutes; by 18:00 London time; 4:00 p.m. New York time; 1 January 2026",
      ).map((f) => `${f.key}=${f.value}`),
    ).toEqual([
      "money USD per 1000000 token=0.001",
      "percent=25",
      "count contract=2000",
      "duration=3600",
      "time by london=18:00:00",
      "time at new york=16:00:00",
      "date=2026-01-01",
    ]);
  });

  it("compares only kinds the terms state, and a time only with a time of the same zone and role", () => {
    expect(descriptionConflicts("within 60 minutes", "round to 0.01")).toEqual([]);
    expect(descriptionConflicts("in New York this is 11:00", "terminates at 16:00 Europe/London")).toEqual([]);
    expect(descriptionConflicts("published by 16:15 London time", "publish at 16:00 Europe/London")).toEqual([]);
    expect(descriptionConflicts("more than 30%", "exclude sources deviating more than 25%")).toHaveLength(1);
    expect(descriptionConflicts("more than 0.10%", "restated if it changes by more than 0.1%")).toEqual([]);
    // Dates: only a date a rule is in force from or until is a term; "reopened on 17 September 2001" is not.
    expect(descriptionConflicts("reopened on 17 September 2001", "holiday on 2001-09-11")).toEqual([]);
    expect(descriptionConflicts("Adds xAI from 1 January 2026.", "methodology 1.1 effective from 2026-02-01")[0]?.stated.text).toBe(
      "1 January 2026",
    );
  });
});
