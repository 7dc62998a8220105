/**
 * Tests of the code registry: shapes, uniqueness, phases and severities, and the `diag()` builder.
 */
import { describe, expect, it } from "vitest";
import { allCodes, codeInfo, codeKey, codesByKey, Codes, diag } from "../../src/diagnostics/index.js";

const span = { file: "a.terms", start: 0, end: 1 };

describe("the registry", () => {
  it("has well-formed, unique codes and kebab-case keys", () => {
    const codes = allCodes();
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    for (const c of codes) {
      expect(c.code).toMatch(/^[EW][0-9]{4}$/);
      expect(c.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.explanation).toMatch(/^[A-Z`].*\.$/);
      expect(c.explanation).not.toContain("\n");
    }
    // Keys are unique except that a warning shares the key of the error with its number.
    for (const c of codes) {
      const twins = codesByKey(c.key);
      expect(twins.map((t) => t.code.slice(1))).toEqual(twins.map(() => c.code.slice(1)));
      expect(twins.length).toBeLessThanOrEqual(2);
    }
  });

  it("derives phase and severity from the code", () => {
    expect(codeInfo(Codes.UnexpectedCharacter)).toMatchObject({ key: "unexpected-character", phase: "syntax", severity: "error" });
    expect(codeInfo(Codes.UnknownName)).toMatchObject({ code: "E2001", key: "unknown-name", phase: "names" });
    expect(codeInfo(Codes.UnitMismatch)?.phase).toBe("types");
    expect(codeInfo(Codes.NthWeekdayMissing)?.phase).toBe("dates");
    expect(codeInfo(Codes.InvalidAggregationOption)?.phase).toBe("domain");
    expect(codeInfo(Codes.ModelValidationFailed)?.phase).toBe("model");
    expect(codeInfo(Codes.InternalError)?.phase).toBe("internal");
    expect(codesByKey("unknown-name").map((c) => c.code)).toEqual(["E2001"]);
    expect(codeKey("E9999")).toBeUndefined();
  });

  it("contains the seed list", () => {
    expect(allCodes().map((c) => `${c.code} ${c.key}`)).toMatchInlineSnapshot(`
      [
        "E1001 unexpected-character",
        "E1002 unterminated-string",
        "E1003 unterminated-comment",
        "E1004 invalid-number",
        "E1005 invalid-date-literal",
        "E1006 invalid-time-literal",
        "E1009 precision-out-of-range",
        "E1010 unexpected-token",
        "E1011 missing-token",
        "E1012 unexpected-end-of-file",
        "E1013 unclosed-block",
        "E1014 nesting-too-deep",
        "E1015 forbidden-character",
        "E1016 too-many-syntax-errors",
        "E2001 unknown-name",
        "E2002 duplicate-declaration",
        "E2003 wrong-kind",
        "E2004 import-file-not-found",
        "E2005 import-name-not-found",
        "E2007 unknown-word",
        "E2008 duplicate-clause",
        "E2009 missing-clause",
        "E2010 unknown-time-zone",
        "E2011 clause-not-allowed",
        "E2012 not-supported",
        "E2013 input-not-found",
        "E2020 import-outside-project",
        "E2021 import-not-terms-file",
        "E2022 import-not-regular-file",
        "E2023 import-too-large",
        "E2024 names-differ-only-in-case",
        "E2025 reserved-file-name",
        "E2026 invalid-name",
        "E2027 empty-text",
        "E2120 session-word",
        "E2210 flag-text",
        "E2220 trade-side",
        "E2260 aggregated-with-itself",
        "E2300 record-word",
        "E3001 unit-mismatch",
        "E3002 unknown-unit",
        "E3003 non-positive-amount",
        "E3004 strike-not-on-tick",
        "E3005 limit-not-on-tick",
        "E3006 invalid-percentage",
        "E3007 contract-unit-mismatch",
        "E3008 tiers-not-ascending",
        "E3010 count-too-large",
        "E3040 ambiguous-unit",
        "E3041 option-unit-not-futures-contracts",
        "E3042 unit-declaration-collides",
        "E3043 malformed-unit-declaration",
        "E3290 strike-listing-off-grid",
        "E3300 reversal-window",
        "E3360 aggregated-units-differ",
        "E4001 expiry-not-business-day",
        "E4002 expiry-outside-month",
        "E4003 invalid-date",
        "E4004 calendar-cycle",
        "E4005 invalid-year-range",
        "E4006 empty-window",
        "E4007 partitions-do-not-divide-window",
        "E4008 overlapping-versions",
        "E4009 invalid-effective-range",
        "E4010 nth-weekday-missing",
        "E4011 end-of-day-time",
        "E4060 window-longer-than-a-day",
        "E4120 empty-trading-hours",
        "E4140 samples-do-not-divide-window",
        "E4141 too-many-samples",
        "E4180 version-selection-dated",
        "E4190 window-pieces-zones",
        "E4191 window-pieces-order",
        "E4270 no-self-selected-last-trading-day",
        "E4275 not-listed-needs-week",
        "E4350 when-not-business-day-convention",
        "E4351 when-not-business-day-anchor",
        "E5001 fallback-not-definite",
        "E5002 fallback-unreachable-step",
        "E5003 minimum-sources-exceeds-sources",
        "E5004 degradation-rules-gap-or-overlap",
        "E5005 missing-exact-half-convention",
        "E5006 step-numbering",
        "E5007 circular-reference",
        "E5008 missing-rounding",
        "E5009 invalid-aggregation-option",
        "E5010 missing-calendar",
        "E5011 one-sided-spread",
        "E5012 aggregation-without-data",
        "E5013 aggregation-ignored",
        "W5014 description-contradicts-terms",
        "W5030 ambiguous-listing-part",
        "E5031 additional-months-first",
        "E5032 month-set-in-weekly-listing",
        "E5050 payment-without-final-settlement",
        "E5070 capped-median-weighting",
        "E5071 zero-fixed-weights",
        "W5072 unrounded-may-not-terminate",
        "E5080 exclusion-without-average",
        "W5081 not-published-without-deadline",
        "E5090 futures-settlement-misplaced",
        "E5091 fallback-never-applies",
        "E5110 licensed-index-not-settled",
        "W5111 licensor-not-administrator",
        "E5112 disclaimer-without-licence",
        "E5120 session-change-without-hours",
        "E5130 limit-rounding-without-percent",
        "E5140 sampling-without-window",
        "E5141 sampling-conflict",
        "E5142 samples-without-volume",
        "W5150 limit-breach-without-daily",
        "E5151 deferred-step-outside-future",
        "E5190 sampled-window-pieces",
        "E5191 restatement-deadline",
        "E5200 carry-days-in-year",
        "E5201 carry-outside-future",
        "E5202 future-vwap-misplaced",
        "E5210 flag-on-failing-intervals",
        "E5220 priority-per-day-without-window",
        "E5270 fixing-tick-index-not-settled",
        "E5271 fixing-tick-not-the-tick",
        "E5280 time-weighted-beyond-trades",
        "E5281 time-weighted-across-pieces",
        "E5282 trade-qualification-without-window",
        "E5283 flag-below-unreachable",
        "E5310 dealer-poll-quorum",
        "E5311 dealer-poll-drops-all",
        "E5350 or-final-other-future",
        "E5390 leg-pricing-shape",
        "E5391 leg-pricing-anchor",
        "E6001 model-validation-failed",
        "E6170 sql-unsupported-construct",
        "E9001 internal-error",
      ]
    `);
  });

  it("makes a misspelt name a compile error", () => {
    // @ts-expect-error: no such code name
    expect(Codes.UnknownNmae).toBeUndefined();
    // @ts-expect-error: not a registered code string
    expect(() => diag("E0000", span, "x")).not.toThrow();
  });
});

describe("diag", () => {
  it("escapes control, bidirectional formatting and line-separator characters in every text it holds", () => {
    const d = diag(Codes.UnknownName, span, "unknown `\u202ex\u0000`", {
      context: ["calendar \u2066A"],
      labels: [{ span, message: "here\u0085" }],
      notes: ["line one\nline two\r"],
      hint: "did you mean \u200f?",
    });
    expect(d).toEqual({
      code: "E2001",
      severity: "error",
      message: "unknown `\\u{202E}x\\u{0}`",
      span,
      context: ["calendar \\u{2066}A"],
      labels: [{ span, message: "here\\u{85}" }],
      notes: ["line one\nline two\\u{D}"],
      hint: "did you mean \\u{200F}?",
    });
  });

  it("takes the severity from the registry and leaves out absent extras", () => {
    expect(diag(Codes.UnknownName, span, "unknown name `x`", { hint: undefined, notes: [] })).toEqual({
      code: "E2001",
      severity: "error",
      message: "unknown name `x`",
      span,
    });
    const d = diag(Codes.UnitMismatch, span, "d", {
      context: ["future FOTI"],
      labels: [{ span, message: "here" }],
      notes: ["n"],
      hint: "h",
    });
    expect(Object.keys(d)).toEqual(["code", "severity", "message", "span", "context", "labels", "notes", "hint"]);
    expect(d.severity).toBe("error");
  });
});
