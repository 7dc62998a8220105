/**
 * Prints a comparison of two specs (semantic.ts) as Markdown (deletions struck through, insertions in bold), as a
 * self-contained HTML page (`<del>` and `<ins>`, print stylesheet) or as JSON for tools. Economic changes come
 * before editorial ones; both keep the order of the comparison.
 */
import { staleWords } from "./descriptions.js";
import type { RedlinePiece, SpecDiff } from "./semantic.js";

const mdEsc = (s: string): string => s.replace(/([*<`\\~])/g, "\\$1");

function mdPieces(pieces: readonly RedlinePiece[]): string {
  return pieces
    .map((p) => {
      if (p.op === "same") return mdEsc(p.text);
      // Markup around each line's words only, so line breaks and surrounding spaces stay outside the markers.
      const mark = p.op === "del" ? "~~" : "**";
      return p.text
        .split("\n")
        .map((line) => {
          const m = /^(\s*)(.*?)(\s*)$/s.exec(line)!;
          return m[2] === "" ? line : `${m[1]}${mark}${mdEsc(m[2]!)}${mark}${m[3]}`;
        })
        .join("\n");
    })
    .join("")
    .split("\n")
    .join("  \n");
}

/** From which contract month the changes apply: the first of the compared months whose dates or terms change. */
export function appliesFrom(d: SpecDiff): string | undefined {
  const first = d.months[0];
  return first === undefined
    ? undefined
    : `The changes apply from the ${first.symbol} contract period, the first whose dates or settlement terms change.`;
}

const heading = (c: SpecDiff["redline"][number]) =>
  `${c.number} ${c.title}${c.status === "changed" || c.status === "unchanged" ? "" : ` (${c.status})`}`;

/** The comparison as Markdown. */
export function diffToMarkdown(d: SpecDiff): string {
  const out: string[] = [`# Changes: ${mdEsc(d.oldTitle)} → ${mdEsc(d.newTitle)}`];
  const economic = d.changes.filter((c) => c.kind === "economic");
  const editorial = d.changes.filter((c) => c.kind === "editorial");
  out.push(`${economic.length} economic and ${editorial.length} editorial change${economic.length + editorial.length === 1 ? "" : "s"}.`);
  const from = appliesFrom(d);
  if (from !== undefined) out.push(mdEsc(from));
  if (economic.length > 0) out.push("## Economic changes", economic.map((c, i) => `${i + 1}. ${mdEsc(c.text)}`).join("\n"));
  if (editorial.length > 0) out.push("## Editorial changes", editorial.map((c, i) => `${i + 1}. ${mdEsc(c.text)}`).join("\n"));
  out.push("## Contract months affected");
  out.push(
    d.months.length === 0
      ? "No contract month's dates or settlement terms change."
      : d.months.map((m) => `- ${m.symbol}: ${m.changes.join("; ")}.`).join("\n"),
  );
  if (d.redline.length > 0) {
    out.push("## Redline");
    for (const c of d.redline) {
      out.push(`### ${mdEsc(heading(c))}`, mdPieces(c.pieces));
      for (const s of d.stale) if (s.number === c.number && s.title === c.title) out.push(`> ${mdEsc(staleWords(s))}`);
    }
  }
  return out.join("\n\n") + "\n";
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The comparison as a self-contained HTML page. */
export function diffToHtml(d: SpecDiff): string {
  const economic = d.changes.filter((c) => c.kind === "economic");
  const editorial = d.changes.filter((c) => c.kind === "editorial");
  const list = (cs: typeof economic) => `<ol>\n${cs.map((c) => `<li data-kind="${c.kind}">${esc(c.text)}</li>`).join("\n")}\n</ol>`;
  const out = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>Changes: ${esc(d.oldTitle)} → ${esc(d.newTitle)}</title>`,
    "<style>",
    "body { font-family: Georgia, serif; line-height: 1.45; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }",
    "del { color: #a00; text-decoration: line-through; } ins { color: #060; text-decoration: underline; }",
    ".stale { border-left: 3px solid #c80; padding-left: 0.6rem; color: #630; }",
    ".redline { white-space: pre-wrap; overflow-wrap: anywhere; }",
    "@media print { @page { size: A4; margin: 18mm 15mm; } body { max-width: none; margin: 0; } h2, h3 { break-after: avoid; } }",
    "</style>",
    "</head>",
    "<body>",
    `<h1>Changes: ${esc(d.oldTitle)} → ${esc(d.newTitle)}</h1>`,
    `<p>${economic.length} economic and ${editorial.length} editorial change${economic.length + editorial.length === 1 ? "" : "s"}.</p>`,
  ];
  const from = appliesFrom(d);
  if (from !== undefined) out.push(`<p class="applies">${esc(from)}</p>`);
  if (economic.length > 0) out.push("<h2>Economic changes</h2>", list(economic));
  if (editorial.length > 0) out.push("<h2>Editorial changes</h2>", list(editorial));
  out.push("<h2>Contract months affected</h2>");
  out.push(
    d.months.length === 0
      ? "<p>No contract month's dates or settlement terms change.</p>"
      : `<ul>\n${d.months.map((m) => `<li>${esc(m.symbol)}: ${esc(m.changes.join("; "))}.</li>`).join("\n")}\n</ul>`,
  );
  if (d.redline.length > 0) {
    out.push("<h2>Redline</h2>");
    for (const c of d.redline) {
      out.push(`<section data-clause="${esc(c.number)}" data-status="${c.status}">`, `<h3>${esc(heading(c))}</h3>`);
      out.push(
        `<p class="redline">${c.pieces.map((p) => (p.op === "same" ? esc(p.text) : `<${p.op}>${esc(p.text)}</${p.op}>`)).join("")}</p>`,
        ...d.stale.filter((s) => s.number === c.number && s.title === c.title).map((s) => `<p class="stale">${esc(staleWords(s))}</p>`),
        "</section>",
      );
    }
  }
  out.push("</body>", "</html>");
  return out.join("\n") + "\n";
}

/** The comparison as JSON (two-space indentation, one trailing newline). */
export function diffToJson(d: SpecDiff): string {
  return JSON.stringify(d, null, 2) + "\n";
}
