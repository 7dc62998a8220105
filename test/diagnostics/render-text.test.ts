/**
 * Golden tests of the text renderer: excerpts, carets, labels, footers, colour and the summary line.
 * Snapshots are inline so each expected rendering sits next to the diagnostic that produces it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import {
  Codes,
  diag,
  renderDiagnostic,
  renderDiagnostics,
  renderSummary,
  sourceLookup,
  type Diagnostic,
} from "../../src/diagnostics/index.js";

const foti = new SourceFile(
  "specs/foti.terms",
  [
    "// Futures on token inference.",
    'import { AITOK_OUT } from "indices.terms"',
    "",
    "future FOTI {",
    "  index AITOK_OUT",
    "  contract 1M tokens",
    "  quote USD per 1M tokens",
    "  fallback {",
    "    step 1 use AITOK_OUT",
    "    step 2 use last published value",
    "    step 3 use dealer poll",
    "    step 4 use zero",
    "  }",
    "  tick 0.001 USD per GPU-hour",
    "}",
    "",
  ].join("\n"),
);
const indices = new SourceFile("indices.terms", "index AITOK_OUT {\n  unit USD per 1M tokens\n}\n");
const tabs = new SourceFile("tabs.terms", "future T {\n\ttick\t0.01 USD\n}");
const noNewline = new SourceFile("eof.terms", "future X {\n  tick 1");
const lookup = sourceLookup([foti, indices, tabs, noNewline]);

/** The span of the `nth` occurrence of `needle` in a file. */
function find(file: SourceFile, needle: string, nth = 1) {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = file.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  return file.span(at, at + needle.length);
}

const render = (d: Diagnostic) => "\n" + renderDiagnostic(d, lookup) + "\n";

/**
 * The warning twin of an error, numbered as the registry numbers one (W and the error's digits). No code of the
 * registry is a warning today; the renderer shows whatever severity it is given.
 */
const warning = (d: Diagnostic): Diagnostic => ({ ...d, code: `W${d.code.slice(1)}`, severity: "warning" });

