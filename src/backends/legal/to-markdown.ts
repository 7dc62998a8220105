/**
 * Prints the readable contract (document.ts) as CommonMark: a title, numbered section headings, clauses as bold
 * numbered headings, lists and pipe tables. Only characters that would change the meaning of the text are escaped
 * (`*`, `<`, `` ` ``, and `|` in tables), so names such as AITOK_OUT read as written.
 */
import { referenceLine, type Block, type LegalDocument } from "./document.js";

const esc = (s: string): string => s.replace(/([*<`\\])/g, "\\$1");
const cell = (s: string): string => esc(s).replace(/\|/g, "\\|");

function block(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return b.heading === true ? `**${esc(b.text)}**` : esc(b.text);
    case "list":
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : "-"} ${esc(it)}`).join("\n");
    case "table":
      return [
        `| ${b.head.map(cell).join(" | ")} |`,
        `|${b.head.map(() => " --- ").join("|")}|`,
        ...b.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
      ].join("\n");
  }
}

/** The document as Markdown, ending in one newline. */
export function toMarkdown(doc: LegalDocument): string {
  const parts: string[] = [`# ${esc(doc.title)}`, `_${esc(doc.subtitle)}_`, ...doc.preamble.map(esc)];
  for (const s of doc.sections) {
    parts.push(`## ${s.number === "" ? "" : `${s.number}. `}${esc(s.title)}`);
    for (const c of s.clauses) {
      if (c.title !== "" || c.number !== "") parts.push(`### ${c.number === "" ? "" : `${c.number} `}${esc(c.title)}`);
      for (const b of c.blocks) parts.push(block(b));
      if (c.references !== undefined) parts.push(`_${esc(referenceLine(c.references))}_`);
    }
  }
  return parts.join("\n\n") + "\n";
}
