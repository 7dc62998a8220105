/**
 * `render --format pdf` without a browser (the PDF Chromium prints is tested in the browser suite,
 * test/browser/pdf.browser.ts): where Chromium is looked for, the typed error when it is missing (exit 1, never 3),
 * and the normalisation that makes the same sources give the same bytes (time stamps and file identifiers fixed,
 * every other byte and so every cross-reference offset unchanged).
 */
import { describe, expect, it } from "vitest";
import { chromiumPath, FIXED_PDF_DATE, normalisePdf } from "../../src/cli/pdf.js";
import { fixture, repoRoot, runIn } from "./helpers.js";

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const text = (b: Uint8Array) => Buffer.from(b).toString("latin1");

describe("render --format pdf: finding Chromium", () => {
  const files =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);
  it("takes TERMSHEET_CHROMIUM first, then /usr/bin/chromium, then chromium or chromium-browser on PATH", () => {
    const env = (vars: Record<string, string>) => (name: string) => vars[name];
    expect(chromiumPath(env({ TERMSHEET_CHROMIUM: "/opt/c/chrome" }), files("/usr/bin/chromium"))).toBe("/opt/c/chrome");
    expect(chromiumPath(env({ PATH: "/a:/b" }), files("/usr/bin/chromium", "/a/chromium"))).toBe("/usr/bin/chromium");
    expect(chromiumPath(env({ PATH: "/a:/b" }), files("/b/chromium-browser"))).toBe("/b/chromium-browser");
    expect(chromiumPath(env({ PATH: "/a:/b", TERMSHEET_CHROMIUM: "" }), files())).toBeUndefined();
  });

  it("says how to get a browser when the one named cannot run (exit 1, not an internal error)", async () => {
    const f = fixture({});
    try {
      const r = await runIn(
        ["render", "test/cases/compiled/contracts/FOTI.json", "--format", "pdf", "--as-of", "2026-01-15", "--out", `${f.dir}/foti.pdf`],
        repoRoot,
        { TERMSHEET_CHROMIUM: `${f.dir}/no-such-chromium` },
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("no-such-chromium did not print the page: no such file or folder");
    } finally {
      f.cleanup();
    }
  });
});

describe("render --format pdf: the same sources give the same bytes", () => {
  // The information dictionary as Chromium (Skia/PDF) writes it, and a trailer with a file identifier.
  const printed = (stamp: string, id: string) =>
    `%PDF-1.4\n1 0 obj\n<</Creator (HeadlessChrome)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${stamp}+00'00')\n/ModDate (D:${stamp}+00'00')>>\nendobj\ntrailer\n<</Size 2 /Info 1 0 R /ID [<${id}><${id}>]>>\nstartxref\n9\n%%EOF\n`;

  it("fixes the time stamps and the identifiers, keeping every other byte and the length", () => {
    const a = normalisePdf(bytes(printed("20261207012254", "9F86D081884C7D65")));
    const b = normalisePdf(bytes(printed("20270101235959", "0123456789ABCDEF")));
    expect(text(a)).toBe(text(b));
    expect(text(a)).toBe(printed(FIXED_PDF_DATE, "0000000000000000"));
    expect(a.length).toBe(printed("20261207012254", "9F86D081884C7D65").length);
  });

  it("leaves a PDF without stamps as it is", () => {
    const plain = "%PDF-1.4\n1 0 obj\n<</Title (CreationDate)>>\nendobj\n%%EOF\n";
    expect(text(normalisePdf(bytes(plain)))).toBe(plain);
  });
});
