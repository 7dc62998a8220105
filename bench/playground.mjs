// The browser playground (playground/dist, built by `npm run build:playground`) in headless Chromium: the size of the
// static site (raw and gzip, per file), and, over 7 cold loads (a fresh browser context each, the files served from
// localhost), the time from navigation to the first diagnostics shown (the worker's start, the compiler's first
// check of the FOTI example) and from a keystroke to its diagnostic in the editor, against the page's own load event.
// Skipped, with a note, when Chromium or the built site is missing. Also runnable alone: `node bench/playground.mjs`.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { root, summary } from "./lib.mjs";

const SITE = join(root, "playground", "dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

function sizes() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        files.push({ file: path.slice(SITE.length + 1), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  walk(SITE);
  return files;
}

function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname)).replace(/^[/\\]+/, "");
    const file = join(SITE, path === "" ? "index.html" : path);
    if (!file.startsWith(SITE + sep) || !existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const bench = {
  name: "playground",
  title: "browser playground: bundle size, time to first diagnostic",
  async run({ runs = 7 } = {}) {
    if (!existsSync(join(SITE, "index.html")) || !existsSync(CHROMIUM)) {
      return { rows: [], targets: [], notes: [`skipped: needs ${CHROMIUM} and playground/dist (npm run build:playground)`] };
    }
    const { chromium } = await import("playwright-core");
    const files = sizes();
    const server = await serve();
    const url = `http://127.0.0.1:${server.address().port}/`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    const load = [];
    const first = [];
    const keystroke = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForSelector("body[data-compiled='yes']");
        const t = await page.evaluate(() => ({
          load: performance.getEntriesByType("navigation")[0].loadEventEnd,
          first: globalThis.termsheetTimings.firstDiagnostics,
        }));
        // A keystroke that makes a mistake: `tick 0.001 USD per 1M tokens` becomes `… 1M tokensx`, an unknown unit.
        await page.locator(".cm-line", { hasText: "tick 0.001 USD per 1M tokens" }).first().click();
        await page.keyboard.press("End");
        await page.keyboard.press("x");
        await page.waitForSelector(".cm-lintRange-error");
        const edit = await page.evaluate(() => globalThis.termsheetTimings.editToDiagnostics);
        await context.close();
        if (i === 0) continue; // The first load warms the server's and the disk's caches.
        load.push(t.load);
        first.push(t.first);
        keystroke.push(edit);
      }
    } finally {
      await browser.close();
      server.close();
    }
    const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
    const firstRow = summary("first diagnostics after navigation", first);
    const loadRow = summary("baseline: the page's load event", load);
    return {
      rows: [loadRow, firstRow, summary("keystroke to diagnostic (with the 120 ms typing pause)", keystroke)],
      targets: [
        { what: "site size, raw", value: Math.round(total.raw / 1024), unit: " KiB" },
        { what: "site size, gzip", value: Math.round(total.gzip / 1024), unit: " KiB" },
        { what: "first diagnostics / page load", value: Number((firstRow.median_ms / loadRow.median_ms).toFixed(2)), unit: "×" },
      ],
      notes: files.map((f) => `${f.file}: ${kib(f.raw)} raw, ${kib(f.gzip)} gzip`),
    };
  },
};

export default bench;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await bench.run();
  for (const row of r.rows)
    console.log(`${row.label}: median ${row.median_ms.toFixed(0)} ms (min ${row.min_ms.toFixed(0)}, max ${row.max_ms.toFixed(0)})`);
  for (const t of r.targets) console.log(`${t.what}: ${t.value}${t.unit}`);
  for (const n of r.notes) console.log(`  ${n}`);
}
