/**
 * Prints the readable contract (document.ts) as a Word document (.docx, through ooxml.ts): the title and subtitle,
 * sections and clauses as Heading 1 and Heading 2 paragraphs (so Word's navigation pane and table of contents see
 * them), run-in subheadings as Heading 3, numbered and bulleted lists as Word lists, tables with a repeated header
 * row, defined terms in the Defined Term style with a bookmark each, and references in their own style.
 */
import { referenceLine, type Block, type LegalDocument } from "./document.js";
import { Numbering, docxPackage, paragraph, run, table, xml } from "./ooxml.js";

/** The bookmark name of a defined term: "term_London_time". */
export function termBookmark(term: string): string {
  return `term_${term.replace(/[^A-Za-z0-9]+/g, "_")}`.slice(0, 40);
}

function block(b: Block, numbering: Numbering, bookmark: () => number): string {
  switch (b.kind) {
    case "paragraph":
      return b.heading === true ? paragraph(run(b.text), { style: "Heading3" }) : paragraph(run(b.text));
    case "list": {
      const id = numbering.next(b.ordered);
      return b.items.map((i) => paragraph(run(i), { style: "ListParagraph", num: { id, level: 0 } })).join("");
    }
    case "table": {
      const defined = b.head[0] === "Term" && b.head[1] === "Meaning";
      return table(b.head, b.rows, (text, column) => {
        if (!defined || column !== 0) return paragraph(run(text));
        const id = bookmark();
        return paragraph(
          `<w:bookmarkStart w:id="${id}" w:name="${xml(termBookmark(text))}"/><w:r><w:rPr><w:rStyle w:val="DefinedTerm"/></w:rPr><w:t xml:space="preserve">${xml(text)}</w:t></w:r><w:bookmarkEnd w:id="${id}"/>`,
        );
      });
    }
  }
}

/** The document as the bytes of a .docx file. */
export function toDocx(doc: LegalDocument): Uint8Array {
  const numbering = new Numbering();
  let bookmarks = 0;
  const bookmark = () => ++bookmarks;
  const body: string[] = [paragraph(run(doc.title), { style: "Title" }), paragraph(run(doc.subtitle), { style: "Subtitle" })];
  for (const x of doc.preamble) body.push(paragraph(run(x)));
  for (const s of doc.sections) {
    body.push(paragraph(run(`${s.number === "" ? "" : `${s.number}. `}${s.title}`), { style: "Heading1" }));
    for (const c of s.clauses) {
      if (c.title !== "" || c.number !== "")
        body.push(paragraph(run(`${c.number === "" ? "" : `${c.number} `}${c.title}`), { style: "Heading2" }));
      for (const b of c.blocks) body.push(block(b, numbering, bookmark));
      if (c.references !== undefined) body.push(paragraph(run(referenceLine(c.references)), { style: "Reference" }));
    }
  }
  return docxPackage(body.join(""), numbering, doc.title);
}
