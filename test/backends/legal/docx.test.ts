/**
 * The Word formats (issue 19), read back as counsel's Word would: the .docx is unzipped (fflate) and its XML read.
 * The chapter has real Heading 1/2 paragraphs for every section and clause, Word lists for the numbered levels of the
 * fallback waterfall (each list restarting at 1), tables with a repeated header row, and every defined term in the
 * Defined Term style with a bookmark; the redline has each deleted word as a w:del and each inserted word as a w:ins
 * by the author given, dated with the effective date, deletions first. Both are byte-identical for the same input.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { diffSpecs, diffToDocx } from "../../../src/backends/diff/index.js";
import { buildDocument, renderContractDocx } from "../../../src/backends/legal/index.js";
import { contentHash } from "../../../src/model/canonical.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const AS_OF = "2026-01-15";
const json = () => JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts/FOTI.json"), "utf8"));
const spec = (j: { contentHash: string }): Spec => {
  j.contentHash = contentHash(j);
  return loadSpec(JSON.stringify(j));
};
const parts = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
const unxml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
/** The paragraphs of a document.xml with their style and text. */
function paragraphs(doc: string): { style: string | undefined; num: string | undefined; text: string }[] {
  return [...doc.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[1]!)?.[1],
    num: /<w:numId w:val="(\d+)"/.exec(m[1]!)?.[1],
    text: unxml([...m[1]!.matchAll(/<w:(?:t|delText) xml:space="preserve">(.*?)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join("")),
  }));
}

describe("render --format docx", () => {
  const foti = spec(json());
  const bytes = renderContractDocx(foti, { asOf: AS_OF });
  const p = parts(bytes);
  const doc = buildDocument(foti, { asOf: AS_OF });

  it("is a Word package with styles and numbering", () => {
    expect(Object.keys(p).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "word/_rels/document.xml.rels",
      "word/document.xml",
      "word/numbering.xml",
      "word/styles.xml",
    ]);
    expect(p["word/styles.xml"]).toContain('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>');
    expect(p["docProps/core.xml"]).toContain("<dc:title>FOTI: AI Token Output Price Futures</dc:title>");
  });

  it("has a heading for every section and clause, in order", () => {
    const ps = paragraphs(p["word/document.xml"]!);
    expect(ps.filter((x) => x.style === "Heading1").map((x) => x.text)).toEqual(doc.sections.map((s) => `${s.number}. ${s.title}`));
    expect(ps.filter((x) => x.style === "Heading2").map((x) => x.text)).toEqual(
      doc.sections.flatMap((s) => s.clauses.map((c) => `${c.number} ${c.title}`)),
    );
    expect(ps[0]).toMatchObject({ style: "Title", text: "FOTI: AI Token Output Price Futures" });
  });

  it("has the fallback levels as a numbered Word list restarting at 1", () => {
    const ps = paragraphs(p["word/document.xml"]!);
    const levels = ps.filter((x) => x.text.startsWith("Level "));
    expect(levels).toHaveLength(4);
    expect(new Set(levels.map((x) => x.num)).size).toBe(1);
    const n = levels[0]!.num!;
    expect(p["word/numbering.xml"]).toContain(
      `<w:num w:numId="${n}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`,
    );
    expect(p["word/numbering.xml"]).toContain(
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>',
    );
  });

  it("has tables with a header row, and every defined term styled and bookmarked", () => {
    const d = p["word/document.xml"]!;
    const tables = d.match(/<w:tbl>/g) ?? [];
    const expected = doc.sections.flatMap((s) => s.clauses.flatMap((c) => c.blocks.filter((b) => b.kind === "table"))).length;
    expect(tables).toHaveLength(expected);
    expect((d.match(/<w:tblHeader\/>/g) ?? []).length).toBe(expected);
    const terms = (doc.sections[0]!.clauses[0]!.blocks[1] as { readonly rows: readonly (readonly string[])[] }).rows.map((r) => r[0]!);
    for (const t of terms) {
      expect(d).toMatch(new RegExp(`<w:bookmarkStart w:id="\\d+" w:name="term_${t.replace(/[^A-Za-z0-9]+/g, "_")}"/>`));
      expect(unxml(d)).toContain(`<w:rStyle w:val="DefinedTerm"/></w:rPr><w:t xml:space="preserve">${t}</w:t>`);
    }
  });

  it("is byte-identical for the same input", () => {
    expect(Buffer.from(renderContractDocx(foti, { asOf: AS_OF })).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("diff --format docx", () => {
  const old = spec(json());
  const j = json();
  j.contracts.FOTI.tick[0].value[0].tick.amount = "0.002";
  const changed = spec(j);
  const d = diffSpecs(old, changed, { asOf: AS_OF });
  const p = parts(diffToDocx(d, { author: "A. Counsel", date: "2026-03-01" }));
  const body = p["word/document.xml"]!;

  it("has each change as a tracked revision by the author, on the effective date, deletion first", () => {
    const dels = [...body.matchAll(/<w:del w:id="(\d+)" w:author="([^"]+)" w:date="([^"]+)">(.*?)<\/w:del>/g)];
    const inss = [...body.matchAll(/<w:ins w:id="(\d+)" w:author="([^"]+)" w:date="([^"]+)">(.*?)<\/w:ins>/g)];
    expect(dels.length).toBeGreaterThan(0);
    expect(inss.length).toBeGreaterThan(0);
    for (const r of [...dels, ...inss]) {
      expect(r[2]).toBe("A. Counsel");
      expect(r[3]).toBe("2026-03-01T00:00:00Z");
    }
    // Revision ids are unique.
    const ids = [...dels, ...inss].map((r) => r[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // The tick clause: "USD 0.001" struck, "0.002" inserted, the deletion before the insertion.
    const tick = paragraphs(body).find((x) => x.text.startsWith("The minimum price fluctuation (the tick)"));
    expect(tick?.text).toBe("The minimum price fluctuation (the tick) is USD 0.0010.002 per 1M tokens.");
    expect(body).toContain(
      '<w:del w:id="1" w:author="A. Counsel" w:date="2026-03-01T00:00:00Z"><w:r><w:delText xml:space="preserve">0.001</w:delText></w:r></w:del><w:ins w:id="2" w:author="A. Counsel" w:date="2026-03-01T00:00:00Z"><w:r><w:t xml:space="preserve">0.002</w:t></w:r></w:ins>',
    );
  });

  it("says from which contract period the change applies, and the description left behind", () => {
    const text = paragraphs(body).map((x) => x.text);
    expect(text).toContain("The changes apply from the FOTI-F26 contract period, the first whose dates or settlement terms change.");
    expect(text.some((t) => t.startsWith('The description "Minimum price fluctuation USD 0.001 per 1M tokens'))).toBe(true);
  });
});
