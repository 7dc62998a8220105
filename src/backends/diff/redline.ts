/**
 * The redline of the diff: the readable contract's clauses (legal backend) whose text changes, word by word.
 */
import { keyedClauses } from "./descriptions.js";
import { referenceLine, type Block, type LegalDocument } from "../legal/document.js";

/** One piece of a redline: kept, deleted or inserted text. */
export interface RedlinePiece {
  readonly op: "same" | "del" | "ins";
  readonly text: string;
}

/** A clause of the readable contract whose text changes. */
export interface RedlineClause {
  readonly number: string;
  readonly title: string;
  readonly status: "changed" | "added" | "removed" | "unchanged";
  readonly pieces: readonly RedlinePiece[];
}

function blockText(b: Block): string[] {
  return b.kind === "paragraph"
    ? [b.text]
    : b.kind === "list"
      ? b.items.map((x, i) => `${b.ordered ? `${i + 1}.` : "-"} ${x}`)
      : [b.head.join(" | "), ...b.rows.map((r) => r.join(" | "))];
}

function clauseTexts(doc: LegalDocument): Map<string, { number: string; title: string; text: string }> {
  const m = new Map<string, { number: string; title: string; text: string }>();
  for (const [key, { section: s, clause: c }] of keyedClauses(doc))
    m.set(key, {
      number: c.number,
      title: `${s.title}: ${c.title}`,
      text: [...c.blocks.flatMap(blockText), ...(c.references === undefined ? [] : [referenceLine(c.references)])].join("\n"),
    });
  return m;
}

/** A word-level diff (longest common subsequence) of two texts. */
export function wordDiff(a: string, b: string): RedlinePiece[] {
  const x = a.split(/(\s+)/);
  const y = b.split(/(\s+)/);
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: RedlinePiece[] = [];
  const push = (op: RedlinePiece["op"], text: string) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.op === op) out[out.length - 1] = { op, text: last.text + text };
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      push("same", x[i]!);
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) push("del", x[i++]!);
    else push("ins", y[j++]!);
  }
  return out;
}

export function redline(oldDoc: LegalDocument, newDoc: LegalDocument, full = false): RedlineClause[] {
  const a = clauseTexts(oldDoc);
  const b = clauseTexts(newDoc);
  const out: RedlineClause[] = [];
  for (const [k, n] of b) {
    // The contract-months table is reported as month changes, not redlined.
    if (n.title.startsWith("Contract months")) continue;
    const o = a.get(k);
    if (o === undefined) out.push({ number: n.number, title: n.title, status: "added", pieces: [{ op: "ins", text: n.text }] });
    else if (o.text !== n.text) out.push({ number: n.number, title: n.title, status: "changed", pieces: wordDiff(o.text, n.text) });
    else if (full) out.push({ number: n.number, title: n.title, status: "unchanged", pieces: [{ op: "same", text: n.text }] });
  }
  for (const [k, o] of a)
    if (!b.has(k) && !o.title.startsWith("Contract months"))
      out.push({ number: o.number, title: o.title, status: "removed", pieces: [{ op: "del", text: o.text }] });
  return out;
}
