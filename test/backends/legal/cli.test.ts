/**
 * The `render` and `diff` commands end to end, in process (the first case also through the built CLI): rendering `.terms` sources and a compiled
 * spec gives the golden documents of test/cases/render, `--out` writes the file, `diff` compares two compiled
 * specs in every format, and usage errors exit with 2.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { contentHash } from "../../../src/model/canonical.js";
import { ensureBuilt, fixture, repoRoot, runIn, termsheet } from "../../cli/helpers.js";

beforeAll(() => ensureBuilt(), 120_000);

const golden = (name: string) => readFileSync(join(repoRoot, "test/cases/render", name), "utf8");

describe("termsheet render", () => {
  it("renders .terms sources as the golden Markdown (through the built executable)", () => {
    const r = termsheet(["render", "specs/contracts/foti.terms", "--as-of", "2026-01-15"], repoRoot);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(golden("FOTI.md"));
  });

  it("writes the golden HTML of a compiled spec to --out", async () => {
    const f = fixture({});
    try {
      const out = join(f.dir, "foti.html");
      const r = await runIn(
        ["render", "test/cases/compiled/contracts/FOTI.json", "--format", "html", "--as-of", "2026-01-15", "--out", out],
        repoRoot,
      );
      expect(r.code).toBe(0);
      expect(readFileSync(out, "utf8")).toBe(golden("FOTI.html"));
    } finally {
      f.cleanup();
    }
  });

  it("links clause numbers to source lines when rendering .terms sources", async () => {
    const r = await runIn(["render", "specs/contracts/foti.terms", "--format", "html", "--as-of", "2026-01-15"], repoRoot);
    expect(r.code).toBe(0);
    const tick =
      readFileSync(join(repoRoot, "specs/contracts/foti.terms"), "utf8")
        .split("\n")
        .findIndex((l) => l.trim().startsWith("tick ")) + 1;
    expect(r.stdout).toContain(`data-source="specs/contracts/foti.terms:${tick}"`);
    expect(r.stdout).toMatch(/data-clause="5\.\d+" data-source="specs\/indices\/aitok-out\.terms:\d+"/);
    expect(r.stdout).toMatch(/data-source="specs\/calendars\/england-wales\.terms:\d+"/);
  });

  it("writes a Word document and the rulebook layout", async () => {
    const f = fixture({});
    try {
      const out = join(f.dir, "foti.docx");
      const r = await runIn(
        ["render", "test/cases/compiled/contracts/FOTI.json", "--format", "docx", "--as-of", "2026-01-15", "--out", out],
        repoRoot,
      );
      expect(r.code).toBe(0);
      expect(strFromU8(unzipSync(readFileSync(out))["word/document.xml"]!)).toContain('<w:pStyle w:val="Heading1"/>');
      const book = await runIn(
        ["render", "test/cases/compiled/contracts/FOTI.json", "--layout", "rulebook", "--as-of", "2026-01-15"],
        repoRoot,
      );
      expect(book.stdout).toBe(golden("rulebook/FOTI.md"));
      expect((await runIn(["render", "x.json", "--layout", "cme"], repoRoot)).code).toBe(2);
    } finally {
      f.cleanup();
    }
  }, 30_000);

  it("asks for --contract when the sources declare several", async () => {
    const r = await runIn(["render", "specs/contracts", "--as-of", "2026-01-15"], repoRoot);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--contract");
  });

  it("refuses a bad --as-of and an unknown format", async () => {
    expect((await runIn(["render", "x.json", "--as-of", "2026-02-30"], repoRoot)).code).toBe(2);
    expect((await runIn(["render", "x.json", "--format", "rtf"], repoRoot)).code).toBe(2);
    // A PDF is written to a file only.
    const pdf = await runIn(["render", "x.json", "--format", "pdf"], repoRoot);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain("--out FILE");
  });
});

describe("termsheet diff", () => {
  it("compares two compiled specs in Markdown, HTML and JSON", async () => {
    const f = fixture({});
    try {
      const old = join(repoRoot, "test/cases/compiled/contracts/FOTI.json");
      const spec = JSON.parse(readFileSync(old, "utf8"));
      spec.contracts.FOTI.tick[0].value[0].tick.amount = "0.0005";
      spec.contentHash = contentHash(spec);
      const changed = join(f.dir, "FOTI.json");
      writeFileSync(changed, JSON.stringify(spec));
      const md = await runIn(["diff", old, changed, "--as-of", "2026-01-15"], repoRoot);
      expect(md.stderr).toBe("");
      expect(md.stdout).toBe(readFileSync(join(repoRoot, "test/cases/diff/tick.md"), "utf8"));
      const json = JSON.parse((await runIn(["diff", old, changed, "--format", "json", "--as-of", "2026-01-15"], repoRoot)).stdout);
      expect(json.changes).toHaveLength(1);
      expect((await runIn(["diff", old, changed, "--format", "html", "--as-of", "2026-01-15"], repoRoot)).stdout).toContain(
        "<del>0.001</del>",
      );
    } finally {
      f.cleanup();
    }
  }, 30_000);

  it("writes the redline as a Word document with tracked changes by --author", () => {
    const f = fixture({});
    try {
      const old = join(repoRoot, "test/cases/compiled/contracts/FOTI.json");
      const spec = JSON.parse(readFileSync(old, "utf8"));
      spec.contracts.FOTI.tick[0].value[0].tick.amount = "0.0005";
      spec.contentHash = contentHash(spec);
      const changed = join(f.dir, "FOTI.json");
      writeFileSync(changed, JSON.stringify(spec));
      const out = join(f.dir, "redline.docx");
      const r = termsheet(
        ["diff", old, changed, "--format", "docx", "--author", "A. Counsel", "--as-of", "2026-01-15", "--out", out],
        repoRoot,
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const doc = strFromU8(unzipSync(readFileSync(out))["word/document.xml"]!);
      expect(doc).toContain('<w:del w:id="1" w:author="A. Counsel" w:date="2026-01-15T00:00:00Z">');
      expect(termsheet(["diff", old, changed, "--format", "docx"], repoRoot).code).toBe(2);
    } finally {
      f.cleanup();
    }
  }, 30_000);

  it("needs exactly two specs", async () => {
    const r = await runIn(["diff", "a.json"], repoRoot);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("two specs");
  });
});
