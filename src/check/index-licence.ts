/**
 * The index licence and disclaimer of a contract (`index licence BTC_REF from "…"`, `index disclaimer "…"`): the
 * licensed index is one the contract settles on (E5110, the rule of model/invariants.ts, over the same walk of
 * settling indices as E5007), a disclaimer comes with the licence it is the licensor's disclaimer of (E5112), and a
 * licensor other than the administrator the index declares is worth a look (W5111, with both spans).
 */
import { Codes, diag } from "../diagnostics/index.js";
import { disclaimerWithoutLicence, licensedIndexNotSettled } from "../model/invariants.js";
import { indicesSettledOn } from "./fallbacks.js";
import { declarationKind, type Program, type Report } from "./program.js";

/** Checks every contract's index licence and disclaimer. */
export function checkIndexLicences(program: Program, report: Report): void {
  for (const file of program.files) {
    const path = file.source.path;
    for (const decl of file.ast.declarations) {
      if (decl.kind !== "Future" && decl.kind !== "Option" && decl.kind !== "Spread") continue;
      const context = [`${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`];
      const licences = decl.statements.filter((s) => s.kind === "IndexLicence");
      const disclaimers = decl.statements.filter((s) => s.kind === "IndexDisclaimer");
      // The chapter prints these texts: an empty one would be a licence from no one, or an empty paragraph.
      for (const s of [...licences, ...disclaimers]) {
        const texts =
          s.kind === "IndexLicence" ? (s.licensor === undefined ? [] : [s.licensor]) : s.kind === "IndexDisclaimer" ? s.paragraphs : [];
        for (const t of texts)
          if (t.value.trim() === "")
            report(
              diag(
                Codes.EmptyText,
                t.span,
                s.kind === "IndexLicence" ? "the licence names no licensor" : "this paragraph of the disclaimer is empty",
                {
                  context: [...context, s.kind === "IndexLicence" ? "index licence" : "index disclaimer"],
                  hint: s.kind === "IndexLicence" ? 'name who grants the licence: `from "Administrator Ltd."`' : "remove the empty string",
                },
              ),
            );
      }
      if (disclaimerWithoutLicence(disclaimers.length, licences.length))
        for (const d of disclaimers)
          report(
            diag(Codes.DisclaimerWithoutLicence, d.span, "this index disclaimer names no index: the contract states no index licence", {
              context: [...context, "index disclaimer"],
              notes: ["the disclaimer is the licensor's, printed under the licence of the index the contract settles on"],
              hint: 'state the licence too: `index licence INDEX from "Administrator Ltd."`',
            }),
          );
      for (const s of licences) {
        if (s.kind !== "IndexLicence" || s.index === undefined) continue;
        const sym = program.visible(path).get(s.index.name);
        if (sym === undefined || sym.kind !== "index") continue;
        const at = [...context, "index licence"];
        const settling = new Set(indicesSettledOn(program, path, decl));
        if (licensedIndexNotSettled(sym.name, settling)) {
          report(
            diag(Codes.LicensedIndexNotSettled, s.index.span, `\`${s.index.name}\` is not an index this contract settles on`, {
              context: at,
              notes: [
                settling.size === 0
                  ? "the contract settles on no index"
                  : `it settles on ${[...settling].map((x) => `\`${x}\``).join(", ")}`,
              ],
              hint: "license the index the contract settles on",
            }),
          );
          continue;
        }
        const admin = sym.decl.statements.find((x) => x.kind === "Administrator");
        const named = admin?.kind === "Administrator" ? admin.name : undefined;
        if (named === undefined || s.licensor === undefined || s.licensor.value.trim() === "") continue;
        if (normalise(named.value) === normalise(s.licensor.value)) continue;
        report(
          diag(
            Codes.LicensorNotAdministrator,
            s.licensor.span,
            `the licence is from "${s.licensor.value}", but \`${sym.name}\` is administered by "${named.value}"`,
            {
              context: at,
              labels: [{ span: named.span, message: "the index's administrator" }],
              notes: ["an index is licensed by its administrator, or by whoever holds the rights in it; check which one is meant"],
            },
          ),
        );
      }
    }
  }
}

/** A legal name compared without case, spacing or a final full stop ("CF Benchmarks Ltd." = "CF Benchmarks Ltd"). */
function normalise(name: string): string {
  return name.trim().replace(/\.$/, "").replace(/\s+/g, " ").toLowerCase();
}
