/**
 * Error recovery is linear and bounded (issue 13): stray lines are skipped in the same pass as the parse (each of
 * their tokens exactly once, counted by `parseWork`), a file full of errors is read up to the error limit and no
 * further, deep nesting cannot exhaust the stack, and forbidden characters are refused wherever they stand. Work
 * is counted, never timed; the timings are in bench/hostile.mjs.
 */
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import { parse, parseWork, MAX_LEXICAL_ERRORS, MAX_NESTING } from "../../src/syntax/parse.js";
import { MAX_STRAY_LINES_REPORTED, MAX_SYNTAX_ERRORS, parserInstance } from "../../src/syntax/parser.js";

const CAL = "calendar X {\n  time zone Europe/London\n";

function parsed(text: string) {
  return parse(new SourceFile("a.terms", text));
}

function codes(text: string): string[] {
  return parsed(text).diagnostics.map((d) => d.code);
}

describe("stray lines", () => {
  it("are skipped in one pass, each token once, whatever their number", () => {
    for (const n of [10, 1_000, 20_000]) {
      const text = `${CAL}${Array.from({ length: n }, () => "  foo bar baz").join("\n")}\n}\n`;
      const r = parsed(text);
      expect(parseWork.passes).toBe(1);
      expect(parseWork.strayTokensSkipped).toBe(3 * n);
      // The first 100 are reported, then one diagnostic counts the others.
      const reported = r.diagnostics.filter((d) => d.message.includes("found `foo`")).length;
      expect(reported).toBe(Math.min(n, MAX_STRAY_LINES_REPORTED));
      const more = r.diagnostics.filter((d) => d.message.endsWith("start no statement"));
      expect(more.map((d) => d.message)).toEqual(
        n > MAX_STRAY_LINES_REPORTED ? [`${n - MAX_STRAY_LINES_REPORTED} more lines start no statement`] : [],
      );
    }
  });

  it("skip a long line in one go, with one error", () => {
    for (const n of [100, 100_000]) {
      const text = `${CAL}  ${Array.from({ length: n }, () => "foo").join(" ")}\n}\n`;
      const r = parsed(text);
      expect(r.diagnostics.map((d) => `${d.code} ${d.span.start}`)).toEqual([`E1010 ${CAL.length + 2}`]);
      expect(parseWork.passes).toBe(1);
      expect(parseWork.strayTokensSkipped).toBe(n);
    }
  });

  it("between statements are skipped and the statements around them are kept", () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => (i % 2 === 0 ? "  foo" : '  holiday "H" on 1 January'));
    const r = parsed(`${CAL}${lines.join("\n")}\n}\n`);
    const decl = r.ast.declarations[0]!;
    expect(decl.statements.length).toBe(1 + 1_000);
    expect(parseWork.passes).toBe(1);
    expect(parseWork.strayTokensSkipped).toBe(1_000);
    // The recovery resumes statement lists without recursion: no stack overflow, no internal error.
    expect(r.diagnostics.some((d) => d.code === "E9001")).toBe(false);
  });

  it("uses the chevrotain internals it relies on (a chevrotain upgrade that renames them fails here)", () => {
    const internals = parserInstance as unknown as Record<string, unknown>;
    for (const name of ["attemptInRepetitionRecovery", "getCurrRuleFullName", "SAVE_ERROR", "moveToTerminatedState", "SKIP_TOKEN"]) {
      expect(typeof internals[name], name).toBe("function");
    }
    expect(typeof (internals["errorMessageProvider"] as { buildMismatchTokenMessage?: unknown }).buildMismatchTokenMessage).toBe(
      "function",
    );
  });
});

