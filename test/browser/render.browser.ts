/**
 * Browser test of the readable contract: every golden HTML rendering (test/cases/render/*.html) and a diff page
 * are opened in headless Chromium (Debian's `chromium`, driven by playwright-core with `executablePath`), laid out
 * for print on A4, checked for horizontal overflow, printed to PDF, and their structure checked: one title,
 * numbered sections in order, every clause numbered within its section with its number in `data-clause`, tables
 * with a header cell per column. Run with `npm run test:browser`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { runIn } from "../helpers/system.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The page functions run in the browser. Their DOM is typed loosely here so that the DOM library stays out of the
// project's types (a lib reference would apply to every file of the compilation).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const RENDER = join(ROOT, "test/cases/render");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
});

interface Structure {
  readonly h1: number;
  readonly sections: readonly { number: string; heading: string; clauses: readonly { dataClause: string; heading: string }[] }[];
  readonly tables: readonly { head: number; rows: readonly number[] }[];
  readonly overflow: readonly string[];
  readonly external: number;
}

async function inspect(html: string): Promise<{ structure: Structure; pdf: Buffer }> {
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  try {
    // Everything is inline: any request would be a bug, so every request is refused.
    let requests = 0;
    await page.route("**/*", (route) => {
      requests++;
      return route.abort();
    });
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const structure = await page.evaluate(() => {
      const text = (e: Node) => (e?.textContent ?? "").replace(/\s+/g, " ").trim();
      const sections = [...document.querySelectorAll("section.chapter")].map((s: Node) => ({
        number: text(s.querySelector("h2 .num")),
        heading: text(s.querySelector("h2")),
        clauses: [...s.querySelectorAll("section.clause")].map((c: Node) => ({
          dataClause: c.getAttribute("data-clause") ?? "",
          heading: text(c.querySelector("h3")),
        })),
      }));
      const tables = [...document.querySelectorAll("table")].map((t: Node) => ({
        head: t.querySelectorAll("thead th").length,
        rows: [...t.querySelectorAll("tbody tr")].map((r: Node) => r.querySelectorAll("td").length),
      }));
      const overflow: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth + 1) overflow.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
      for (const e of document.querySelectorAll("table, p, li, h1, h2, h3")) {
        const parent = e.parentElement!;
        if (e.scrollWidth > parent.clientWidth + 1)
          overflow.push(`${e.tagName} ${e.scrollWidth} > ${parent.clientWidth}: ${text(e).slice(0, 60)}`);
      }
      return { h1: document.querySelectorAll("h1").length, sections, tables, overflow };
    });
    const pdf = await page.pdf({ format: "A4", printBackground: false, preferCSSPageSize: true });
    return { structure: { ...structure, external: requests }, pdf };
  } finally {
    await page.close();
  }
}

const files = readdirSync(RENDER)
  .filter((f) => f.endsWith(".html"))
  .sort();

