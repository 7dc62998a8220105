/**
 * `settle --format html`: the certificate as an HTML page with a chart of the values the index certificate used and
 * excluded and the settlement value drawn (src/runtime/functions/chart.ts). The case is the settlement suite's
 * FOTI final-from-observations, whose note works the values out by hand: TOGETHER stale, XAI (15) more than 25% from
 * the median of the others, the final settlement price 10.05. Screenshot in Chromium: test/browser/render.browser.ts.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runIn } from "./helpers.js";

const CASE = join(repoRoot, "test/cases/settlement/FOTI/final-from-observations");
const ARGS = ["settle", "../../../compiled/contracts/FOTI.json", "--contract", "FOTI-H26", "--observations", "observations.csv"];

describe("settle --format html", () => {
  it("prints the certificate's words and a labelled chart with the excluded points marked and the price drawn", async () => {
    const r = await runIn([...ARGS, "--format", "html"], CASE);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const html = r.stdout;
    const text = (await runIn(ARGS, CASE)).stdout;
    // The readable certificate word for word (HTML-escaped only).
    expect(html).toContain(`<pre>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</pre>`);
    const svg = /<svg\b[^>]*>[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-labelledby="chart-1-title" aria-describedby="chart-1-desc"/);
    expect(svg).toContain('<title id="chart-1-title">AITOK_OUT on 2026-03-27: the values used and excluded</title>');
    const points = [...svg.matchAll(/<g aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(points).toEqual([
      "AITOK_OUT before rounding: 10.05",
      "Final settlement price: 10.05",
      "OPENAI: 10, used",
      "ANTHROPIC: 10.6, used",
      "GOOGLE: 10.2, used",
      "MISTRAL: 9.8, used",
      "DEEPSEEK: 9.9, used",
      "TOGETHER: 10.3, excluded (stale)",
      "AWS_BEDROCK: 10.1, used",
      "XAI: 15, excluded (deviation)",
    ]);
    // Two excluded points drawn hollow with a cross, and the legend's; the settlement price a solid line.
    expect([...svg.matchAll(/fill="#fff" stroke="#b22222"/g)]).toHaveLength(3);
    expect([...svg.matchAll(/<path d="M[^"]+" stroke="#b22222"/g)]).toHaveLength(2);
    expect(svg).toMatch(/<line [^>]*stroke="#1f4e79" stroke-width="2"\/>/);
    // Deterministic.
    expect((await runIn([...ARGS, "--format", "html"], CASE)).stdout).toBe(html);
  });

  it("places each point by its value: the highest at the top of the plot, the lowest at the bottom", async () => {
    const svg = (await runIn([...ARGS, "--format", "html"], CASE)).stdout;
    const cy = (name: string) => Number(new RegExp(`aria-label="${name}: [^"]+">\\n<circle cx="[\\d.]+" cy="([\\d.]+)"`).exec(svg)![1]);
    // By hand: values 9.8 … 15, padded by a tenth of the range (0.52): the plot spans 9.28 to 15.52 over 220 px from
    // y = 16, so y(v) = 16 + (15.52 - v) / 6.24 × 220: XAI 15 → 34.33, MISTRAL 9.8 → 217.67.
    expect(cy("XAI")).toBeCloseTo(34.33, 1);
    expect(cy("MISTRAL")).toBeCloseTo(217.67, 1);
  });
});