describe("a file full of errors", () => {
  it("is read up to the line of the error past the limit, and parsed at most twice", () => {
    for (const n of [150, 20_000]) {
      const text = `${CAL}${Array.from({ length: n }, () => "  time zone").join("\n")}\n}\n`;
      const r = parsed(text);
      expect(parseWork.passes).toBeLessThanOrEqual(2);
      expect(r.diagnostics.length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS + 1);
      const stop = r.diagnostics.filter((d) => d.code === "E1016");
      expect(stop.length).toBe(1);
      // Nothing is reported at or after the place it stopped.
      expect(r.diagnostics.every((d) => d.span.start <= stop[0]!.span.start)).toBe(true);
      // The declaration before that line is kept.
      expect(r.ast.declarations.map((d) => d.name?.name)).toEqual(["X"]);
    }
  });

  it("with more than the limit of bad characters stops at the line of the first one past it", () => {
    const line = Array.from({ length: 50 }, () => ";").join(" ");
    const text = `${CAL}${Array.from({ length: 1_000 }, () => `  ${line}`).join("\n")}\n}\n`;
    const r = parsed(text);
    const e1001 = r.diagnostics.filter((d) => d.code === "E1001").length;
    expect(e1001).toBe(MAX_LEXICAL_ERRORS);
    expect(r.diagnostics.filter((d) => d.code === "E1016").map((d) => r.diagnostics.indexOf(d))).toEqual([MAX_LEXICAL_ERRORS]);
    expect(parseWork.passes).toBe(1);
  });

  it("below the limits is reported in full", () => {
    const text = `${CAL}${Array.from({ length: 50 }, () => "  time zone").join("\n")}\n}\n`;
    expect(codes(text).filter((c) => c === "E1016")).toEqual([]);
  });
});

describe("nesting", () => {
  it(`is bounded at ${MAX_NESTING} levels: deeper blocks are left out, with one error and no stack overflow`, () => {
    for (const n of [MAX_NESTING + 1, 200_000]) {
      const r = parsed(`calendar X ${"{ ".repeat(n)}\n`);
      const cs = r.diagnostics.map((d) => d.code);
      expect(cs).not.toContain("E9001");
      expect(cs.filter((c) => c === "E1014")).toEqual(n > MAX_NESTING ? ["E1014"] : []);
    }
    const nested = `index I {\n${"source S {\n".repeat(100_000)}`;
    expect(codes(nested)).not.toContain("E9001");
    expect(codes(nested)).toContain("E1014");
  });

  it(`allows ${MAX_NESTING} levels`, () => {
    const text = `calendar X ${"{ ".repeat(MAX_NESTING)}${"} ".repeat(MAX_NESTING)}\n`;
    expect(codes(text)).not.toContain("E1014");
  });
});

describe("forbidden characters", () => {
  const cases: [string, string][] = [
    ["NUL", "\u0000"],
    ["ESCAPE", "\u001b"],
    ["DELETE", "\u007f"],
    ["a C1 control", "\u009b"],
    ["ARABIC LETTER MARK", "\u061c"],
    ["LEFT-TO-RIGHT MARK", "\u200e"],
    ["RIGHT-TO-LEFT MARK", "\u200f"],
    ["LEFT-TO-RIGHT EMBEDDING", "\u202a"],
    ["RIGHT-TO-LEFT OVERRIDE", "\u202e"],
    ["LEFT-TO-RIGHT ISOLATE", "\u2066"],
    ["POP DIRECTIONAL ISOLATE", "\u2069"],
    ["a lone surrogate", "\ud800"],
  ];
  for (const [name, c] of cases) {
    it(`refuses ${name} in a title, in a comment, between words, and as an escape`, () => {
      const hex = c.charCodeAt(0).toString(16);
      for (const text of [
        `calendar X "a${c}b" {\n  time zone Europe/London\n}\n`,
        `// a${c}b\ncalendar X {\n  time zone Europe/London\n}\n`,
        `calendar X {\n  time${c} zone Europe/London\n}\n`,
        `calendar X {\n  time zone Europe/London\n  description "a\\u{${hex}}b"\n}\n`,
      ]) {
        const r = parsed(text);
        expect(
          r.diagnostics.map((d) => d.code),
          JSON.stringify(text),
        ).toContain("E1015");
        // No message quotes the character raw.
        for (const d of r.diagnostics) expect(d.message.includes(c), d.message).toBe(false);
      }
    });
  }

  it("allows tabs, line breaks, `\\n` and `\\t`, and other text in any script", () => {
    const text = `calendar X "Tōkyō 東京 — «x» 🙂" {\r\n\ttime zone Europe/London\n  description "a\\nb\\tc \\u{2019}"\n}\n`;
    expect(codes(text)).toEqual([]);
  });

  it("refuses a carriage return written as an escape", () => {
    expect(codes(`calendar X {\n  time zone Europe/London\n  description "a\\u{D}b"\n}\n`)).toEqual(["E1015"]);
  });
});
