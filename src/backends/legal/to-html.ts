/**
 * Prints the readable contract (document.ts) as one self-contained HTML file: inline CSS for screen and print
 * (A4 pages, tables that wrap instead of overflowing, no clause split from its heading), no scripts and no
 * external resources. Each clause carries its number in `id` and `data-clause`, and, when known, its source
 * location in `data-source="file:line"`, so a reviewer can trace a sentence back to the contract file.
 */
import { referenceLine, type Block, type LegalDocument } from "./document.js";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.45; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; color: #111; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.subtitle { color: #444; font-style: italic; margin-top: 0; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
h4 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }
.num { display: inline-block; min-width: 3rem; }
section.clause p, section.clause li { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; font-size: 0.9rem; table-layout: auto; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
p.reference { font-size: 0.9rem; color: #444; font-style: italic; }
figure.picture { margin: 0.8rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.picture figcaption { font-size: 0.85rem; color: #444; font-style: italic; }
@media print {
  @page { size: A4; margin: 18mm 15mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8.5pt; }
  th { background: none; }
}
`.trim();

function block(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return b.heading === true
        ? `<h4>${esc(b.text)}</h4>`
        : b.authored === true
          ? `<p class="authored">${esc(b.text)}</p>`
          : `<p>${esc(b.text)}</p>`;
    case "list": {
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}>\n${b.items.map((i) => `<li>${esc(i)}</li>`).join("\n")}\n</${tag}>`;
    }
    case "table":
      return [
        "<table>",
        `<thead><tr>${b.head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead>`,
        "<tbody>",
        ...b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`),
        "</tbody>",
        "</table>",
      ].join("\n");
  }
}

/** The document as a self-contained HTML page, ending in one newline. */
export function toHtml(doc: LegalDocument): string {
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    "</head>",
    "<body>",
    "<header>",
    `<h1>${esc(doc.title)}</h1>`,
    `<p class="subtitle">${esc(doc.subtitle)}</p>`,
    ...doc.preamble.map((x) => `<p>${esc(x)}</p>`),
    "</header>",
  ];
  for (const s of doc.sections) {
    out.push(`<section class="chapter" id="s${esc(s.number)}">`);
    out.push(`<h2>${s.number === "" ? "" : `<span class="num">${esc(s.number)}.</span> `}${esc(s.title)}</h2>`);
    for (const c of s.clauses) {
      const src = c.source === undefined ? "" : ` data-source="${esc(c.source)}"`;
      out.push(`<section class="clause" id="c${esc(c.number)}" data-clause="${esc(c.number)}"${src}>`);
      const tip = c.source === undefined ? "" : ` title="Source: ${esc(c.source)}"`;
      if (c.title !== "" || c.number !== "")
        out.push(`<h3>${c.number === "" ? "" : `<span class="num"${tip}>${esc(c.number)}</span> `}${esc(c.title)}</h3>`);
      for (const b of c.blocks) out.push(block(b));
      if (c.figure !== undefined)
        out.push(`<figure class="picture">\n${c.figure.svg}\n<figcaption>${esc(c.figure.title)}</figcaption>\n</figure>`);
      if (c.references !== undefined) out.push(`<p class="reference">${esc(referenceLine(c.references))}</p>`);
      out.push("</section>");
    }
    out.push("</section>");
  }
  out.push("</body>", "</html>");
  return out.join("\n") + "\n";
}
