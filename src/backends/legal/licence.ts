/**
 * The index licence and disclaimer of a contract in the readable contract: the licence as one generated sentence
 * from the contract's `index licence` (the index and its licensor, nothing more), the disclaimer in the author's
 * words, one paragraph per string of `index disclaimer`. In the rulebook layout the clause is numbered by the rule its
 * statement cites, as CME numbers the disclaimer of an index futures chapter, and replaces the disclaimer the layout
 * would otherwise generate for that index.
 */
import type { Contract, Index, Spec } from "../../model/types.js";

/** How the chapter names an index: "the Bitcoin Reference Rate (BTC_REF)", or "the BTC_REF index" without a title. */
export function indexPhrase(i: Pick<Index, "name" | "title">): string {
  return i.title ? `the ${i.title} (${i.name})` : `the ${i.name} index`;
}

/** The licence sentence: "The Exchange lists the contract under a licence from X to use the … (BTC_REF)." */
export function licenceSentence(spec: Spec, licence: { readonly index: string; readonly licensor: string }): string {
  const i = Object.hasOwn(spec.indices, licence.index) ? spec.indices[licence.index] : undefined;
  const name = i === undefined ? `the ${licence.index} index` : indexPhrase(i);
  return `The Exchange lists the contract under a licence from ${licence.licensor} to use ${name} in connection with the trading of the contract.`;
}

/** The indices whose disclaimer the subject contract states in its own rule (the generated disclaimer leaves them out). */
export function disclaimedIndices(c: Contract | undefined): ReadonlySet<string> {
  if (c === undefined || (c.indexDisclaimer ?? []).length === 0) return new Set();
  return new Set((c.indexLicence ?? []).map((l) => l.value.index));
}

/**
 * The authors' disclaimers of the indices of a spec, by index: the paragraphs of the latest version stated by a
 * contract of the spec that licenses the index (an option's underlying future, a spread's legs), with its references.
 */
export function authoredDisclaimers(
  spec: Spec,
): ReadonlyMap<string, { readonly paragraphs: readonly string[]; readonly clauses: readonly string[] }> {
  const out = new Map<string, { paragraphs: readonly string[]; clauses: readonly string[] }>();
  for (const c of Object.values(spec.contracts).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const d = c.indexDisclaimer?.[c.indexDisclaimer.length - 1];
    if (d === undefined) continue;
    for (const l of c.indexLicence ?? []) if (!out.has(l.value.index)) out.set(l.value.index, { paragraphs: d.value, clauses: d.clauses });
  }
  return out;
}
