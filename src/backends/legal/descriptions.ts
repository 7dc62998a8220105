/**
 * How the readable contract treats an author's description beside the sentences it generates from the terms: a
 * description that states a figure the terms contradict (src/base/stated-facts.ts) gets a note saying both, and one
 * that only restates the generated sentences is left out, so that each rule is stated once. Used by the builder
 * (from-model.ts) and by the redline (backends/diff), which says when a description stayed while its terms changed.
 */
import { descriptionConflicts, type FactConflict } from "../../base/stated-facts.js";

/** The note that follows a description whose figures the terms contradict, or undefined when they agree. */
export function conflictNote(description: string, terms: string): string | undefined {
  const cs = descriptionConflicts(description, terms);
  if (cs.length === 0) return undefined;
  return `Note: this description states ${cs.map(said).join(" and ")}.`;
}

function said(c: FactConflict): string {
  const t = [...new Set(c.terms.map((x) => x.text))];
  return `${c.stated.text} where the terms state ${t.join(" or ")}`;
}

const STOP = new Set(
  "a an and are as at be by can for from in is it its of on or that the their them then they this to which with may must will each any all not no only one"
    .split(" ")
    .filter((w) => w !== "not" && w !== "no" && w !== "only"),
);

/** The content words of a text, lower case, crudely singular. */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9.:'-]*[a-z0-9]|[a-z0-9]/g) ?? [])
    .map((w) => w.replace(/'s$/, "").replace(/(?<=[a-z]{3})(es|s)$/, ""))
    .filter((w) => !STOP.has(w));
}

/**
 * Whether a description only restates the generated sentences: every content word of it occurs in them (so it adds
 * no condition, figure or name of its own).
 */
export function restates(description: string, generated: string): boolean {
  const have = new Set(contentWords(generated));
  const words = contentWords(description);
  return words.length > 0 && words.every((w) => have.has(w));
}