describe("renderDiagnostic", () => {
  it("renders the example of CONVENTIONS.md", () => {
    const d = diag(
      Codes.UnitMismatch,
      find(foti, "0.001 USD per GPU-hour"),
      "unit mismatch: tick is in USD per GPU-hour, price is quoted in USD per 1M tokens",
      { context: ["future FOTI", "tick"], hint: "write the tick in the quote unit, USD per 1M tokens" },
    );
    expect(renderDiagnostic(d, lookup)).toBe(
      [
        "error[E3001]: unit mismatch: tick is in USD per GPU-hour, price is quoted in USD per 1M tokens",
        "  ┌─ specs/foti.terms:14:8",
        "   │",
        "14 │   tick 0.001 USD per GPU-hour",
        "   │        ^^^^^^^^^^^^^^^^^^^^^^",
        "   = in: future FOTI › tick",
        "   = hint: write the tick in the quote unit, USD per 1M tokens",
      ].join("\n"),
    );
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E3001]: unit mismatch: tick is in USD per GPU-hour, price is quoted in USD per 1M tokens
        ┌─ specs/foti.terms:14:8
         │
      14 │   tick 0.001 USD per GPU-hour
         │        ^^^^^^^^^^^^^^^^^^^^^^
         = in: future FOTI › tick
         = hint: write the tick in the quote unit, USD per 1M tokens
      "
    `);
  });

  it("underlines a span of several lines on its first and last line and elides the middle", () => {
    const start = foti.text.indexOf("fallback {");
    const end = foti.text.indexOf("  }\n", start) + 3;
    const d = diag(Codes.FallbackNotDefinite, foti.span(start, end), "fallback can end without a value", {
      context: ["future FOTI", "fallback"],
    });
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E5001]: fallback can end without a value
        ┌─ specs/foti.terms:8:3
         │
       8 │   fallback {
         │   ^^^^^^^^^^
       9 │     step 1 use AITOK_OUT
         ·
      12 │     step 4 use zero
      13 │   }
         │   ^
         = in: future FOTI › fallback
      "
    `);
  });

  it("shows every line of a short multi-line span, and a span ending after a line break ends on that line", () => {
    const start = foti.text.indexOf("step 3");
    const end = foti.text.indexOf("  }\n", start);
    const d = diag(Codes.FallbackUnreachableStep, foti.span(start, end), "steps 3 and 4 can never be reached");
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E5002]: steps 3 and 4 can never be reached
        ┌─ specs/foti.terms:11:5
         │
      11 │     step 3 use dealer poll
         │     ^^^^^^^^^^^^^^^^^^^^^^
      12 │     step 4 use zero
         │     ^^^^^^^^^^^^^^^
      "
    `);
  });

  it("gives a zero-width span one caret, also past the end of a line", () => {
    const at = foti.text.indexOf("  contract 1M tokens") + "  contract 1M tokens".length;
    const d = diag(Codes.MissingToken, foti.span(at, at), "expected a unit after `contract 1M tokens`");
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E1011]: expected a unit after \`contract 1M tokens\`
       ┌─ specs/foti.terms:6:21
        │
      6 │   contract 1M tokens
        │                     ^
      "
    `);
  });

  it("points at the end of a file that ends with a line break", () => {
    const end = foti.text.length;
    const d = diag(Codes.UnexpectedEndOfFile, foti.span(end, end), "the file ends inside `future FOTI`");
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E1012]: the file ends inside \`future FOTI\`
        ┌─ specs/foti.terms:16:1
         │
      16 │
         │ ^
      "
    `);
  });

  it("points at the end of a file without a final line break", () => {
    const end = noNewline.text.length;
    const d = diag(Codes.UnclosedBlock, noNewline.span(end, end), "`{` is never closed", {
      labels: [{ span: find(noNewline, "{"), message: "opened here" }],
      hint: "add `}` at the end of the declaration",
    });
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E1013]: \`{\` is never closed
       ┌─ eof.terms:2:9
        │
      1 │ future X {
        │          - opened here
      2 │   tick 1
        │         ^
        = hint: add \`}\` at the end of the declaration
      "
    `);
  });

  it("expands tabs and keeps the carets under the span", () => {
    const d = diag(Codes.UnknownUnit, find(tabs, "USD"), "`USD` needs a per-unit, e.g. USD per 1M tokens");
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E3002]: \`USD\` needs a per-unit, e.g. USD per 1M tokens
       ┌─ tabs.terms:2:12
        │
      2 │     tick    0.01 USD
        │                  ^^^
      "
    `);
    expect(renderDiagnostic(d, lookup, { tabWidth: 8 })).toMatchInlineSnapshot(`
      "error[E3002]: \`USD\` needs a per-unit, e.g. USD per 1M tokens
       ┌─ tabs.terms:2:12
        │
      2 │         tick    0.01 USD
        │                      ^^^"
    `);
  });

  it("renders a secondary label in the same file with `-` and its message", () => {
    const d = diag(Codes.UnitMismatch, find(foti, "GPU-hour"), "tick unit differs from the quote unit", {
      labels: [{ span: find(foti, "USD per 1M tokens"), message: "quote unit declared here" }],
    });
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E3001]: tick unit differs from the quote unit
        ┌─ specs/foti.terms:14:22
         │
       7 │   quote USD per 1M tokens
         │         ----------------- quote unit declared here
         ·
      14 │   tick 0.001 USD per GPU-hour
         │                      ^^^^^^^^
      "
    `);
  });

  it("renders a secondary label in another file as its own excerpt", () => {
    const d = diag(Codes.ContractUnitMismatch, find(foti, "1M tokens"), "contract unit differs from the index unit", {
      context: ["future FOTI", "contract"],
      labels: [{ span: find(indices, "USD per 1M tokens"), message: "index unit declared here" }],
      notes: ["an index and the contracts on it must use the same unit"],
    });
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E3007]: contract unit differs from the index unit
       ┌─ specs/foti.terms:6:12
        │
      6 │   contract 1M tokens
        │            ^^^^^^^^^
       ┌─ indices.terms:2:8
        │
      2 │   unit USD per 1M tokens
        │        ----------------- index unit declared here
        = in: future FOTI › contract
        = note: an index and the contracts on it must use the same unit
      "
    `);
  });

  it("puts marks on one row when they fit, and on separate rows when they overlap", () => {
    const fits = diag(Codes.UnknownUnit, find(foti, "USD", 1), "`USD` is not a unit of this contract", {
      labels: [{ span: find(foti, "1M tokens", 2), message: "per this unit" }],
    });
    expect(render(fits)).toMatchInlineSnapshot(`
      "
      error[E3002]: \`USD\` is not a unit of this contract
       ┌─ specs/foti.terms:7:9
        │
      7 │   quote USD per 1M tokens
        │         ^^^     --------- per this unit
      "
    `);
    const leftLabel = diag(Codes.DuplicateDeclaration, find(foti, "AITOK_OUT", 2), "`AITOK_OUT` is used twice", {
      labels: [{ span: find(foti, "index"), message: "as the index" }],
    });
    expect(render(leftLabel)).toMatchInlineSnapshot(`
      "
      error[E2002]: \`AITOK_OUT\` is used twice
       ┌─ specs/foti.terms:5:9
        │
      5 │   index AITOK_OUT
        │         ^^^^^^^^^
        │   ----- as the index
      "
    `);
    const overlaps = diag(Codes.WrongKind, find(foti, "step 1 use AITOK_OUT"), "a step must name a source", {
      labels: [
        { span: find(foti, "AITOK_OUT", 3), message: "this is an index" },
        { span: find(foti, "step 1"), message: "in this step" },
      ],
    });
    expect(render(overlaps)).toMatchInlineSnapshot(`
      "
      error[E2003]: a step must name a source
       ┌─ specs/foti.terms:9:5
        │
      9 │     step 1 use AITOK_OUT
        │     ^^^^^^^^^^^^^^^^^^^^
        │     ------ in this step
        │                --------- this is an index
      "
    `);
  });

  it("shows a single hidden line instead of an elision marker", () => {
    const d = diag(Codes.StepNumbering, find(foti, "step 3"), "steps are numbered out of order", {
      labels: [{ span: find(foti, "step 1"), message: "numbering starts here" }],
    });
    expect(render(d)).toMatchInlineSnapshot(`
      "
      error[E5006]: steps are numbered out of order
        ┌─ specs/foti.terms:11:5
         │
       9 │     step 1 use AITOK_OUT
         │     ------ numbering starts here
      10 │     step 2 use last published value
      11 │     step 3 use dealer poll
         │     ^^^^^^
      "
    `);
  });

  it("renders several notes, multi-line notes, and warnings", () => {
    const d = warning(
      diag(Codes.UnitMismatch, find(foti, "0.001"), "rounding to 0.0001 is finer than the tick", {
        notes: ["prices are rounded again to the tick", "first line\nsecond line"],
      }),
    );
    expect(d.severity).toBe("warning");
    expect(render(d)).toMatchInlineSnapshot(`
      "
      warning[W3001]: rounding to 0.0001 is finer than the tick
        ┌─ specs/foti.terms:14:8
         │
      14 │   tick 0.001 USD per GPU-hour
         │        ^^^^^
         = note: prices are rounded again to the tick
         = note: first line
                 second line
      "
    `);
  });

  it("makes control characters visible and keeps wide characters aligned", () => {
    const f = new SourceFile("odd.terms", 'name \u0007 "東京" x');
    const look = sourceLookup([f]);
    const bell = diag(Codes.UnexpectedCharacter, f.span(5, 6), "unexpected character");
    const x = diag(Codes.UnknownName, f.span(f.text.length - 1, f.text.length), "unknown name `x`");
    expect("\n" + renderDiagnostics([bell, x], look) + "\n").toMatchInlineSnapshot(`
      "
      error[E1001]: unexpected character
       ┌─ odd.terms:1:6
        │
      1 │ name ␇ "東京" x
        │      ^

      error[E2001]: unknown name \`x\`
       ┌─ odd.terms:1:13
        │
      1 │ name ␇ "東京" x
        │               ^
      "
    `);
  });

  it("escapes bidirectional formatting, C1 controls and line separators in excerpts, messages, notes, hints and labels", () => {
    const f = new SourceFile("bidi.terms", 'calendar X "1 J\u202euly\u0085" {\n  time zone Europe/London\n}\n');
    const d = diag(Codes.ForbiddenCharacter, f.span(15, 16), "title `1 J\u202euly`", {
      labels: [{ span: f.span(9, 10), message: "name \u2066x\u2069" }],
      notes: ["a\u2028b"],
      hint: "remove \u200f",
      context: ["calendar \u202dX"],
    });
    const out = renderDiagnostic(d, sourceLookup([f]));
    expect(out).not.toMatch(/[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect("\n" + out + "\n").toMatchInlineSnapshot(`
      "
      error[E1015]: title \`1 J\\u{202E}uly\`
       ┌─ bidi.terms:1:16
        │
      1 │ calendar X "1 J\\u{202E}uly\\u{85}" {
        │                ^^^^^^^^
        │          - name \\u{2066}x\\u{2069}
        = in: calendar \\u{202D}X
        = note: a\\u{2028}b
        = hint: remove \\u{200F}
      "
    `);
  });

  it("shows a window of a long line around its marks, never the whole line", () => {
    const long = "x".repeat(1_000_000);
    const f = new SourceFile("long.terms", `calendar X {\n  description "${long}" oops\n}\n`);
    const at = f.text.indexOf("oops");
    const d = diag(Codes.UnexpectedToken, f.span(at, at + 4), "expected the end of the statement", {
      labels: [{ span: f.span(at - 2, at - 1), message: "the string ends here" }],
    });
    const out = renderDiagnostic(d, sourceLookup([f]));
    expect(out.length).toBeLessThan(1_000);
    expect("\n" + out + "\n").toMatchInlineSnapshot(`
      "
      error[E1010]: expected the end of the statement
       ┌─ long.terms:2:1000018
        │
      2 │ …xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" oops
        │                                                                                                                                                                                                      ^^^^
        │                                                                                                                                                                                                    - the string ends here
      "
    `);
    // A mark far from the primary span is clamped to the window's edge.
    const far = diag(Codes.UnexpectedToken, f.span(at, at + 4), "m", { labels: [{ span: f.span(20, 21), message: "far away" }] });
    const farOut = renderDiagnostic(far, sourceLookup([f]));
    expect(farOut.length).toBeLessThan(1_000);
    expect(farOut).toContain("- far away");
    // Short lines are shown whole.
    const short = new SourceFile("short.terms", `calendar X {\n  description "${"y".repeat(150)}" oops\n}\n`);
    const s = short.text.indexOf("oops");
    expect(renderDiagnostic(diag(Codes.UnexpectedToken, short.span(s, s + 4), "m"), sourceLookup([short]))).toContain("y".repeat(150));
  });

  it("survives a missing source file and out-of-range spans", () => {
    const missing = diag(Codes.ImportFileNotFound, { file: "gone.terms", start: 3, end: 9 }, "no such file", {
      labels: [{ span: find(foti, "indices.terms"), message: "imported here" }],
    });
    expect(render(missing)).toMatchInlineSnapshot(`
      "
      error[E2004]: no such file
       ┌─ gone.terms
        │
        │ ^ source not available, offsets 3–9
       ┌─ specs/foti.terms:2:28
        │
      2 │ import { AITOK_OUT } from "indices.terms"
        │                            ------------- imported here
      "
    `);
    const wild = diag(Codes.InternalError, { file: "indices.terms", start: 500, end: 400 }, "span out of range");
    expect(render(wild)).toMatchInlineSnapshot(`
      "
      error[E9001]: span out of range
       ┌─ indices.terms:4:1
        │
      4 │
        │ ^
      "
    `);
  });

  it("colours errors red, warnings yellow and the gutter blue when asked", () => {
    const e = diag(Codes.UnknownName, find(foti, "AITOK_OUT", 2), "unknown name `AITOK_OUT`", {
      labels: [{ span: find(foti, "AITOK_OUT"), message: "imported here" }],
      context: ["future FOTI"],
      hint: "did you mean `AITOK_IN`?",
    });
    const w = warning(diag(Codes.UnitMismatch, find(foti, "0.001"), "rounding is finer than the tick"));
    const visible = (s: string) => "\n" + s.replaceAll("\x1b", "␛") + "\n";
    expect(visible(renderDiagnostics([w, e], lookup, { color: true }))).toMatchInlineSnapshot(`
      "
      ␛[1;31merror[E2001]␛[0m␛[1m: unknown name \`AITOK_OUT\`␛[0m
       ␛[1;34m┌─␛[0m specs/foti.terms:5:9
        ␛[1;34m│␛[0m
      ␛[1;34m2 │␛[0m import { AITOK_OUT } from "indices.terms"
        ␛[1;34m│␛[0m          ␛[1;34m---------␛[0m ␛[1;34mimported here␛[0m
        ␛[1;34m·␛[0m
      ␛[1;34m5 │␛[0m   index AITOK_OUT
        ␛[1;34m│␛[0m         ␛[1;31m^^^^^^^^^␛[0m
        ␛[1;34m=␛[0m ␛[1min:␛[0m future FOTI
        ␛[1;34m=␛[0m ␛[1mhint:␛[0m did you mean \`AITOK_IN\`?

      ␛[1;33mwarning[W3001]␛[0m␛[1m: rounding is finer than the tick␛[0m
        ␛[1;34m┌─␛[0m specs/foti.terms:14:8
         ␛[1;34m│␛[0m
      ␛[1;34m14 │␛[0m   tick 0.001 USD per GPU-hour
         ␛[1;34m│␛[0m        ␛[1;33m^^^^^␛[0m
      "
    `);
    expect(renderDiagnostics([e], lookup)).not.toContain("\x1b");
  });
});

