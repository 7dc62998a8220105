/**
 * Browser test of the playground: the static site built by `npm run build:playground` (playground/dist/) is served
 * on localhost by a plain file server and opened in headless Chromium (Debian's `chromium`, driven by
 * playwright-core, with a fresh user-data directory). As a product team would: the example opens and checks clean;
 * a mistake typed into the editor shows its diagnostic inline and in the problem list, with the CLI's code and hint;
 * the shareable link carries the mistake to a new tab; fixing it gives the JSON spec (byte for byte the golden
 * compiled spec, so the content hash computed in the browser is the CLI's) and the readable contract; the expiry
 * calendar lists the contract months; a settlement on the sample CSV (pasted, then uploaded) prints the certificate.
 * Screenshots and the measured figures (bundle size, time to first diagnostic) go to test-artifacts/. The figures
 * are reported, never asserted. Run with `npm run test:browser` after `npm run build:playground`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Page functions run in the browser; the DOM stays out of the project's types (see render.browser.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const getComputedStyle: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SITE = join(ROOT, "playground/dist");
const ARTIFACTS = join(ROOT, "test-artifacts");
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
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

let server: Server;
let base: string;
let context: BrowserContext;
let profile: string;
const figures: Record<string, unknown> = {};

/** The site is served from a sub-folder, as a static host would put it anywhere: its URLs must all be relative. */
const FOLDER = "/some/folder/playground/";

/** Serves the built site under FOLDER, as any static web server would (no rewrites, no special headers). */
function serve(): Promise<Server> {
  const s = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (!url.startsWith(FOLDER)) {
      res.writeHead(404).end();
      return;
    }
    const path = normalize(url.slice(FOLDER.length));
    const file = join(SITE, path === "." || path === "" ? "index.html" : path);
    if (!file.startsWith(SITE + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

/** Every file of the built site with its size, raw and gzipped. */
function bundleSizes(): { files: Record<string, { raw: number; gzip: number }>; raw: number; gzip: number } {
  const files: Record<string, { raw: number; gzip: number }> = {};
  let raw = 0;
  let gzip = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        const entry = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
        files[path.slice(SITE.length + 1)] = entry;
        raw += entry.raw;
        gzip += entry.gzip;
      }
    }
  };
  walk(SITE);
  return { files, raw, gzip };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `playground-${name}.png`) });
}

