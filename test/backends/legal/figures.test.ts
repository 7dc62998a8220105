/**
 * The pictures of the readable contract (issue 19): the expiry calendar and the methodology diagram are inline SVG in
 * the HTML chapter, accessible (role img, named by its title and described by its description, a label on each month
 * and each step), deterministic, with coordinates from the data, and saying what the engine says (the holidays that
 * moved a last trading day, found by hand below). Screenshots in Chromium: test/browser/render.browser.ts.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDocument, renderContract } from "../../../src/backends/legal/index.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const AS_OF = "2026-01-15";
const load = (name: string): Spec => loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8"));
const svgs = (html: string) => [...html.matchAll(/<svg\b[^>]*>[\s\S]*?<\/svg>/g)].map((m) => m[0]);

describe("pictures in the HTML chapter", () => {
  const html = renderContract(load("FOTI"), "html", { asOf: AS_OF });

  it("every SVG is an accessible image: role img, named by its title and described by its description", () => {
    const all = svgs(html);
    expect(all.length).toBe(3);
    for (const s of all) {
      const id = /<svg[^>]*\bid="([^"]+)"/.exec(s)![1]!;
      expect(s).toMatch(/<svg[^>]*role="img"/);
      expect(s).toContain(`aria-labelledby="${id}-title" aria-describedby="${id}-desc"`);
      expect(s).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
      expect(s).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
      // Self-contained: no script, no reference outside the page.
      expect(s).not.toMatch(/<script|href="http|xlink:href/);
    }
    expect(html).toContain('<figure class="picture">');
    expect(html).toContain("<figcaption>Expiry calendar of FOTI</figcaption>");
  });

  it("the expiry calendar: a labelled row per listed month, the last trading day where the data puts it", () => {
    const cal = svgs(html).find((s) => s.includes('id="expiry-calendar-FOTI"'))!;
    const rows = [...cal.matchAll(/<g aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toHaveLength(12);
    // By hand: the last Friday of December 2026 is the 25th, Christmas Day, an England and Wales bank holiday; the
    // preceding business day is Thursday 24 December. January 2026's last Friday, the 30th, is a business day.
    expect(rows[11]).toBe("Dec 2026: last trading day Thursday 24 December 2026, moved from Friday 25 December 2026 by Christmas Day");
    expect(rows[0]).toBe("Jan 2026: last trading day Friday 30 January 2026");
    expect(cal).toContain("Moved by holidays: Dec 2026, moved from Friday 25 December 2026 by Christmas Day.");
    // Day d of row r is drawn at x = 96 + 20 (d - 1) + 1, y = 34 + 26 r + 2: the 24th of the 12th row is filled.
    expect(cal).toContain('<rect x="557" y="322" width="18" height="20" fill="#1f4e79"');
    // The holidays are marked with their names: 25, 26 (Boxing Day, a Saturday: its substitute is Monday 28).
    expect(cal).toContain("<title>25 December 2026: Christmas Day</title>");
    expect(cal).toContain("<title>28 December 2026: Boxing Day</title>");
  });

  it("the weekly expiry calendar shows Good Friday moving a Friday expiry", () => {
    const cal = svgs(renderContract(load("FOTW"), "html", { asOf: AS_OF })).find((s) => s.includes("expiry-calendar-FOTW"))!;
    // By hand: Easter Sunday 2026 is 5 April, so Good Friday is 3 April; that week's contract ends on Thursday 2 April.
    expect(cal).toContain("FOTW-26W14: last trading day Thursday 2 April 2026, moved from Friday 3 April 2026 by Good Friday");
  });

  it("the methodology diagram: sources, each calculation step and publication, in the clauses' words", () => {
    const doc = buildDocument(load("FOTI"), { asOf: AS_OF });
    const section = doc.sections.find((s) => s.title.startsWith("Index methodology: AITOK_OUT "))!;
    const fig = section.clauses.find((c) => c.title === "Description")!.figure!;
    const steps = [...fig.svg.matchAll(/<g aria-label="Step (\d+), ([^:]+):/g)].map((m) => `${m[1]} ${m[2]}`);
    const calc = section.clauses
      .filter((c) => c.title.startsWith("Calculation step"))
      .map((c) => c.title.replace(/^Calculation step \d+: /, ""));
    expect(steps).toEqual([
      "1 Sources",
      ...calc.map((t, i) => `${i + 2} ${t[0]!.toUpperCase()}${t.slice(1)}`),
      `${calc.length + 2} Publication`,
    ]);
    expect(fig.svg).toContain("8 sources: OPENAI, ANTHROPIC, GOOGLE, MISTRAL, DEEPSEEK, TOGETHER, AWS_BEDROCK, XAI.");
    expect(fig.svg).toContain("No value is fixed with fewer than 3 eligible sources.");
    // One arrow between each two boxes.
    expect([...fig.svg.matchAll(/<line /g)]).toHaveLength(steps.length - 1);
  });

  it("is deterministic and leaves Markdown as it was (the words say the same)", () => {
    expect(renderContract(load("FOTI"), "html", { asOf: AS_OF })).toBe(html);
    expect(renderContract(load("FOTI"), "md", { asOf: AS_OF })).not.toContain("<svg");
  });
});