describe("renderDiagnostics", () => {
  it("orders by file, start offset and code whatever the input order", () => {
    const a = diag(Codes.UnknownUnit, find(foti, "GPU-hour"), "b");
    const b = diag(Codes.UnitMismatch, find(foti, "GPU-hour"), "a");
    const c = diag(Codes.UnknownName, find(indices, "AITOK_OUT"), "c");
    const d = diag(Codes.UnknownName, find(foti, "FOTI"), "d");
    const headers = (ds: Diagnostic[]) =>
      renderDiagnostics(ds, lookup)
        .split("\n")
        .filter((l) => /^(error|warning)/.test(l));
    expect(headers([a, b, c, d])).toEqual(headers([d, c, b, a]));
    expect(headers([a, b, c, d])).toMatchInlineSnapshot(`
      [
        "error[E2001]: c",
        "error[E2001]: d",
        "error[E3001]: a",
        "error[E3002]: b",
      ]
    `);
  });
});

describe("renderDiagnostics on many diagnostics", () => {
  const many = new SourceFile(
    "many.terms",
    Array.from({ length: 300 }, (_, i) => `calendar C${i} {\n  time zone Europe/Londn\n}\n`).join(""),
  );
  const manyLookup = sourceLookup([many]);
  const at = (i: number) => ({ file: "many.terms", start: many.text.indexOf(`C${i} {`), end: many.text.indexOf(`C${i} {`) + 1 });
  const zones = Array.from({ length: 250 }, (_, i) => diag(Codes.UnknownTimeZone, at(i), `unknown time zone ${i}`));
  const names = Array.from({ length: 3 }, (_, i) => diag(Codes.UnknownName, at(i), `unknown name ${i}`));
  const stray = Array.from({ length: 150 }, (_, i) => diag(Codes.UnexpectedToken, at(i), `stray ${i}`));

  it("shows the first 100 of each code in a file and counts the others, whatever their order", () => {
    const text = renderDiagnostics([...zones].reverse().concat(names), manyLookup);
    expect(text.match(/^error\[E2010\]/gm)).toHaveLength(100);
    expect(text.match(/^error\[E2001\]/gm)).toHaveLength(3);
    expect(text).toContain("unknown time zone 99\n");
    expect(text).not.toContain("unknown time zone 100\n");
    expect(text.endsWith("note: 150 more errors E2010 in many.terms not shown (the first 100 of each code in a file are)")).toBe(true);
    expect(renderDiagnostics(zones, manyLookup, { maxPerCode: Infinity }).match(/^error\[E2010\]/gm)).toHaveLength(250);
  });

  it("shows every syntax error: the parser limits those itself", () => {
    expect(renderDiagnostics(stray, manyLookup).match(/^error\[E1010\]/gm)).toHaveLength(150);
  });
});

