/**
 * The data-driven diagnostics harness: every `test/cases/diagnostics/**\/*.terms` file is checked with the
 * driver's `checkSources` and its diagnostics are compared, by code and exact span, with the `// expect:` comments
 * written in the file. A file without expect lines must check clean. Each case's diagnostics are also rendered to
 * text into `<case>.txt` beside it (a golden file, updated with `vitest -u`), so the wording is reviewed in diffs.
 *
 * Expect line grammar (one per expected diagnostic, order-insensitive, 1-based, end exclusive):
 *   // expect: E2001 at 4:3-4:12
 *   // expect: E2004 at lib/other.terms:1:1-1:9     (a diagnostic in another file, relative to the case's folder)
 */
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { isValidSpan, type SourceFile, type Span } from "../src/base/source.js";
import { renderDiagnostics, renderSummary, sourceLookup, type Diagnostic } from "../src/diagnostics/index.js";
import { fileHost } from "../src/cli/inputs.js";
import { nodeSystem } from "../src/cli/system.js";
import { checkSources, type CheckResult } from "../src/driver.js";
import { filesUnder } from "./helpers/files.js";
import { repoRoot } from "./helpers/paths.js";

/** Paths the host may read: everything under test/cases, nothing else. */
const readableRoot = "test/cases";
const casesDir = "test/cases/diagnostics";

/**
 * The CLI's file-system host (src/cli/inputs.ts), with test/cases as the one project folder: imports are confined to
 * it as they are to a project, and refused otherwise (E2020-E2023). Paths are relative to the repository root, the
 * working folder of the tests. Its files are read at most 8 KiB each, not 16 MiB, so that a case can show the limit.
 */
const CASE_SOURCE_BYTES = 8 * 1024;
const system = nodeSystem();
const host = fileHost(
  {
    ...system,
    standardLibrary: () => undefined,
    readSource(path) {
      const read = system.readSource(path);
      return read.ok && Buffer.byteLength(read.value) > CASE_SOURCE_BYTES
        ? { ok: false, reason: "it is larger than 8 KiB (in these cases)", refusal: "too-large" }
        : read;
    },
  },
  { projects: [{ real: (system.realPath(readableRoot) as { value: string }).value, shown: readableRoot, marker: undefined }] },
);

/** The text of a case, read as the CLI reads the files it is given. */
function caseText(path: string): string {
  const read = system.readSource(path);
  return read.ok ? read.value : "";
}

/** One `// expect:` line, rendered to the same canonical form as an actual diagnostic. */
interface Expectation {
  readonly line: number;
  readonly text: string;
}

const EXPECT = /\/\/\s*expect:\s*([EW]\d{4})\s+at\s+(?:(\S+\.terms):)?(\d+):(\d+)-(\d+):(\d+)\s*$/;
const EXPECT_LIKE = /\/\/\s*expect\b/;

/** Reads the expect lines of a case; a line that looks like one but does not parse is an error of the case. */
function readExpectations(path: string, text: string): { expectations: Expectation[]; malformed: string[] } {
  const expectations: Expectation[] = [];
  const malformed: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, i) => {
    if (!EXPECT_LIKE.test(lineText)) return;
    const m = EXPECT.exec(lineText);
    if (!m) {
      malformed.push(`line ${i + 1}: ${lineText.trim()}`);
      return;
    }
    const [, code, file, l1, c1, l2, c2] = m;
    const where = file === undefined ? path : posix.join(posix.dirname(path), file);
    expectations.push({ line: i + 1, text: canonical(code!, where, path, `${l1}:${c1}-${l2}:${c2}`) });
  });
  return { expectations, malformed };
}

/** The canonical one-line form compared by the harness: `E2001 at 4:3-4:12`, with the file when not the case's. */
function canonical(code: string, file: string, casePath: string, range: string): string {
  const where = file === casePath ? "" : `${posix.relative(posix.dirname(casePath), file)}:`;
  return `${code} at ${where}${range}`;
}

function rangeOf(span: Span, source: SourceFile | undefined): string {
  if (!source) return `?${span.start}-?${span.end}`;
  const s = source.position(span.start);
  const e = source.position(span.end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
}

function actualLine(d: Diagnostic, result: CheckResult, casePath: string): string {
  return canonical(d.code, d.span.file, casePath, rangeOf(d.span, result.sources.get(d.span.file)));
}

/** Removes each element of `take` once from `from`; what remains. */
function multisetMinus(from: readonly string[], take: readonly string[]): string[] {
  const rest = [...from];
  for (const t of take) {
    const i = rest.indexOf(t);
    if (i >= 0) rest.splice(i, 1);
  }
  return rest;
}

const cases = filesUnder(casesDir).sort();
const results = new Map<string, CheckResult>();

function run(path: string): CheckResult {
  let r = results.get(path);
  if (!r) {
    r = checkSources([{ path, text: caseText(path) }], host);
    results.set(path, r);
  }
  return r;
}

describe("diagnostics cases", () => {
  it("finds the case files", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const path of cases) {
    const name = path.slice(casesDir.length + 1);
    describe(name, () => {
      it("reports exactly the expected codes and spans", () => {
        const text = caseText(path);
        const { expectations, malformed } = readExpectations(path, text);
        expect(malformed, `${path} has expect lines the harness cannot read (write \`// expect: E2001 at 4:3-4:12\`)`).toEqual([]);
        const result = run(path);
        const expected = expectations.map((e) => e.text).sort();
        const actual = result.diagnostics.map((d) => actualLine(d, result, path)).sort();
        const missing = multisetMinus(expected, actual);
        const unexpected = multisetMinus(actual, expected);
        const report = [
          `${path}: the diagnostics differ from the file's expect lines.`,
          ...missing.map((m) => `  expected but not reported: // expect: ${m}   (line ${expectations.find((e) => e.text === m)?.line})`),
          ...unexpected.map((u) => `  reported but not expected: // expect: ${u}`),
          "",
          "What was reported:",
          result.diagnostics.length === 0 ? "  (nothing)" : renderDiagnostics(result.diagnostics, sourceLookup(result.sources.values())),
        ].join("\n");
        expect(actual, report).toEqual(expected);
      });

      it("reports only valid spans, inside a file that was read", () => {
        const result = run(path);
        for (const d of result.diagnostics) {
          for (const span of [d.span, ...(d.labels ?? []).map((l) => l.span)]) {
            const source = result.sources.get(span.file);
            expect(source, `${d.code} points into ${span.file}, which was never read`).toBeDefined();
            expect(
              isValidSpan(span, source!.text.length),
              `${d.code} has span ${span.start}-${span.end} in a text of ${source!.text.length}`,
            ).toBe(true);
          }
        }
      });

      it("renders as in its golden .txt file", async () => {
        const result = run(path);
        const rendered = renderDiagnostics(result.diagnostics, sourceLookup(result.sources.values()));
        const summary = renderSummary(result.diagnostics, result.sources.size);
        const golden = `${rendered}${rendered === "" ? "" : "\n\n"}${summary}\n`;
        await expect(golden).toMatchFileSnapshot(`${repoRoot}/${path.replace(/\.terms$/, ".txt")}`);
      });
    });
  }
});
