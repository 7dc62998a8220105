/**
 * The redline shows an author's description that did not change while the terms it describes did (issue 19): the
 * reviewer's case, FOTI's tick changed from 0.001 to 0.002 with "Minimum price fluctuation USD 0.001 per 1M tokens"
 * left as it was, in the comparison's data and in its Markdown and HTML.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffSpecs, renderDiff } from "../../../src/backends/diff/index.js";
import { contentHash } from "../../../src/model/canonical.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const raw = () => JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts/FOTI.json"), "utf8"));
const spec = (j: { contentHash: string }): Spec => {
  j.contentHash = contentHash(j);
  return loadSpec(JSON.stringify(j));
};

describe("descriptions left behind by a change of terms", () => {
  const old = spec(raw());
  const j = raw();
  j.contracts.FOTI.tick[0].value[0].tick.amount = "0.002";
  const changed = spec(j);

  it("are listed with the figures the new terms contradict", () => {
    const d = diffSpecs(old, changed, { asOf: "2026-01-15" });
    expect(d.stale).toEqual([
      {
        number: "2.4",
        title: "Contract specifications: Minimum price fluctuation",
        description: "Minimum price fluctuation USD 0.001 per 1M tokens, a tick value of USD 1.00 per contract.",
        contradicts: [
          "USD 0.001 per 1M tokens where the terms state USD 0.002 per 1M tokens",
          "USD 1.00 per contract where the terms state USD 2.00 per contract",
        ],
      },
    ]);
  });

  it("are printed beside their clause in the redline", () => {
    const md = renderDiff(old, changed, "md", { asOf: "2026-01-15" });
    expect(md).toContain(
      '> The description "Minimum price fluctuation USD 0.001 per 1M tokens, a tick value of USD 1.00 per contract." did not change while the terms of this clause did; it states USD 0.001 per 1M tokens where the terms state USD 0.002 per 1M tokens and USD 1.00 per contract where the terms state USD 2.00 per contract.',
    );
    expect(renderDiff(old, changed, "html", { asOf: "2026-01-15" })).toMatch(
      /<p class="stale">The description &quot;Minimum price fluctuation/,
    );
  });

  it("are not reported when only the description changed", () => {
    const k = raw();
    k.contracts.FOTI.tick[0].descriptions = ["Minimum price fluctuation USD 0.001 per 1M tokens."];
    expect(diffSpecs(old, spec(k), { asOf: "2026-01-15" }).stale).toEqual([]);
  });
});

describe("the HTML redline", () => {
  const old = spec(raw());
  const j = raw();
  j.contracts.FOTI.tick[0].value[0].tick.amount = "0.002";
  const changed = spec(j);

  it("prints the deletion before the insertion and says from which contract period the change applies", () => {
    const html = renderDiff(old, changed, "html", { asOf: "2026-01-15" });
    expect(html).toContain("is USD <del>0.001</del><ins>0.002</ins> per 1M tokens.");
    expect(html).toContain(
      '<p class="applies">The changes apply from the FOTI-F26 contract period, the first whose dates or settlement terms change.</p>',
    );
  });

  it("shows the full marked-up chapter with --full", () => {
    const some = diffSpecs(old, changed, { asOf: "2026-01-15" }).redline;
    const all = diffSpecs(old, changed, { asOf: "2026-01-15", full: true }).redline;
    expect(some.every((c) => c.status !== "unchanged")).toBe(true);
    expect(all.filter((c) => c.status !== "unchanged")).toEqual(some);
    // Every clause of the chapter but the contract months table is in it.
    expect(all.map((c) => c.number)).toContain("1.1");
    expect(all.length).toBeGreaterThan(30);
  });
});