describe("renderSummary", () => {
  const e = diag(Codes.UnknownName, find(foti, "FOTI"), "x");
  const e2 = diag(Codes.UnknownName, find(indices, "AITOK_OUT"), "x");
  const w = warning(diag(Codes.UnitMismatch, find(foti, "0.001"), "x"));

  it("counts errors, warnings and files", () => {
    expect(renderSummary([e, e2, e, w], 7)).toBe("error: 3 errors, 1 warning in 2 files");
    expect(renderSummary([e], 1)).toBe("error: 1 error in 1 file");
    expect(renderSummary([w, w], 3)).toBe("warning: 2 warnings in 1 file");
    expect(renderSummary([], 7)).toBe("ok: 7 files checked, no problems");
    expect(renderSummary([], 1)).toBe("ok: 1 file checked, no problems");
    expect(renderSummary([{ ...e, severity: "note" }], 2)).toBe("ok: 2 files checked, 1 note");
  });

  it("colours the summary when asked", () => {
    expect(renderSummary([e], 1, { color: true })).toBe("\x1b[1;31merror\x1b[0m\x1b[1m: 1 error in 1 file\x1b[0m");
    expect(renderSummary([], 1, { color: true })).toBe("\x1b[1;32mok\x1b[0m: 1 file checked, no problems");
  });
});

describe("robustness", () => {
  it("renders any span of any text without throwing, with at least one caret", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", " ", "\t", "\n", "\r", "\r\n", "東", "😀", "\u0007", "é", "\u202e", "\ud800", "b".repeat(150)),
    });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.nat(), (t, a, b, c) => {
        const f = new SourceFile("p.terms", t);
        const at = (n: number) => (t.length === 0 ? 0 : n % (t.length + 1));
        const [s, e] = [at(a), at(b)].sort((x, y) => x - y) as [number, number];
        const d = diag(Codes.UnexpectedToken, f.span(s, e), "m", { labels: [{ span: f.span(at(c), at(c)), message: "l" }] });
        const out = renderDiagnostic(d, sourceLookup([f]), { color: false });
        expect(out).toContain("^");
        expect(out).toContain("- l");
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });
});
