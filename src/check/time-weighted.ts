/**
 * The volume-time-weighted average (`vtwap`, issue 15): each trade weighs its volume times the time its price stood
 * (until the next trade or the end of its interval or window). Checks that it is stated where trades have instants:
 * at `aggregate trades` only, never for sources, intervals or a degradation rule (E5280), and over a window of
 * several pieces only with a partition (E5281), so a price never stands across a gap. Called by the index check
 * (indices.ts); the rules are functions of model/invariants.ts that the loader calls too.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { timeWeightedAcrossPieces, timeWeightedBeyondTrades } from "../model/invariants.js";
import type { IndexDecl, Method, Statement } from "../syntax/ast.js";
import type { Report } from "./program.js";
import { AGGREGATION_METHODS } from "./words.js";

type Context = readonly string[];

const nameOf = (m: Method | undefined) => AGGREGATION_METHODS.words.find(([w]) => w === m?.name?.name)?.[1];

/** Reports `vtwap` where its values have no instants (E5280) or would stand across a window's gap (E5281). */
export function checkTimeWeighted(decl: IndexDecl, context: Context, report: Report): void {
  const of = <K extends Statement["kind"]>(kind: K): Extract<Statement, { kind: K }>[] =>
    decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
  const beyond = (level: "intervals" | "sources", m: Method | undefined, what: string) => {
    const name = nameOf(m);
    if (name === undefined || !timeWeightedBeyondTrades(level, name)) return;
    report(
      diag(Codes.TimeWeightedBeyondTrades, m!.span, `${what} cannot be combined by vtwap: they have no instant of their own`, {
        context,
        notes: ["vtwap weighs each trade by its volume times the time until the next trade (or the end of its interval or window)"],
        hint: "write `aggregate trades by vtwap`, and combine the values above the trades by `mean` or `median`",
      }),
    );
  };
  for (const a of of("Aggregate")) {
    if (a.level === "intervals") beyond("intervals", a.method, "intervals");
    else if (a.level === "sources") beyond("sources", a.method, "sources");
  }
  for (const d of of("Degradation")) beyond("sources", d.method, "sources");

  const trades = of("Aggregate").find((a) => a.level === "trades");
  const window = of("Window")[0];
  const name = nameOf(trades?.method);
  if (trades === undefined || window === undefined || name === undefined) return;
  if (timeWeightedAcrossPieces(name, 1 + (window.also?.length ?? 0), of("Partition").length > 0))
    report(
      diag(Codes.TimeWeightedAcrossPieces, trades.method!.span, "vtwap over a window of several pieces needs a partition", {
        context,
        labels: [{ span: window.span, message: "a window of several pieces" }],
        notes: [
          "a trade's price stands until the next trade: across the gap between two pieces it would stand in hours the index does not observe",
        ],
        hint: "add a partition whose intervals divide each piece, e.g. `partition into 12 intervals of 1 hour`",
      }),
    );
}
