/**
 * The rulebook layout of the readable contract (`layout: "rulebook"`): the contract's own rules numbered and headed by
 * the author's rule numbers, as an exchange chapter is (CME style: "1101.01 Scope", "1102 … A. Listing Schedule,
 * B. Trading Unit, C. Price Increments", "1103 … A. Final Settlement Price"), each rule once with every generated
 * clause that cites it, then the index disclaimer, then the rest of the document (definitions first; index
 * methodologies, calendars, contract months and rule versions as appendices). A clause that cites no rule number
 * keeps its title, unnumbered, in the rule of the clause before it. Pure: it only rearranges a built document.
 */
import type { Block, DocClause, DocSection, LegalDocument } from "./document.js";

/** A rulebook reference read as a rule number: "1102.C Price Increments", "1101.01 Scope", "1103.C.1 Market Disruption". */
export interface RuleNumber {
  /** The rule: "1102", "1101.01", "1101A.02". */
  readonly rule: string;
  /** The lettered part of the rule, if any: "C". */
  readonly letter?: string;
  /** The words after the number: "Price Increments". */
  readonly title: string;
}

const RULE = /^([0-9]{3,6}[A-Z]?(?:\.[0-9]{2})?)(?:\.([A-Z]))?(?:\.[0-9]+)?\.?(?:\s+(.*))?$/;

/** A reference as a rule number, or undefined when it is not one ("Chapter 1101", "NYSE Rule 7.2"). */
export function ruleNumber(reference: string): RuleNumber | undefined {
  const m = RULE.exec(reference.trim());
  if (m === null) return undefined;
  return { rule: m[1]!, ...(m[2] === undefined ? {} : { letter: m[2] }), title: (m[3] ?? "").replace(/\s*\(.*\)$/, "") };
}

/** Rule numbers in rulebook order: 1101 < 1101.01 < 1101A < 1101A.01 < 1102. */
function compareRules(a: string, b: string): number {
  const key = (r: string) => {
    const m = /^([0-9]+)([A-Z]?)(?:\.([0-9]{2}))?$/.exec(r)!;
    return [Number(m[1]), m[2] ?? "", Number(m[3] ?? "0")] as const;
  };
  const x = key(a);
  const y = key(b);
  return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2];
}

interface Group {
  readonly rule: string;
  title: string | undefined;
  fallbackTitle: string;
  readonly parts: Map<string, { title: string; clauses: DocClause[] }>;
}

/**
 * Lays out a document as a rulebook chapter. `subject` are the sections of the contract the chapter is about (the
 * other sections become appendices), `disclaimers` the index disclaimer clauses.
 */
export function rulebookLayout(doc: LegalDocument, subject: ReadonlySet<DocSection>, disclaimers: readonly DocClause[]): LegalDocument {
  const groups = new Map<string, Group>();
  let last: { group: Group; key: string } | undefined;
  const loose: DocClause[] = [];
  for (const s of doc.sections) {
    if (!subject.has(s)) continue;
    for (const c of s.clauses) {
      const n = [...(c.references ?? []), ...(c.cites ?? [])].map(ruleNumber).find((x) => x !== undefined);
      if (n === undefined) {
        // No rule number: it stays with the rule stated before it, under its own title.
        if (last === undefined) loose.push(c);
        else last.group.parts.get(last.key)!.clauses.push(c);
        continue;
      }
      let g = groups.get(n.rule);
      if (g === undefined) {
        g = { rule: n.rule, title: undefined, fallbackTitle: s.title, parts: new Map() };
        groups.set(n.rule, g);
      }
      if (n.letter === undefined && n.title !== "") g.title ??= n.title;
      const key = n.letter ?? "";
      if (!g.parts.has(key)) g.parts.set(key, { title: n.letter === undefined ? "" : n.title, clauses: [] });
      g.parts.get(key)!.clauses.push(c);
      last = { group: g, key };
    }
  }
  const merged = (number: string, title: string, cs: readonly DocClause[], heading = ""): DocClause => {
    // One rule, stated once: the clauses that cite it, each under its own subheading when there are several.
    const blocks: Block[] = cs.flatMap((c, i) =>
      cs.length === 1 || (i === 0 && c.title === title)
        ? c.blocks
        : [{ kind: "paragraph", text: `${c.title}.`, heading: true }, ...c.blocks],
    );
    // The heading says the rule's number and title: a reference that says no more is not repeated under it.
    const refs = [...new Set(cs.flatMap((c) => c.references ?? []))].filter((r) => {
      const n = ruleNumber(r);
      const said = n === undefined ? undefined : n.letter === undefined ? n.rule : `${n.rule}.${n.letter}`;
      // A sub-numbered reference ("1103.B.1") says more than the heading ("1103.B").
      return said !== (number === "" ? heading : number) || /\.[A-Z]\.[0-9]/.test(r);
    });
    const source = cs.find((c) => c.source !== undefined)?.source;
    return {
      number,
      title,
      blocks,
      ...(source === undefined ? {} : { source }),
      ...(refs.length === 0 ? {} : { references: refs }),
    };
  };
  const sections: DocSection[] = [];
  const definitions = doc.sections.find((s) => s.title === "Definitions");
  if (definitions !== undefined)
    sections.push({ ...definitions, number: "", clauses: definitions.clauses.map((c) => ({ ...c, number: "" })) });
  if (loose.length > 0) sections.push({ number: "", title: "General", clauses: loose.map((c) => ({ ...c, number: "" })) });
  for (const g of [...groups.values()].sort((a, b) => compareRules(a.rule, b.rule))) {
    const clauses: DocClause[] = [];
    const letters = [...g.parts.keys()].sort();
    for (const k of letters) {
      const part = g.parts.get(k)!;
      const titled = new Map<string, DocClause[]>();
      // Clauses without a rule number of their own keep their title; the others are the rule's.
      const own = part.clauses.filter((c) => [...(c.references ?? []), ...(c.cites ?? [])].some((r) => ruleNumber(r) !== undefined));
      const rest = part.clauses.filter((c) => !own.includes(c));
      for (const c of rest) titled.set(c.title, [...(titled.get(c.title) ?? []), c]);
      const title = k === "" ? (g.title ?? g.fallbackTitle) : part.title;
      // A rule without lettered parts is headed once, by the section.
      if (own.length > 0)
        clauses.push(
          k === "" && letters.length === 1
            ? { ...merged("", title, own, g.rule), title: "" }
            : merged(k === "" ? g.rule : `${g.rule}.${k}`, title, own),
        );
      for (const [t, cs] of titled) clauses.push(merged("", t, cs));
    }
    sections.push({ number: g.rule, title: g.title ?? g.fallbackTitle, clauses });
  }
  if (disclaimers.length > 0) sections.push({ number: "", title: "Index disclaimer", clauses: [...disclaimers] });
  let appendix = 0;
  for (const s of doc.sections) {
    if (subject.has(s) || s === definitions) continue;
    const letter = String.fromCharCode(65 + appendix++);
    sections.push({
      number: `Appendix ${letter}`,
      title: s.title,
      clauses: s.clauses.map((c, i) => ({ ...c, number: `${letter}.${i + 1}` })),
    });
  }
  return { ...doc, sections };
}
