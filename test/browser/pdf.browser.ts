/**
 * `termsheet render --format pdf` in the system's headless Chromium (Debian's `chromium`; TERMSHEET_CHROMIUM or
 * CHROMIUM_PATH names another): the PDF is read back with PDF.js (pdfjs-dist) for its page count and its text, two
 * renderings of the same spec are byte-identical, and every offset of the cross-reference table still points at its
 * object after the time stamps were fixed. Run with `npm run test:browser`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXED_PDF_DATE } from "../../src/cli/pdf.js";
import { runIn } from "../helpers/system.js";
import { repoRoot } from "../helpers/paths.js";

const CHROMIUM = process.env.TERMSHEET_CHROMIUM ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const dir = mkdtempSync(join(tmpdir(), "termsheet-pdf-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(spec: string, out: string, ...more: string[]): Promise<Uint8Array> {
  const r = await runIn(
    ["render", `test/cases/compiled/contracts/${spec}.json`, "--format", "pdf", "--as-of", "2026-01-15", "--out", out, ...more],
    repoRoot,
    { TERMSHEET_CHROMIUM: CHROMIUM },
  );
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return new Uint8Array(readFileSync(out));
}

/** The pages' text as PDF.js reads it, one string per page, whitespace collapsed. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((x) => ("str" in x ? x.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown> };
}

describe("render --format pdf through headless Chromium", () => {
  it("prints the FOTI chapter: several A4 pages holding its text, the same bytes twice", async () => {
    const a = await render("FOTI", join(dir, "a.pdf"));
    const b = await render("FOTI", join(dir, "b.pdf"));
    expect(Buffer.from(a).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const { pages, info } = await readPdf(a);
    expect(pages.length).toBeGreaterThan(3);
    const all = pages.join(" ");
    expect(pages[0]).toContain("FOTI: AI Token Output Price Futures");
    expect(all).toContain("The minimum price fluctuation (the tick) is USD 0.001 per 1M tokens.");
    expect(all).toContain("The tick value is USD 1.00 per contract.");
    // The last row of the contract-months table, on a later page than the title.
    expect(pages.slice(1).join(" ")).toContain("FOTI-Z26");
    expect(info.Title).toBe("FOTI: AI Token Output Price Futures");
    expect(info.CreationDate).toBe(`D:${FIXED_PDF_DATE}+00'00'`);
    expect(info.ModDate).toBe(`D:${FIXED_PDF_DATE}+00'00'`);
  });

  it("keeps the cross-reference table right after fixing the stamps: each offset starts its object", async () => {
    const pdf = Buffer.from(await render("FOTI_OPT", join(dir, "opt.pdf"), "--layout", "rulebook")).toString("latin1");
    const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf)?.[1]);
    expect(pdf.slice(start, start + 4)).toBe("xref");
    const table = /^xref\s+(\d+)\s+(\d+)\s+/.exec(pdf.slice(start))!;
    const first = Number(table[1]);
    const entries = pdf
      .slice(start + table[0].length)
      .split("\n")
      .slice(0, Number(table[2]));
    let checked = 0;
    entries.forEach((line, i) => {
      const [offset, , kind] = line.trim().split(" ");
      if (kind !== "n") return;
      expect(pdf.slice(Number(offset)).startsWith(`${first + i} 0 obj`), `object ${first + i} at ${offset}`).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
    const { pages } = await readPdf(new Uint8Array(Buffer.from(pdf, "latin1")));
    expect(pages.join(" ")).toContain("A put with strike price");
  });
});