describe("rendered contracts in Chromium", () => {
  it("has a rendering to check", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file, async () => {
      const { structure: s, pdf } = await inspect(readFileSync(join(RENDER, file), "utf8"));
      expect(s.external).toBe(0);
      expect(s.h1).toBe(1);
      expect(s.overflow).toEqual([]);
      // Sections numbered 1, 2, 3… in order; clauses n.1, n.2… within section n, the number shown and in data-clause.
      expect(s.sections.map((x) => x.number)).toEqual(s.sections.map((_, i) => `${i + 1}.`));
      for (const [i, sec] of s.sections.entries()) {
        expect(sec.clauses.length).toBeGreaterThan(0);
        sec.clauses.forEach((c, j) => {
          expect(c.dataClause).toBe(`${i + 1}.${j + 1}`);
          expect(c.heading.startsWith(`${i + 1}.${j + 1} `)).toBe(true);
        });
      }
      const headings = s.sections.map((x) => x.heading);
      expect(headings.some((h) => h.includes("Definitions"))).toBe(true);
      expect(headings.some((h) => h.includes("Contract months"))).toBe(true);
      expect(headings.some((h) => h.includes("Rule versions"))).toBe(true);
      // Every table has a header cell per column, and the contract-months table has twelve rows or says why not.
      expect(s.tables.length).toBeGreaterThan(0);
      for (const t of s.tables) for (const r of t.rows) expect(r).toBe(t.head);
      // A PDF of more than one A4 page.
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(1);
    });
  }

  it("the diff page prints without overflow and marks deletions and insertions", async () => {
    const html = readFileSync(join(ROOT, "test/cases/diff/tick-and-holiday.html"), "utf8");
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    try {
      await page.setContent(html, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      const r = await page.evaluate(() => ({
        del: document.querySelectorAll("del").length,
        ins: document.querySelectorAll("ins").length,
        overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
        headings: [...document.querySelectorAll("h2")].map((h: Node) => h.textContent),
      }));
      expect(r.del).toBeGreaterThan(0);
      expect(r.ins).toBeGreaterThan(0);
      expect(r.overflow).toBe(false);
      expect(r.headings).toEqual(["Economic changes", "Contract months affected", "Redline"]);
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    } finally {
      await page.close();
    }
  });

  it("draws the chapter's pictures, named for assistive technology, and saves screenshots as artifacts", async () => {
    // Artifacts of the run (test-artifacts/ is not committed), for a reviewer to look at.
    const dir = join(ROOT, "test-artifacts/browser");
    mkdirSync(dir, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    try {
      await page.setContent(readFileSync(join(RENDER, "FOTI_OPT.html"), "utf8"), { waitUntil: "load" });
      const calendar = page.getByRole("img", { name: "Expiry calendar of FOTI_OPT", exact: true });
      const method = page.getByRole("img", { name: "Methodology of AITOK_OUT", exact: true });
      for (const [picture, file] of [
        [calendar, "chapter-expiry-calendar.png"],
        [method, "chapter-methodology.png"],
      ] as const) {
        const box = await picture.boundingBox();
        expect(box!.width).toBeGreaterThan(300);
        expect(box!.height).toBeGreaterThan(200);
        await picture.screenshot({ path: join(dir, file) });
      }
      // The description is what a screen reader says after the name.
      expect(await calendar.getAttribute("aria-describedby")).toBe("expiry-calendar-FOTI_OPT-desc");
      expect(await page.locator("#expiry-calendar-FOTI_OPT-desc").textContent()).toContain(
        "moved from Friday 25 December 2026 by Christmas Day",
      );
      await page.locator("#c10\\.1").screenshot({ path: join(dir, "chapter-contract-months.png") });
      await page.screenshot({ path: join(dir, "chapter-first-page.png") });
    } finally {
      await page.close();
    }
  });

  it("draws the settlement certificate's chart and saves a screenshot as an artifact", async () => {
    const dir = join(ROOT, "test-artifacts/browser");
    mkdirSync(dir, { recursive: true });
    const cwd = join(ROOT, "test/cases/settlement/FOTI/final-from-observations");
    const r = await runIn(
      [
        "settle",
        "../../../compiled/contracts/FOTI.json",
        "--contract",
        "FOTI-H26",
        "--observations",
        "observations.csv",
        "--format",
        "html",
      ],
      cwd,
    );
    expect(r.code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    try {
      await page.setContent(r.stdout, { waitUntil: "load" });
      const chart = page.getByRole("img", { name: "AITOK_OUT on 2026-03-27: the values used and excluded", exact: true });
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      // Nothing of the chart is drawn outside it (the labels of the lines on the right included).
      const outside = await page.evaluate(() => {
        const svg = document.querySelector("svg#chart-1");
        const b = svg.getBoundingClientRect();
        return [...svg.querySelectorAll("text, circle, line")].filter((e: Node) => {
          const r = e.getBoundingClientRect();
          return r.right > b.right + 0.5 || r.left < b.left - 0.5 || r.bottom > b.bottom + 0.5 || r.top < b.top - 0.5;
        }).length;
      });
      expect(outside).toBe(0);
      await chart.screenshot({ path: join(dir, "certificate-chart.png") });
      await page.screenshot({ path: join(dir, "certificate-page.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
