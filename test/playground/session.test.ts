/**
 * The playground's compiler session (playground/src/session.ts, what its web worker runs) gives what the CLI gives:
 * on every diagnostics case, the rendered text of its golden `.txt` (codes, spans, messages, labels, hints); on one
 * case, the same JSON diagnostics as `termsheet check --format json`; on every example of specs/, compiled in
 * memory with imports resolved between the bundled files, the golden compiled spec byte for byte; the readable
 * contract, the expiries as the runtime schedule gives them, and a settlement's certificate as `termsheet settle`
 * prints it. The in-memory Host resolves imports as the CLI's file host does (posix join).
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { Session } from "../../playground/src/session.js";
import { resolvePath } from "../../playground/src/host.js";
import { repoRoot, termsheet } from "../cli/helpers.js";
import { termsFiles as walk } from "../helpers/files.js";

const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };

/** Every `.terms` file under a folder of the repository, by its repository-relative path. */
const termsFiles = (folder: string): Map<string, string> => new Map(walk(folder).map((f) => [f.path, f.text]));

const specs = termsFiles("specs");
const cases = termsFiles("test/cases/diagnostics");

describe("the playground session's diagnostics", () => {
  const session = new Session(cases, version);

  it("render as the golden text of every diagnostics case", () => {
    expect(cases.size).toBeGreaterThan(100);
    let hostSpecific = 0;
    for (const [path, text] of cases) {
      const golden = readFileSync(join(repoRoot, path.replace(/\.terms$/, ".txt")), "utf8");
      // The file system's refusals (outside the project folder with its notes, a folder, a file over the size
      // limit these cases set) are the CLI's file host's; the playground's host has no file system to refuse.
      if (/^error\[E202[023]\]/m.test(golden)) {
        hostSpecific++;
        continue;
      }
      expect(session.check({ path, text }).text, path).toBe(golden);
    }
    expect(hostSpecific).toBeLessThanOrEqual(3);
  });

  it("refuse an import outside the playground's files, as the CLI refuses one outside the project", () => {
    const s = new Session(new Map([["a/b.terms", 'import X from "../../etc/passwd.terms"\nimport Y from "/etc/shadow.terms"\n']]), version);
    const text = s.check({ path: "a/b.terms", text: 'import X from "../../etc/passwd.terms"\nimport Y from "/etc/shadow.terms"\n' }).text;
    expect(text.match(/error\[E2020\]: cannot import `[^`]+`: it is outside the playground's files/g)).toHaveLength(2);
  });

  it("are the JSON diagnostics of `termsheet check --format json`", () => {
    // A case with an import, secondary labels and a did-you-mean hint.
    const path = [...cases.keys()].find((p) => /unknown|did-you-mean/.test(p) && cases.get(p)!.includes("import")) ?? [...cases.keys()][0]!;
    const cli = termsheet(["check", "--format", "json", path], repoRoot);
    const expected = JSON.parse(cli.stdout) as { diagnostics: unknown[]; summary: unknown };
    const actual = session.check({ path, text: cases.get(path)! });
    expect(actual.diagnostics.length).toBeGreaterThan(0);
    expect(actual.diagnostics).toEqual(expected.diagnostics);
    expect(actual.summary).toEqual(expected.summary);
  });

  it("reflect the editor's text, not the bundled file", () => {
    const s = new Session(specs, version);
    const path = "specs/contracts/foti.terms";
    const text = specs.get(path)!.replace("tick 0.001 USD per 1M tokens", "tick 0.001 USD per GPU-hour");
    const check = s.check({ path, text });
    expect(check.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([
      `E3001 ${path}:${text.split("\n").findIndex((l) => l.includes("per GPU-hour")) + 1}:8`,
    ]);
    expect(check.diagnostics[0]!.hint).toBe("write the tick in the quote unit, USD per 1M tokens");
    expect(s.compile({ path, text }, "2026-01-15").output).toBeUndefined();
  });
});

describe("the playground session's compilation of the examples", () => {
  const session = new Session(specs, version);

  it("gives every golden compiled spec byte for byte, each file compiled alone with its imports from memory", () => {
    let compiled = 0;
    for (const [path, text] of specs) {
      const { check, output } = session.compile({ path, text }, "2026-01-15");
      expect(check.summary, path).toEqual({ errors: 0, warnings: 0, files: check.summary.files });
      for (const d of output!.declarations) {
        expect(d.json, `${path}: ${d.path}`).toBe(readFileSync(join(repoRoot, "test/cases/compiled", d.path), "utf8"));
        expect(d.html, d.path).toMatch(/^<!DOCTYPE html>/);
        compiled++;
      }
    }
    expect(compiled).toBeGreaterThanOrEqual(20);
  });

  it("renders the readable contract as `termsheet render --format html` does", () => {
    const path = "specs/contracts/foti.terms";
    const html = session.compile({ path, text: specs.get(path)! }, "2026-01-15").output!.declarations[0]!.html;
    const cli = termsheet(["render", "--format", "html", "--as-of", "2026-01-15", "--contract", "FOTI", path], repoRoot);
    expect(cli.code).toBe(0);
    expect(html).toBe(cli.stdout);
  });

  it("lists the expiries and the calendar of the next months from the as-of date", () => {
    const path = "specs/contracts/foti.terms";
    const output = session.compile({ path, text: specs.get(path)! }, "2026-03-10").output!;
    const foti = output.contracts.find((c) => c.contract === "FOTI")!;
    expect(foti.error).toBeNull();
    expect(foti.expiries).toHaveLength(12);
    // The last Friday of March 2026 is the 27th, a London business day (Good Friday is 3 April 2026).
    expect(foti.expiries[0]).toMatchObject({ symbol: "FOTI-H26", lastTradingDay: "2026-03-27" });
    // The last Friday of April 2026 is the 24th; December 2026's is Christmas Day, so the 24th (preceding).
    expect(foti.expiries[1]).toMatchObject({ symbol: "FOTI-J26", lastTradingDay: "2026-04-24" });
    expect(foti.expiries.find((e) => e.symbol === "FOTI-Z26")).toMatchObject({ lastTradingDay: "2026-12-24" });
    // Six consecutive months from March, plus December 2026 and December 2027.
    expect(foti.listed).toEqual(["FOTI-H26", "FOTI-J26", "FOTI-K26", "FOTI-M26", "FOTI-N26", "FOTI-Q26", "FOTI-Z26", "FOTI-Z27"]);
    expect(output.months.map((m) => `${m.year}-${m.month}`)).toEqual(["2026-3", "2026-4", "2026-5", "2026-6", "2026-7", "2026-8"]);
    const april = output.months[1]!;
    const goodFriday = april.days.find((d) => d.date === "2026-04-03")!;
    expect(goodFriday.holidays.map((h) => h.names.join())).toContain("Good Friday");
    expect(april.days.find((d) => d.date === "2026-04-24")!.events).toEqual([{ kind: "last-trading-day", symbol: "FOTI-J26" }]);
    expect(april.days.find((d) => d.date === "2026-04-04")!.weekendOf.length).toBeGreaterThan(0);
  });
});

describe("the playground session's settlement", () => {
  const session = new Session(specs, version);
  const path = "specs/contracts/foti.terms";
  const observations = readFileSync(join(repoRoot, "playground/samples/foti-2026-03-observations.csv"), "utf8");
  const fixings = readFileSync(join(repoRoot, "playground/samples/foti-2026-03-fixings.csv"), "utf8");
  beforeAll(() => {
    session.compile({ path, text: specs.get(path)! }, "2026-01-15");
  });

  it("prints the certificate of `termsheet settle` on the sample observations", () => {
    const out = session.settle({
      contract: "FOTI",
      period: "2026-03",
      observations: { name: "foti-2026-03-observations.csv", text: observations },
      position: { quantity: "2", price: "10" },
    });
    // Six eligible sources (TOGETHER stale, XAI deviating): the trimmed mean drops 10.6 and 9.8, so
    // (10 + 10.2 + 9.9 + 10.1) / 4 = 10.05; the position 2 @ 10 varies by (10.05 - 10) x 1000 USD x 2 = 100 USD.
    expect(out.ok).toBe(true);
    expect(out.certificate.split("\n")[0]).toBe("FOTI-H26 final settlement: 10.05");
    expect(out.certificate).toContain("position 2 @ 10: multiplier 1000 USD, variation 100 USD");
    const cli = termsheet(
      [
        "settle",
        path,
        "--contract",
        "FOTI-H26",
        "--observations",
        "playground/samples/foti-2026-03-observations.csv",
        "--position",
        "2@10",
      ],
      repoRoot,
    );
    expect(out.certificate).toBe(cli.stdout);
  });

  it("reads the same observations as NDJSON", () => {
    const [header, ...rows] = observations.trim().split("\n");
    const keys = header!.split(",");
    const ndjson = rows.map((r) => JSON.stringify(Object.fromEntries(r.split(",").map((v, i) => [keys[i], v])))).join("\n");
    const csv = session.settle({ contract: "FOTI", period: "2026-03", observations: { name: "o.csv", text: observations } });
    const json = session.settle({ contract: "FOTI", period: "2026-03", observations: { name: "o.ndjson", text: ndjson } });
    expect(json.ok).toBe(true);
    expect(json.certificate).toBe(csv.certificate);
  });

  it("takes published fixings first, and rounds 10.1235 half-even to the tick", () => {
    const out = session.settle({ contract: "FOTI", period: "2026-03", fixings: { name: "fixings.csv", text: fixings } });
    expect(out.certificate.split("\n")[0]).toBe("FOTI-H26 final settlement: 10.124");
  });

  it("names the file, line and field of a malformed row, as the CLI does", () => {
    const bad = observations.replace("10.2,1,gemini", "10.2x,1,gemini");
    const out = session.settle({ contract: "FOTI", period: "2026-03", observations: { name: "obs.csv", text: bad } });
    expect(out.ok).toBe(false);
    expect(out.problems[0]).toMatch(/^error: obs\.csv:6: price: /);
    expect(out.problems.at(-1)).toMatch(/^hint: /);
  });

  it("settles on the last version that compiled while the source has errors, as the panes show it", () => {
    const broken = specs.get(path)!.replace("tick 0.001 USD per 1M tokens", "tick 0.001 USD per GPU-hour");
    expect(session.compile({ path, text: broken }, "2026-01-15").output).toBeUndefined();
    const out = session.settle({ contract: "FOTI", period: "2026-03", fixings: { name: "fixings.csv", text: fixings } });
    expect(out.certificate.split("\n")[0]).toBe("FOTI-H26 final settlement: 10.124");
  });

  it("refuses a declaration that is not a compiled contract", () => {
    expect(session.settle({ contract: "NOPE", period: "2026-03" }).problems).toEqual(["error: no contract `NOPE` in the compiled file"]);
  });
});

describe("the playground's in-memory Host", () => {
  it("resolves imports as the CLI's file host does (posix join)", () => {
    const segment = fc.constantFrom("a", "b", "specs", "..", ".", "x.terms", "");
    const relative = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(relative, relative, (path, target) => {
        // A file's path, as the driver has it: normalised, relative, not a folder.
        const from = posix.normalize(path);
        fc.pre(!from.startsWith("..") && !from.endsWith("/") && from !== "." && !target.startsWith("/"));
        const expected = posix.join(posix.dirname(from), target);
        const plain = (p: string): string => (p.length > 1 ? p.replace(/\/$/, "") : p) || ".";
        expect(plain(resolvePath(from, target))).toBe(plain(expected));
      }),
      { seed: 18, numRuns: 2000 },
    );
  });
});
