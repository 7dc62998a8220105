/**
 * Small functions, small files: no function of src/ over 120 lines and no file over 600 lines unless it is listed
 * here with the reason it stays long (scripts/long-functions.ts measures them; `npx tsx scripts/long-functions.ts`
 * prints the list). A new long one fails this test: split it along its stages, or add it here with its reason. An
 * entry that is no longer long fails too, so that the list only shrinks.
 */
import { describe, expect, it } from "vitest";
import { FILE_LIMIT, FUNCTION_LIMIT, keyOf, longFunctionsOf, longUnits } from "../scripts/long-functions.js";

/** `file` or `file:function` (`Class.method`, `outer/inner`) → why it is long. */
const ALLOWED: Readonly<Record<string, string>> = {
  // Files.
  "src/model/invariants.ts": "one function per loader invariant, each small; the one place they are stated",
  "src/runtime/functions/steps.ts": "the exported steps of the settlement functions, each small, which the generated modules call by name",
  "src/cli/args.ts":
    "the invocation types of every command and the one scanner of their options: each option's value checked once, by one table (commands.ts), for every command",
  "src/runtime/engine/settlement.ts":
    "final settlement and the fallback waterfall that decides it, with the small payoff functions beside them; the ISDA steps are apart in disruption-fallbacks.ts",
  "src/runtime/numbers/decimal.ts": "the Decimal type: one class with its parsing and rounding, each method small",
  "src/runtime/market-data/observations.ts": "the push parser of observations (see createObservationParser)",
  "src/cli/commands.ts": "the command table, data only: each command's operands, options and help prose",
  "src/diagnostics/codes.ts": "the registry of diagnostic codes, data only: one entry per code with its name and phase",
  "src/syntax/statements.ts":
    "the statement registry, data only: one entry per statement kind with its phrase, label, occurrences and example",
  "src/cli/system.ts":
    "the Node implementation of System (one small method per capability) and the folder replacement it performs; the only module that touches fs and process",
  // Functions.
  "src/runtime/market-data/observations.ts:createObservationParser":
    "the push parser's state is closed over by its hot per-row paths (text and bytes); a split must keep bench/settlement.mjs's read rate",
  "src/lsp/server.ts:startServer":
    "the state of one connection (workspace folder, open documents, file lists, pending check) closed over by its lifecycle and document handlers; the requests, paths and capabilities are apart",
  "src/format/layout.ts:buildLayout":
    "the formatter's one walk over tokens and comments: the position and the pending comments are state shared by every construct",
  "src/backends/settlement/to-module.ts:generateModule":
    "the generated module's text in the order it is printed, its names from one scope (a section's names depend on those before)",
  "src/backends/diff/semantic.ts:compareDeclaration": "the comparison of each field of a declaration in document order",
  "src/backends/sql/to-sql.ts:segmentSql": "one SQL statement assembled from its clauses in order",
  "src/runtime/engine/settlement.ts:runWaterfall": "the fallback waterfall's levels in the order the rulebook tries them",
  "src/cli/system.ts:nodeSystem": "Node's fs and process behind the System interface: one small method each, in one object",
  "src/runtime/market-data/fixings.ts:parseFixings": "one pass over the lines of a fixings file, each field with its error",
  "src/syntax/grammar/fallback.ts:FallbackRules/<anonymous>":
    "the fallback actions: one chevrotain OR whose alternatives must share one rule for LL(k); each alternative is short",
  "src/syntax/grammar/daily.ts:DailyRules/<anonymous>":
    "the daily settlement step's alternatives, one chevrotain OR (each alternative a few lines; the carry step of issue 16 took it over the limit)",
};

describe("long functions and files", () => {
  const found = longUnits();
  const keys = new Set(found.map(keyOf));

  it("lists every function over the limit and every file over the limit with its reason", () => {
    const unlisted = found
      .filter((u) => !Object.hasOwn(ALLOWED, keyOf(u)))
      .map((u) => `${keyOf(u)}: ${u.lines} lines (limit ${u.kind === "file" ? FILE_LIMIT : FUNCTION_LIMIT})`);
    expect(unlisted, "split these along their stages, or list them in test/long-functions.test.ts with the reason").toEqual([]);
  });

  it("lists nothing that is no longer long", () => {
    const stale = Object.keys(ALLOWED).filter((k) => !keys.has(k));
    expect(stale, "remove these entries from test/long-functions.test.ts: they are within the limits now").toEqual([]);
  });

  it("measures a function's whole span, nested functions listed on their own", () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const x${i} = ${i};`).join("\n");
    const text = `export function outer() {\n${body(60)}\n  const inner = () => {\n${body(70)}\n  };\n}\nclass C {\n  m() {\n${body(125)}\n  }\n}\n`;
    expect(longFunctionsOf("f.ts", text, 120).map((u) => [u.name, u.lines])).toEqual([
      ["outer", 134],
      ["C.m", 127],
    ]);
    expect(longFunctionsOf("f.ts", text, 60).map((u) => u.name)).toEqual(["outer", "outer/inner", "C.m"]);
  });
});
