/**
 * The listing cycle of a contract (`listing …`): the words the parser takes as identifiers (`nearest`,
 * `additional`), the months of month sets, the counts, the invariants of `model/invariants.ts` (E5031, E5032)
 * and the older spelling `plus the next N in MONTHS` (W5030), which reads either as `the nearest N months in` or as
 * `N additional months in`; it keeps its compiled meaning, the nearest, and the warning says which to write.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { listingProblems, type ListingPartValue } from "../model/invariants.js";
import { COUNT_BOUNDS, type CountBound } from "../runtime/bounds.js";
import type { ListingStmt, NumberLit } from "../syntax/ast.js";
import type { Report } from "./program.js";
import { ADDITIONAL_WORD, LISTING_TIME_WORDS, NEAREST_WORD, month, weekday, word, type WordContext } from "./words.js";

/** Checks one `listing` statement; `count` reads a count against its range (contracts.ts's). */
export function checkListing(
  s: ListingStmt,
  report: Report,
  context: WordContext,
  count: (n: NumberLit | undefined, bound: CountBound, what: string) => void,
): void {
  const values: ListingPartValue[] = [];
  for (const part of s.parts) {
    if (part.kind === "Consecutive") {
      count(part.count, COUNT_BOUNDS.listedPeriods, "the number of consecutive periods");
      values.push({ kind: "consecutive", period: part.period });
      continue;
    }
    if (part.kind === "OnExpiry") {
      month(part.expiring, report, context);
      for (const m of part.months) month(m, report, context);
      count(part.years, COUNT_BOUNDS.listingYearsLater, "the number of years");
      values.push({ kind: "on-expiry" });
      continue;
    }
    count(part.count, COUNT_BOUNDS.listedMonths, "the number of listed months");
    for (const m of part.months) month(m, report, context);
    if (part.kind === "Nearest") word(NEAREST_WORD, part.word, report, context);
    if (part.kind === "Additional") word(ADDITIONAL_WORD, part.word, report, context);
    if (part.kind === "NextIn") {
      const n = part.count?.raw ?? "N";
      const months = part.months.map((m) => m.name).join(", ");
      report(
        diag(Codes.AmbiguousListingPart, part.span, `\`the next ${n} in ${months}\` can be read two ways; it is read as the nearest ${n}`, {
          context,
          notes: [
            `\`the nearest ${n} months in ${months}\` lists the ${n} nearest such months, counting those already listed`,
            `\`${n} additional months in ${months}\` lists ${n} more after the latest month already listed`,
          ],
          hint: `write \`the nearest ${n} months in ${months}\` to keep this meaning`,
        }),
      );
    }
    values.push({ kind: part.kind === "Additional" ? "additional" : "next-in" });
  }
  if (s.time !== undefined) {
    s.time.words.forEach((w, i) => word(LISTING_TIME_WORDS[i]!, w, report, context));
    weekday(s.time.weekday, report, context);
    values.push({ kind: "listed-at" });
  }
  for (const p of listingProblems(values)) {
    const part = s.parts[p.part]!;
    if (p.problem === "additional-first")
      report(
        diag(
          Codes.AdditionalMonthsFirst,
          part.span,
          "`additional` months follow the months listed before them, and nothing is listed before",
          {
            context,
            hint: "write `the nearest … months in …` for the first part of a cycle",
          },
        ),
      );
    else if (p.problem === "month-set-in-weeks")
      report(
        diag(Codes.MonthSetInWeeklyListing, part.span, "a listing cycle in weeks cannot name months", {
          context,
          notes: ["a weekly contract's periods are weeks; months of a set are never among them"],
          hint: "list weekly contracts with `N consecutive weeks` alone, or the monthly contract in its own declaration",
        }),
      );
  }
}
