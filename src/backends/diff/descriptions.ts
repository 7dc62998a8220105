/**
 * Descriptions left behind: in a comparison of two readable contracts (backends/legal), each author's description
 * that reads the same in both while the generated sentences of its clause changed — the terms it describes moved
 * under it — with the figures it states that the new terms contradict (src/base/stated-facts.ts). The redline
 * prints them beside the clause, so a reviewer sees the sentence that did not change and should have.
 */
import type { Block, DocClause, DocSection, LegalDocument } from "../legal/document.js";
import { descriptionConflicts, statedFacts } from "../../base/stated-facts.js";

/** A description that did not change while the terms of its clause did. */
export interface StaleDescription {
  /** The clause's number and title in the new document. */
  readonly number: string;
  readonly title: string;
  readonly description: string;
  /** "USD 0.001 per 1M tokens where the terms state USD 0.002 per 1M tokens", for each contradicted figure. */
  readonly contradicts: readonly string[];
}

const flat = (b: Block): string =>
  b.kind === "paragraph" ? b.text : b.kind === "list" ? b.items.join(" ") : b.rows.map((r) => r.join(" ")).join(" ");
const authored = (c: DocClause): string[] => c.blocks.flatMap((b) => (b.kind === "paragraph" && b.authored === true ? [b.text] : []));
// A note the builder adds after a contradicting description is not part of the terms.
const generated = (c: DocClause): string =>
  c.blocks
    .filter((b) => !(b.kind === "paragraph" && (b.authored === true || b.text.startsWith("Note: this description states"))))
    .map(flat)
    .join("\n");

/**
 * The clauses of a document by a key that matches a clause to its counterpart in another version: its section's
 * and its own title. A chapter that sets out several contracts repeats titles ("Contract specifications: Tick");
 * each repetition is a clause of its own, matched by its place among those of the same title.
 */
export function keyedClauses(doc: LegalDocument): Map<string, { section: DocSection; clause: DocClause }> {
  const m = new Map<string, { section: DocSection; clause: DocClause }>();
  for (const s of doc.sections)
    for (const c of s.clauses) {
      let key = `${s.title}\u0000${c.title}`;
      for (let n = 2; m.has(key); n++) key = `${s.title}\u0000${c.title}\u0000${n}`;
      m.set(key, { section: s, clause: c });
    }
  return m;
}

function clauses(doc: LegalDocument): Map<string, { clause: DocClause; title: string }> {
  const m = new Map<string, { clause: DocClause; title: string }>();
  for (const [key, { section, clause }] of keyedClauses(doc)) m.set(key, { clause, title: `${section.title}: ${clause.title}` });
  return m;
}

/**
 * The descriptions that stayed while the terms of their clause changed, in the new document's order: each one that
 * states a figure of a kind the clause's terms state (amounts, times, counts, …) when those figures changed.
 */
export function staleDescriptions(oldDoc: LegalDocument, newDoc: LegalDocument): StaleDescription[] {
  const before = clauses(oldDoc);
  const out: StaleDescription[] = [];
  for (const [key, { clause, title }] of clauses(newDoc)) {
    const old = before.get(key);
    if (old === undefined) continue;
    const terms = generated(clause);
    const oldTerms = generated(old.clause);
    if (oldTerms === terms) continue;
    const was = new Set([...authored(old.clause), ...(old.clause.restated ?? [])]);
    const seen = new Set<string>();
    for (const d of authored(clause)) {
      if (!was.has(d) || seen.has(d)) continue;
      seen.add(d);
      const kinds = new Set(statedFacts(d).map((f) => f.key));
      const figures = (t: string) =>
        statedFacts(t)
          .filter((f) => kinds.has(f.key))
          .map((f) => `${f.key}=${f.value}`)
          .sort()
          .join(" ");
      if (figures(terms) === figures(oldTerms)) continue;
      const contradicts = descriptionConflicts(d, terms).map(
        (c) => `${c.stated.text} where the terms state ${[...new Set(c.terms.map((t) => t.text))].join(" or ")}`,
      );
      out.push({ number: clause.number, title, description: d, contradicts });
    }
  }
  return out;
}

/** A stale description in words, for the redline. */
export function staleWords(s: StaleDescription): string {
  return `The description "${s.description}" did not change while the terms of this clause did${s.contradicts.length === 0 ? "." : `; it states ${s.contradicts.join(" and ")}.`}`;
}
