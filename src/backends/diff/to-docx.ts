/**
 * The redline as a Word document with tracked changes (.docx, through the legal backend's ooxml.ts): the summary of
 * economic and editorial changes and of the contract months affected, then each redlined clause with its deleted
 * words as w:del and its inserted words as w:ins revisions by the author named on the command line, dated with the
 * effective date, so that counsel accepts or rejects each change in Word. Deletions come before insertions.
 */
import { Numbering, docxPackage, paragraph, run, xml } from "../legal/ooxml.js";
import { staleWords } from "./descriptions.js";
import { appliesFrom } from "./render.js";
import type { RedlinePiece, SpecDiff } from "./semantic.js";

/** Who made the changes and when they take effect. */
export interface RevisionOptions {
  readonly author: string;
  /** ISO date of the revisions (the effective date). */
  readonly date: string;
}

/** The clause's pieces as paragraphs (a line break in the text ends a paragraph), with tracked revisions. */
function revisions(pieces: readonly RedlinePiece[], o: RevisionOptions, id: () => number): string[] {
  const paragraphs: string[] = [];
  let runs = "";
  const attrs = () => `w:id="${id()}" w:author="${xml(o.author)}" w:date="${o.date}T00:00:00Z"`;
  for (const p of pieces) {
    p.text.split("\n").forEach((line, i) => {
      if (i > 0) {
        paragraphs.push(paragraph(runs));
        runs = "";
      }
      if (line === "") return;
      if (p.op === "same") runs += run(line);
      else if (p.op === "ins") runs += `<w:ins ${attrs()}>${run(line)}</w:ins>`;
      else runs += `<w:del ${attrs()}>${run(line, {}, true)}</w:del>`;
    });
  }
  paragraphs.push(paragraph(runs));
  return paragraphs;
}

/** The comparison as the bytes of a .docx file with tracked changes. */
export function diffToDocx(d: SpecDiff, o: RevisionOptions): Uint8Array {
  const numbering = new Numbering();
  let ids = 0;
  const id = () => ++ids;
  const economic = d.changes.filter((c) => c.kind === "economic");
  const editorial = d.changes.filter((c) => c.kind === "editorial");
  const title = `Changes: ${d.oldTitle} → ${d.newTitle}`;
  const body: string[] = [
    paragraph(run(title), { style: "Title" }),
    paragraph(
      run(`${economic.length} economic and ${editorial.length} editorial change${economic.length + editorial.length === 1 ? "" : "s"}.`),
    ),
  ];
  const from = appliesFrom(d);
  if (from !== undefined) body.push(paragraph(run(from)));
  const list = (h: string, items: readonly string[], ordered: boolean) => {
    if (items.length === 0) return;
    body.push(paragraph(run(h), { style: "Heading1" }));
    const n = numbering.next(ordered);
    for (const i of items) body.push(paragraph(run(i), { style: "ListParagraph", num: { id: n, level: 0 } }));
  };
  list(
    "Economic changes",
    economic.map((c) => c.text),
    true,
  );
  list(
    "Editorial changes",
    editorial.map((c) => c.text),
    true,
  );
  body.push(paragraph(run("Contract months affected"), { style: "Heading1" }));
  if (d.months.length === 0) body.push(paragraph(run("No contract month's dates or settlement terms change.")));
  else {
    const n = numbering.next(false);
    for (const m of d.months)
      body.push(paragraph(run(`${m.symbol}: ${m.changes.join("; ")}.`), { style: "ListParagraph", num: { id: n, level: 0 } }));
  }
  if (d.redline.length > 0) {
    body.push(paragraph(run("Redline"), { style: "Heading1" }));
    for (const c of d.redline) {
      body.push(
        paragraph(run(`${c.number} ${c.title}${c.status === "changed" || c.status === "unchanged" ? "" : ` (${c.status})`}`), {
          style: "Heading2",
        }),
      );
      body.push(...revisions(c.pieces, o, id));
      for (const s of d.stale) if (s.number === c.number && s.title === c.title) body.push(paragraph(run(staleWords(s), { italic: true })));
    }
  }
  return docxPackage(body.join(""), numbering, title);
}