/** The status in the top bar ("No problems", "1 error", …). */
async function statusText(page: Page): Promise<string> {
  return (await page.locator("#status").textContent()) ?? "";
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  if (!existsSync(join(SITE, "index.html"))) throw new Error("no playground/dist/index.html: run `npm run build:playground` first");
  mkdirSync(ARTIFACTS, { recursive: true });
  figures.bundle = bundleSizes();
  server = await serve();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${FOLDER}`;
  profile = mkdtempSync(join(tmpdir(), "termsheet-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (Object.keys(figures).length > 0) {
    writeFileSync(join(ARTIFACTS, "playground-figures.json"), JSON.stringify(figures, null, 2) + "\n");
    const b = figures.bundle as { raw: number; gzip: number };
    console.log(
      `playground: bundle ${(b.raw / 1024).toFixed(0)} KiB raw, ${(b.gzip / 1024).toFixed(0)} KiB gzip; ` +
        `first diagnostics ${figures.firstDiagnosticsMs} ms after navigation; edit to diagnostic ${figures.editToDiagnosticMs} ms`,
    );
  }
});

describe("the playground in Chromium", () => {
  let page: Page;
  let shared = "";

  it("opens the FOTI example and checks it clean, with every pane filled", async () => {
    page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    // Nothing leaves the page but requests for the site's own files (the source stays in the browser).
    const foreign: string[] = [];
    await page.route("**/*", (route) => {
      if (route.request().url().startsWith(base)) return route.continue();
      foreign.push(route.request().url());
      return route.abort();
    });
    await page.goto(base);
    await page.waitForSelector("body[data-compiled='yes']");
    expect(await statusText(page)).toBe("No problems");
    expect(await page.locator("#file-path").textContent()).toBe("specs/contracts/foti.terms");
    // The as-of date is today's unless the user picks another.
    expect(await page.locator("#as-of").inputValue()).toBe(new Date().toISOString().slice(0, 10));
    // Keywords are highlighted as keywords (the language mode's colour for them).
    const keyword = page.locator(".cm-line span", { hasText: /^future$/ }).first();
    expect(await keyword.evaluate((e: Node) => getComputedStyle(e).color)).toBe("rgb(109, 40, 217)");
    expect(await page.locator("#problem-list").textContent()).toMatch(/^No problems in \d+ files checked\.$/);
    const timings = await page.evaluate(() => window.termsheetTimings);
    figures.firstDiagnosticsMs = Math.round(timings.firstDiagnostics);
    figures.firstCheckInWorkerMs = Math.round(timings.check);
    figures.firstCompileInWorkerMs = Math.round(timings.compile);
    // The readable contract is the first pane.
    const frame = page.frameLocator("#contract-frame");
    await expect(frame.locator("h1").textContent()).resolves.toBe("FOTI: AI Token Output Price Futures");
    await shot(page, "1-opened");
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it("opens every example of specs/ in one click, each checked clean and compiled", async () => {
    const options = await page.locator("#example option").evaluateAll((os: { value: string }[]) => os.map((o) => o.value));
    expect(options.length).toBe(readdirSync(join(ROOT, "specs"), { recursive: true }).filter((f) => String(f).endsWith(".terms")).length);
    for (const path of options) {
      await page.locator("#example").selectOption(path);
      await page.waitForFunction(
        (p: string) => document.querySelector("#file-path")?.textContent === p && document.body.dataset.compiled === "yes",
        path,
      );
      expect(await statusText(page), path).toBe("No problems");
      expect(page.url(), path).toContain(`#example=${encodeURIComponent(path)}`);
      const title = await page.frameLocator("#contract-frame").locator("h1").textContent();
      expect(title, path).toBeTruthy();
    }
    await page.locator("#example").selectOption("specs/contracts/foti.terms");
    await page.waitForFunction(() => document.querySelector("#file-path")?.textContent === "specs/contracts/foti.terms");
    await page.waitForSelector("body[data-compiled='yes']");
  });

  it("shows a mistake typed into the editor inline and in the problem list, with the CLI's code and hint", async () => {
    const line = page.locator(".cm-line", { hasText: "tick 0.001 USD per 1M tokens" }).first();
    await line.click();
    await page.keyboard.press("End");
    for (let i = 0; i < "1M tokens".length; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("GPU-hour");
    // The language's words are completed as they are typed.
    await page.waitForSelector(".cm-tooltip-autocomplete");
    expect(await page.locator(".cm-tooltip-autocomplete li").first().textContent()).toContain("GPU-hour");
    await page.waitForSelector(".cm-lintRange-error");
    await page.waitForSelector("body[data-errors='1']");
    figures.editToDiagnosticMs = Math.round(await page.evaluate(() => window.termsheetTimings.editToDiagnostics));
    expect(await statusText(page)).toBe("1 error");
    const problem = page.locator(".problem").first();
    expect(await problem.locator(".code").textContent()).toBe("E3001");
    expect(await problem.locator(".diag-message").textContent()).toBe(
      "unit mismatch: tick is in USD per GPU-hour, price is quoted in USD per 1M tokens",
    );
    expect(await problem.locator(".diag-hint").textContent()).toBe("hint: write the tick in the quote unit, USD per 1M tokens");
    expect(await page.locator(".cm-lintRange-error").textContent()).toBe("0.001 USD per GPU-hour");
    expect(await page.locator("#stale").isVisible()).toBe(true);
    // The diagnostic's tooltip when the pointer rests on the underlined span (the completion list closed first).
    await page.keyboard.press("Escape");
    await page.locator(".cm-lintRange-error").hover();
    await page.waitForSelector(".cm-tooltip-lint");
    expect(await page.locator(".cm-tooltip-lint .code").textContent()).toBe("E3001");
    await shot(page, "2-mistake");
  });

  it("carries the edited source in the shareable link", async () => {
    // The address follows the edits by itself; the button copies it.
    await page.waitForFunction(() => window.location.hash.includes("src="));
    await page.locator("#share").click();
    shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await other.waitForSelector("body[data-errors='1']");
    expect(await other.locator(".cm-line", { hasText: "tick 0.001 USD per GPU-hour" }).count()).toBe(1);
    expect(await other.locator(".problem .code").first().textContent()).toBe("E3001");
    expect(await other.locator("#edited").isVisible()).toBe(true);
    await other.close();
  });

  it("compiles the fixed source to the golden JSON spec and the readable contract", async () => {
    await page.locator(".cm-line", { hasText: "tick 0.001 USD per GPU-hour" }).first().click();
    await page.keyboard.press("End");
    for (let i = 0; i < "GPU-hour".length; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("1M tokens");
    await page.waitForSelector("body[data-errors='0'][data-compiled='yes']");
    expect(await statusText(page)).toBe("No problems");
    expect(await page.locator(".cm-lintRange-error").count()).toBe(0);
    expect(await page.locator("#stale").isVisible()).toBe(false);
    await page.locator(".tab[data-tab='json']").click();
    expect(await page.locator("#json-path").textContent()).toBe("contracts/FOTI.json");
    const json = (await page.locator("#json").textContent()) ?? "";
    expect(json).toBe(readFileSync(join(ROOT, "test/cases/compiled/contracts/FOTI.json"), "utf8"));
    await shot(page, "3-json");
    await page.locator(".tab[data-tab='contract']").click();
    const frame = page.frameLocator("#contract-frame");
    const headings = await frame.locator("section.chapter > h2").allTextContents();
    expect(headings.length).toBeGreaterThan(3);
    expect(headings[0]).toMatch(/^1\.\s+Definitions$/);
    expect(await frame.locator("[data-source]").count()).toBeGreaterThan(5);
    // A clause leads back to its line in the source: clicking it puts the editor's cursor on that line.
    const clause = frame.locator("[data-source^='specs/contracts/foti.terms:']").nth(3);
    const line = Number((await clause.getAttribute("data-source"))!.split(":").pop());
    await clause.click();
    const source = readFileSync(join(ROOT, "specs/contracts/foti.terms"), "utf8").split("\n");
    expect(await page.locator(".cm-activeLine").textContent()).toBe(source[line - 1]);
    await shot(page, "4-contract");
  });

  it("shows the expiry calendar of the next months", async () => {
    await page.locator("#as-of").fill("2026-03-10");
    await page.locator("#as-of").dispatchEvent("change");
    await page.waitForFunction(() => document.querySelector("#expiries .symbol")?.firstChild?.textContent === "FOTI-H26");
    await page.locator(".tab[data-tab='expiries']").click();
    const rows = await page.locator("table.expiries tbody tr").allTextContents();
    expect(rows).toHaveLength(12);
    // The last Friday of March 2026 is the 27th, a London business day.
    expect(rows[0]).toContain("Fri 27 Mar 2026");
    expect(await page.locator(".month").count()).toBe(6);
    expect(await page.locator(".day.ltd").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator(".day.holiday").count()).toBeGreaterThan(0);
    await shot(page, "5-expiries");
  });

  it("runs a final settlement on the sample CSV, pasted and uploaded, and prints its certificate", async () => {
    await page.locator(".tab[data-tab='settle']").click();
    await page.locator("#sample-data").click();
    expect(await page.locator("#observations").inputValue()).toContain("2026-03-27T15:30:00Z,OPENAI,10,1,gpt-5");
    await page.locator("#run-settlement").click();
    await page.waitForSelector("#certificate.certificate-ok");
    // Six eligible sources (TOGETHER stale, XAI deviating): the trimmed mean drops 10.6 and 9.8, so
    // (10 + 10.2 + 9.9 + 10.1) / 4 = 10.05; the position 2 @ 10 varies by (10.05 - 10) x 1000 USD x 2 = 100 USD.
    const certificate = (await page.locator("#certificate").textContent()) ?? "";
    expect(certificate.split("\n")[0]).toBe("FOTI-H26 final settlement: 10.05");
    expect(certificate).toContain("position 2 @ 10: multiplier 1000 USD, variation 100 USD");
    await shot(page, "6-settlement");
    // The same file uploaded is streamed through the parser by the worker, with the same certificate.
    await page.locator("#clear-data").click();
    await page.locator("#observations-file").setInputFiles(join(ROOT, "playground/samples/foti-2026-03-observations.csv"));
    await page.locator("#run-settlement").click();
    await page.waitForFunction((text: string) => document.querySelector("#certificate.certificate-ok")?.textContent === text, certificate);
    // A malformed row is named by file, line and field.
    await page.locator("#observations-upload button").click();
    await page.locator("#observations").fill("time,source,price,volume\n2026-03-27T15:30:00Z,OPENAI,1O,1\n");
    await page.locator("#run-settlement").click();
    await page.waitForSelector("#certificate.certificate-failed");
    expect(await page.locator("#certificate").textContent()).toMatch(/^error: observations\.csv:2: price: /);
  });
});
