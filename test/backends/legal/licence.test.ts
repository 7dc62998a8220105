/**
 * The index licence and disclaimer (issue 19): `index licence INDEX from "LICENSOR"` and `index disclaimer "…", …`,
 * the last rule of an index futures chapter. The real clauses it follows:
 *
 * - CME Rulebook Chapter 350 (Bitcoin Futures) settles on the CME CF Bitcoin Reference Rate, calculated by its
 *   administrator CF Benchmarks Ltd. and used by the Exchange under licence, and closes with a disclaimer.
 * - The limitation of liability CME and CF Benchmarks publish for the rate (cmegroup.com, CME CF Bitcoin Reference
 *   Rate): CF Benchmarks Ltd. and Chicago Mercantile Exchange Inc. "shall not be liable to any person for any losses,
 *   damages, costs or expenses ... arising from any errors or inaccuracies made in connection with the calculation or
 *   distribution" of the rate.
 * - The index licences exchanges file (CME–S&P License Agreement, SEC EDGAR, 2005): the index provider "compiles,
 *   calculates, maintains and owns rights in and to" the indices, and CME "wishes to use" them in connection with
 *   "listing, trading, clearing ... Futures Contracts".
 *
 * specs/contracts/btc-reference-future.terms states rule 1304 in those terms; these tests read its spec, its chapter
 * in both layouts and the chapter of the option on it, and compile small sources to see the fields omitted and kept.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { buildDocument, renderContract, renderContractDocx, type LegalDocument } from "../../../src/backends/legal/index.js";
import { compileSources } from "../../../src/compile.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";
import { parse } from "../../../src/syntax/parse.js";
import { SourceFile } from "../../../src/base/source.js";
import { host, ROOT, VERSION } from "../../model/compile-helpers.js";

const AS_OF = "2026-01-15";
const load = (name: string): Spec => loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8"));
const source = readFileSync(join(ROOT, "specs/contracts/btc-reference-future.terms"), "utf8");
/** The disclaimer's paragraphs as the source writes them (the strings after `index disclaimer`). */
const paragraphs = [...source.slice(source.indexOf("index disclaimer")).matchAll(/"((?:[^"\\]|\\.)*)"/g)]
  .map((m) => m[1]!)
  .filter((t) => !/^\d{4} /.test(t));

const text = (doc: LegalDocument): string =>
  doc.sections
    .flatMap((s) => [
      `${s.number} ${s.title}`,
      ...s.clauses.flatMap((c) => [
        `${c.number} ${c.title}`,
        ...c.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : b.rows.flat())),
      ]),
    ])
    .join("\n");

const BASE = `calendar LDN {
  time zone Europe/London
  weekend Saturday, Sunday
}
index BRR "Bitcoin reference rate" {
  administrator "CF Benchmarks Ltd."
  quoted in USD per BTC
  aggregate sources by median
  round to 0.01 half-up
  publish on business days of LDN at 16:00 Europe/London
}
future BTCF "Bitcoin futures" {
  underlying BRR
  contract unit 5 BTC
  price quoted in USD per BTC
  tick 5 USD per BTC
  last trading day is the last Friday of the contract month, adjusted preceding on LDN
  trading terminates at 16:00 Europe/London
  final settlement in cash at BRR at 16:00 Europe/London on the last trading day, rounded to 0.01 half-up
`;
function compile(extra: string): { spec?: Spec; codes: string[] } {
  const r = compileSources([{ path: "btcf.terms", text: `${BASE}${extra}}\n` }], host, { compilerVersion: VERSION });
  const file = r.files.find((f) => f.path === "contracts/BTCF.json");
  return { ...(file === undefined ? {} : { spec: loadSpec(file.text) }), codes: r.diagnostics.map((d) => d.code) };
}

describe("index licence and disclaimer: the language", () => {
  it("parses both statements, a disclaimer of several paragraphs", () => {
    const f = parse(
      new SourceFile(
        "x.terms",
        `future F { index licence BRR from "CF Benchmarks Ltd."\n  index disclaimer "First paragraph.", "Second paragraph."\n}`,
      ),
    );
    expect(f.diagnostics).toEqual([]);
    const st = f.ast.declarations[0]!.statements;
    expect(st.map((s) => s.kind)).toEqual(["IndexLicence", "IndexDisclaimer"]);
    const [l, d] = st;
    expect(l?.kind === "IndexLicence" && [l.index?.name, l.licensor?.value]).toEqual(["BRR", "CF Benchmarks Ltd."]);
    expect(d?.kind === "IndexDisclaimer" && d.paragraphs.map((p) => p.value)).toEqual(["First paragraph.", "Second paragraph."]);
  });

  it("omits both spec fields when the contract states neither, and keeps each paragraph when it does", () => {
    const none = compile("");
    expect(none.codes).toEqual([]);
    expect(Object.keys(none.spec!.contracts.BTCF!)).not.toContain("indexLicence");
    expect(Object.keys(none.spec!.contracts.BTCF!)).not.toContain("indexDisclaimer");
    const both = compile(
      `  index licence BRR from "CF Benchmarks Ltd."\n    clause "35005 Disclaimer"\n  index disclaimer "One.", "Two."\n`,
    );
    expect(both.codes).toEqual([]);
    const c = both.spec!.contracts.BTCF!;
    expect(c.indexLicence?.map((v) => [v.value, v.clauses])).toEqual([
      [{ index: "BRR", licensor: "CF Benchmarks Ltd." }, ["35005 Disclaimer"]],
    ]);
    expect(c.indexDisclaimer?.map((v) => v.value)).toEqual([["One.", "Two."]]);
  });

  it("reports a disclaimer without its licence and a licence of another index than the contract's", () => {
    expect(compile(`  index disclaimer "One."\n`).codes).toEqual(["E5112"]);
    expect(compile(`  index licence BRR from "Someone Else Ltd."\n`).codes).toEqual(["W5111"]);
    // "CF Benchmarks Ltd" is the administrator "CF Benchmarks Ltd." (a final full stop and case are not differences).
    expect(compile(`  index licence BRR from "cf benchmarks ltd"\n`).codes).toEqual([]);
  });
});

