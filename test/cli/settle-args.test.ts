/**
 * In-process tests of the arguments of `termsheet settle` and `termsheet index` (src/cli/args.ts): the options in
 * both spellings, the checks of their form, and each usage error with its hint.
 */
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";

describe("parseArgs: settle and index", () => {
  it("parses a final settlement with a position and an option", () => {
    expect(
      parseArgs([
        "settle",
        "FOTI_OPT.json",
        "--contract",
        "FOTI_OPT",
        "--month=2026-12",
        "--observations",
        "o.csv",
        "--fixings",
        "f.csv",
        "--position",
        "10@12.345",
        "--right",
        "call",
        "--strike",
        "12",
        "--format",
        "json",
      ]),
    ).toEqual({
      kind: "settle",
      command: "settle",
      inputs: ["FOTI_OPT.json"],
      format: "json",
      options: {
        contract: "FOTI_OPT",
        month: "2026-12",
        observations: "o.csv",
        fixings: "f.csv",
        position: { quantity: "10", price: "12.345" },
        right: "call",
        strike: "12",
      },
    });
  });

  it("parses a daily settlement, a short position in the = form, and a determined value", () => {
    expect(
      parseArgs([
        "settle",
        "s.json",
        "--contract",
        "BTC-H26",
        "--daily",
        "2026-03-20",
        "--prior",
        "87000",
        "--bid",
        "86999",
        "--ask",
        "87001",
        "--position=-5@87000.5",
        "--observations",
        "t.csv",
      ]),
    ).toMatchObject({
      options: {
        contract: "BTC-H26",
        daily: "2026-03-20",
        prior: "87000",
        bid: "86999",
        ask: "87001",
        position: { quantity: "-5", price: "87000.5" },
      },
      format: "text",
    });
    expect(parseArgs(["settle", "s.json", "--contract", "FOTI", "--expiry", "2026-03-26", "--determined=-0.5"])).toMatchObject({
      options: { expiry: "2026-03-26", determined: "-0.5" },
    });
  });

  it("takes a negative number after an option as its value, and still refuses an option there", () => {
    expect(parseArgs(["settle", "s.json", "--contract", "FOTI-Z26", "--position", "-5@12.3", "--determined", "-0.5"])).toMatchObject({
      options: { position: { quantity: "-5", price: "12.3" }, determined: "-0.5" },
    });
    expect(parseArgs(["settle", "s.json", "--contract", "FOTI-Z26", "--position", "--format", "json"])).toMatchObject({
      kind: "usage-error",
      message: "`--position` needs a value",
    });
  });

  it("parses index with an instant or a date", () => {
    expect(parseArgs(["index", "BTC.json", "--index", "BTC_REF", "--at", "2026-03-27T16:00:00+01:00", "--observations", "o.csv"])).toEqual({
      kind: "settle",
      command: "index",
      inputs: ["BTC.json"],
      format: "text",
      options: { index: "BTC_REF", at: "2026-03-27T16:00:00+01:00", observations: "o.csv" },
    });
    expect(parseArgs(["index", "BTC.json", "--at", "2026-03-27", "--observations", "o.csv"])).toMatchObject({
      options: { at: "2026-03-27" },
    });
  });

  it.each([
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observatons", "o.csv"],
      "unknown option `--observatons` for `termsheet settle`",
      "did you mean `--observations`?",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-13", "--observations", "o.csv"],
      "`--month` needs a month YYYY-MM, not `2026-13`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--expiry", "2026-02-30", "--observations", "o.csv"],
      "`--expiry` needs a date YYYY-MM-DD, not `2026-02-30`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--expiry", "2026-03-27", "--observations", "o.csv"],
      "give `--month` or `--expiry`, not both",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv", "--position", "10"],
      "`--position` needs QTY@PRICE, not `10`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv", "--right", "cal"],
      "`--right` is `call` or `put`, not `cal`",
      "did you mean `call`?",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv", "--right", "call"],
      "an option needs both `--right call|put` and `--strike K`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv", "--strike", "1e3"],
      "`--strike` needs a price such as 12.345, not `1e3`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv", "--prior", "1"],
      "`--prior` is for a daily settlement: add `--daily YYYY-MM-DD`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--daily", "2026-03-02", "--observations", "o.csv", "--bid", "1"],
      "give both `--bid` and `--ask`, or neither",
    ],
    [["settle", "s.json", "--month", "2026-03", "--observations", "o.csv"], "missing `--contract`"],
    [
      ["settle", "s.json", "--contract", "BTC_DS", "--strip", "2026-04@60000"],
      "`--strip` is for a daily settlement: add `--daily YYYY-MM-DD`",
    ],
    [
      ["settle", "s.json", "--contract", "BTC_DS", "--daily", "2026-03-27", "--strip", "2026-04@60000", "--prior", "1"],
      "`--prior` is for one contract month; with `--strip` each month is listed with its prior settlement",
    ],
    [
      ["settle", "s.json", "--contract", "FOTI_CAL_FB-H26", "--valued-on", "2026-03-27"],
      "`--valued-on` is the day a spread position's legs are valued on: add `--legs PRICE`",
    ],
    [
      ["settle", "s.json", "--contract", "FOTI_CAL_FB-H26", "--legs", "10.1"],
      "`--legs` converts a spread position into its legs: add `--position QTY@SPREAD_PRICE`",
    ],
    [
      ["settle", "s.json", "--contract", "FOTI_CAL_FB-H26", "--legs", "10.1", "--position", "2@-0.0775", "--daily", "2026-03-20"],
      "`--legs` is for a spread position's final settlement, not with `--daily`",
    ],
    [["index", "s.json", "--at", "2026-03-27"], "missing `--observations FILE` (or `--fixings FILE`)"],
    [
      ["settle", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv"],
      "missing the spec: a compiled .json spec, or .terms files or folders",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--observations", "o.csv", "--format", "jsn"],
      "unknown format `jsn`",
      "did you mean `json`?",
    ],
    [["index", "s.json", "--index", "BTC_REF", "--observations", "o.csv"], "missing `--at`"],
    [
      ["index", "s.json", "--at", "2026-03-27T16:00:00", "--observations", "o.csv"],
      "`--at` needs an instant with an offset (2026-03-27T16:00:00Z) or a date YYYY-MM-DD, not `2026-03-27T16:00:00`",
    ],
    [["index", "s.json", "--at", "2026-03-27", "--month", "2026-03"], "unknown option `--month` for `termsheet index`"],
    // Numbers beyond the input precision (38 significant digits, 18 decimal places), named by their option.
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--daily", "2026-03-02", "--prior", "0.0000000000000000001"],
      '`--prior`: precision-out-of-range: "0.0000000000000000001" has 19 decimal places; at most 18 are accepted',
      "numbers have at most 38 significant digits and 18 decimal places",
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--determined", `1${"0".repeat(38)}`],
      `\`--determined\`: precision-out-of-range: "1${"0".repeat(38)}" has 39 significant digits; at most 38 are accepted`,
    ],
    [
      ["settle", "s.json", "--contract", "BTC", "--month", "2026-03", "--position", `1${"0".repeat(38)}@10`],
      `\`--position\` quantity: precision-out-of-range: "1${"0".repeat(38)}" has 39 significant digits; at most 38 are accepted`,
    ],
  ])("%j is a usage error", (argv, message, hint?) => {
    const inv = parseArgs(argv);
    expect(inv).toMatchObject({ kind: "usage-error", message, command: argv[0] });
    if (hint !== undefined) expect(inv).toMatchObject({ hint });
  });

  it("settle and index --help ask for their help pages", () => {
    expect(parseArgs(["settle", "--help"])).toEqual({ kind: "help", command: "settle" });
    expect(parseArgs(["help", "index"])).toEqual({ kind: "help", command: "index" });
  });
});
