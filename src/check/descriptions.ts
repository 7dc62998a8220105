/**
 * Descriptions that contradict their terms: a warning when an author's description of a statement states a figure
 * (an amount with its unit, a percentage, a count, a duration, a time in a zone, a date) of a kind the statement's
 * own words state, with another value — `tick 0.002 USD per 1M tokens` described as "USD 0.001 per 1M tokens". The
 * comparison is src/base/stated-facts.ts, shared with the readable contract; declarations' descriptions, which
 * describe the whole contract with examples, are not compared.
 */
import { descriptionConflicts } from "../base/stated-facts.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import type { Span } from "../base/source.js";
import type { Program, Report } from "./program.js";

interface Node {
  readonly kind?: unknown;
  readonly span?: Span;
  readonly annotations?: { readonly descriptions: readonly { readonly value: string; readonly span: Span }[] };
}

const DECLARATIONS = new Set(["Calendar", "Index", "Future", "Option", "Spread"]);

/** Every String node's span inside a node. */
function strings(v: unknown, out: Span[]): void {
  if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === "object") {
    const n = v as Node;
    if (n.kind === "String" && n.span !== undefined) out.push(n.span);
    else for (const k in v) if (k !== "span") strings((v as Record<string, unknown>)[k], out);
  }
}

/**
 * The warnings of each declaration, kept by its node: they depend on the node and the text under its span only,
 * and the language service's incremental parse hands the check the same node for an unchanged declaration.
 */
const byDeclaration = new WeakMap<object, readonly Diagnostic[]>();

/** Reports W5014 for each statement description that states a figure its statement contradicts. */
export function checkDescriptions(program: Program, report: Report): void {
  for (const f of program.files) {
    for (const decl of f.ast.declarations) {
      let found = byDeclaration.get(decl);
      if (found === undefined) {
        const out: Diagnostic[] = [];
        declarationWarnings(f.source.text, decl, (d) => out.push(d));
        byDeclaration.set(decl, (found = out));
      }
      for (const d of found) report(d);
    }
  }
}

function declarationWarnings(text: string, declaration: unknown, report: Report): void {
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i]);
      return;
    }
    if (v === null || typeof v !== "object") return;
    const n = v as Node;
    // Most nodes have no descriptions: no empty array is made for them (this walk visits every node of the file).
    const ds = n.annotations?.descriptions;
    if (ds !== undefined && ds.length > 0 && n.span !== undefined && typeof n.kind === "string" && !DECLARATIONS.has(n.kind)) {
      // The statement's own words: its text with every string (descriptions, references, titles) blanked out.
      const blank: Span[] = [];
      strings(v, blank);
      let terms = text.slice(n.span.start, n.span.end);
      for (const b of blank)
        if (b.start >= n.span.start && b.end <= n.span.end)
          terms = terms.slice(0, b.start - n.span.start) + " ".repeat(b.end - b.start) + terms.slice(b.end - n.span.start);
      const end = Math.min(...blank.filter((b) => b.start >= n.span!.start).map((b) => b.start), n.span.end);
      for (const d of ds)
        for (const c of descriptionConflicts(d.value, terms))
          report(
            diag(
              Codes.DescriptionContradictsTerms,
              d.span,
              `the description states ${c.stated.text}, but the terms it describes state ${[...new Set(c.terms.map((t) => t.text))].join(" or ")}`,
              {
                labels: [{ span: { file: n.span.file, start: n.span.start, end }, message: "the terms described" }],
                hint: "update the description, or leave the figure to the terms",
              },
            ),
          );
    }
    // Every child but the span (a leaf of three numbers, on every node: skipping it halves the walk).
    for (const k in v) if (k !== "span") visit((v as Record<string, unknown>)[k]);
  };
  visit(declaration);
}