describe("index licence and disclaimer: the BTC chapter (specs/contracts/btc-reference-future.terms)", () => {
  const btc = load("BTC");

  it("the source's disclaimer has two paragraphs, as compiled", () => {
    expect(paragraphs).toHaveLength(2);
    expect(btc.contracts.BTC!.indexDisclaimer?.[0]?.value).toEqual(paragraphs);
    expect(btc.contracts.BTC!.indexLicence?.[0]?.value).toEqual({ index: "BTC_REF", licensor: "Termsheet Benchmarks Ltd." });
    // The licensor is the administrator BTC_REF declares, so the check has nothing to say.
    expect(btc.indices.BTC_REF!.administrator[0]?.value).toBe("Termsheet Benchmarks Ltd.");
  });

  it("states the licence in one sentence and the disclaimer in the author's words, in the default layout", () => {
    const doc = buildDocument(btc, { asOf: AS_OF });
    const section = doc.sections.find((s) => s.title === "Index licence and disclaimer")!;
    expect(section.clauses.map((c) => c.title)).toEqual(["Index licence", "Index disclaimer"]);
    expect(section.clauses[0]!.blocks[0]).toEqual({
      kind: "paragraph",
      text: "The Exchange lists the contract under a licence from Termsheet Benchmarks Ltd. to use the Bitcoin Reference Rate (London 16:00) (BTC_REF) in connection with the trading of the contract.",
    });
    const disclaimer = section.clauses[1]!.blocks.filter((b) => b.kind === "paragraph" && b.authored === true);
    expect(disclaimer.map((b) => b.kind === "paragraph" && b.text)).toEqual(paragraphs);
  });

  it("numbers it as rule 1304 in the rulebook layout, once, with no generated disclaimer beside it", () => {
    const doc = buildDocument(btc, { asOf: AS_OF, layout: "rulebook" });
    const rule = doc.sections.find((s) => s.number === "1304")!;
    expect(rule.title).toBe("Index Licence and Disclaimer");
    const all = text(doc);
    for (const p of paragraphs) expect(all.split(p).length - 1, p).toBe(1);
    expect(doc.sections.map((s) => s.title)).not.toContain("Index disclaimer");
    expect(all).not.toContain("is calculated and published by");
    const md = renderContract(btc, "md", { asOf: AS_OF, layout: "rulebook" });
    expect(md).toContain("## 1304. Index Licence and Disclaimer");
  });

  it("is a Heading 1 rule in the Word chapter counsel exchanges, with each paragraph as written", () => {
    const xml = strFromU8(unzipSync(renderContractDocx(btc, { asOf: AS_OF, layout: "rulebook" }))["word/document.xml"]!);
    const texts = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => ({
      heading1: m[1]!.includes('<w:pStyle w:val="Heading1"/>'),
      text: [...m[1]!.matchAll(/<w:t xml:space="preserve">(.*?)<\/w:t>/g)].map((t) => t[1]).join(""),
    }));
    expect(texts.filter((t) => t.heading1).map((t) => t.text)).toContain("1304. Index Licence and Disclaimer");
    for (const p of paragraphs) expect(texts.map((t) => t.text)).toContain(p);
  });

  it("gives the option on the future the future's disclaimer, not a generated one", () => {
    const doc = buildDocument(load("BTC_OPT"), { asOf: AS_OF, layout: "rulebook" });
    const section = doc.sections.find((s) => s.title === "Index disclaimer")!;
    expect(section.clauses.map((c) => c.title)).toEqual(["BTC_REF"]);
    expect(section.clauses[0]!.blocks.map((b) => b.kind === "paragraph" && b.text)).toEqual(paragraphs);
    expect(section.clauses[0]!.references).toEqual(["1304 Index Licence and Disclaimer"]);
    expect(text(doc)).not.toContain("is calculated and published by");
  });

  it("keeps the generated disclaimer for a contract whose source states none (FOTI)", () => {
    const doc = buildDocument(load("FOTI"), { asOf: AS_OF, layout: "rulebook" });
    expect(JSON.stringify(doc.sections.find((s) => s.title === "Index disclaimer"))).toContain("is calculated and published by");
  });
});
