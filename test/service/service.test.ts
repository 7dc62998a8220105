/**
 * The language service (src/service) on the specs of the repository: its diagnostics are the CLI's, also after
 * edits that go through the incremental parser; hover, definition, references, rename, outline, completion, quick
 * fixes, semantic tokens, formatting and the rendered contract answer what the sources say; and a session of
 * seeded edits through every query never fails inside the service.
 */
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSources } from "../../src/driver.js";
import { formatTerms } from "../../src/format/format.js";
import { CompletionKind, LanguageService, SEMANTIC_TOKEN_TYPES, toServiceDiagnostic, type Position } from "../../src/service/index.js";
import { editSession, random } from "../helpers/mutants.js";
import { memoryHost, specs } from "./corpus.js";

const FOTI = "specs/contracts/foti.terms";
const TODAY = "2026-12-06";

/** A service whose errors fail the test. */
function service(files: ReadonlyMap<string, string> = specs): { svc: LanguageService; errors: string[] } {
  const errors: string[] = [];
  const svc = new LanguageService(memoryHost(files), (e, q) => errors.push(`${q}: ${e instanceof Error ? e.stack : String(e)}`));
  return { svc, errors };
}

/** The position of the `nth` occurrence of `needle` in a text, plus `delta` characters. */
function at(text: string, needle: string, delta = 0, nth = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, i + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

/** The CLI's diagnostics of a file checked alone, in the protocol's shape. */
function cliDiagnostics(path: string, text: string, files: ReadonlyMap<string, string> = specs) {
  const r = checkSources([{ path, text }], {
    readFile: (p) => files.get(posix.normalize(p)),
    resolveImport: (f, i) => posix.join(posix.dirname(f), i),
  });
  return r.diagnostics.filter((d) => d.span.file === path).map((d) => toServiceDiagnostic(d, r.sources));
}

describe("diagnostics", () => {
  it("are the CLI's for every spec", () => {
    const { svc, errors } = service();
    for (const [path, text] of specs) {
      svc.setDocument(path, text);
      expect(svc.diagnostics(path)).toEqual(cliDiagnostics(path, text));
    }
    expect(errors).toEqual([]);
  });

  it("stay the CLI's through a session of edits (the incremental parse)", () => {
    const { svc, errors } = service();
    const text = specs.get(FOTI)!;
    for (const step of editSession(text, 18, 6)) {
      svc.setDocument(FOTI, step.text);
      expect(svc.diagnostics(FOTI)).toEqual(cliDiagnostics(FOTI, step.text));
    }
    expect(errors).toEqual([]);
  });

  it("stay the CLI's when a character is typed and deleted again all over a file (what the service keeps by node is never stale)", () => {
    // A description that contradicts its terms (W5014), a misspelt zone (E2010) and a 12-hour clock time: warnings and
    // errors that the checks keep per declaration or statement node, compared after every keystroke and its undo.
    const text = specs
      .get(FOTI)!
      .replace("Minimum price fluctuation USD 0.001 per 1M tokens", "Minimum price fluctuation USD 0.002 per 1M tokens")
      .replace("trading terminates at 16:00 Europe/London", "trading terminates at 16:00 Europe/Londn");
    const { svc, errors } = service();
    const lines = text.split("\n");
    let current = text;
    for (let i = 0; i < 24; i++) {
      const line = 3 + ((Math.floor(i / 2) * 17) % (lines.length - 4));
      const offset = lines.slice(0, line).join("\n").length + 1 + Math.min(3, lines[line]!.length);
      current = i % 2 === 0 ? current.slice(0, offset) + "x" + current.slice(offset) : current.slice(0, offset) + current.slice(offset + 1);
      svc.setDocument(FOTI, current);
      expect(svc.diagnostics(FOTI)).toEqual(cliDiagnostics(FOTI, current));
    }
    expect(svc.diagnostics(FOTI).map((d) => d.code)).toEqual(expect.arrayContaining(["W5014", "E2010"]));
    expect(errors).toEqual([]);
  });

  it("carry the code, labels as related information, and context, notes and hint in the message", () => {
    const { svc } = service();
    const text = specs.get(FOTI)!.replace("tick 0.001 USD per 1M tokens", "tick 0.001 USD per GPU-hour");
    svc.setDocument(FOTI, text);
    const d = svc.diagnostics(FOTI).find((x) => x.code === "E3001")!;
    expect(d.severity).toBe(1);
    expect(d.range.start).toEqual(at(text, "0.001 USD per GPU-hour"));
    expect(d.relatedInformation).toEqual([
      {
        location: { path: FOTI, range: { start: at(text, "USD per 1M tokens", 0, 0), end: at(text, "USD per 1M tokens", 17, 0) } },
        message: "the quote unit",
      },
    ]);
    expect(d.message).toBe(
      "unit mismatch: tick is in USD per GPU-hour, price is quoted in USD per 1M tokens\nin: future FOTI › tick\nhint: write the tick in the quote unit, USD per 1M tokens",
    );
    expect(d.data.hint).toBe("write the tick in the quote unit, USD per 1M tokens");
  });

  it("are published for the open documents and the files they import", () => {
    const files = new Map(specs);
    files.set("specs/indices/aitok-out.terms", specs.get("specs/indices/aitok-out.terms")!.replace("minimum sources 3", "minimum sources"));
    const { svc } = service(files);
    svc.setDocument(FOTI, specs.get(FOTI)!);
    const all = svc.allDiagnostics();
    expect(all.find((f) => f.path === FOTI)?.diagnostics).toEqual([]);
    expect(all.find((f) => f.path === "specs/indices/aitok-out.terms")?.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("hover", () => {
  const { svc } = service();
  const text = specs.get(FOTI)!;
  svc.setDocument(FOTI, text);

  it("shows the clause a last trading day renders to and its dates in the coming months", () => {
    const h = svc.hover(FOTI, at(text, "last trading day is", 3), TODAY)!;
    expect(h.contents).toContain("Renders to clause");
    expect(h.contents).toContain("The Last Trading Day is the last Friday of the Contract Month");
    // By hand: the last Friday of March 2027 is the 26th, Good Friday (Easter Sunday 2027 is 28 March), a bank
    // holiday in England and Wales, so the preceding business day, Thursday 25 March 2027.
    expect(h.contents).toContain("- last trading day of Mar 2027: 2027-03-25");
    // The last Friday of January 2027 is the 29th, a business day.
    expect(h.contents).toContain("- last trading day of Jan 2027: 2027-01-29");
  });

  it("shows the unit and dimension of a unit, a declaration for a name, the offset of a zone", () => {
    expect(svc.hover(FOTI, at(text, "USD per 1M tokens", 2), TODAY)!.contents).toContain(
      "unit `USD per 1M tokens`: dimension money (USD) per tokens",
    );
    expect(svc.hover(FOTI, at(text, "at AITOK_OUT", 5), TODAY)!.contents).toContain("**index** `AITOK_OUT`");
    expect(svc.hover(FOTI, at(text, "16:00 Europe/London", 8), TODAY)!.contents).toContain(
      "time zone `Europe/London`: UTC+00:00 on 2026-12-06",
    );
    expect(svc.hover(FOTI, at(text, "half-even", 2), TODAY)!.contents).toContain("with exact halves rounded to the even neighbour");
  });
});

describe("names", () => {
  it("go to their definition across imports", () => {
    const { svc } = service();
    const text = specs.get(FOTI)!;
    svc.setDocument(FOTI, text);
    const idx = specs.get("specs/indices/aitok-out.terms")!;
    expect(svc.definition(FOTI, at(text, "at AITOK_OUT", 5))).toEqual([
      { path: "specs/indices/aitok-out.terms", range: { start: at(idx, "AITOK_OUT "), end: at(idx, "AITOK_OUT ", 9) } },
    ]);
    expect(svc.definition(FOTI, at(text, '"../calendars/england-wales.terms"', 3))[0]?.path).toBe("specs/calendars/england-wales.terms");
  });

  it("go to their definition and find their references through a standard module (std:calendars)", () => {
    const mine = "work/mine.terms";
    const text = `import NYSE from "std:calendars"\ncalendar MINE {\n  time zone UTC\n  based on NYSE\n}\n`;
    const { svc, errors } = service(new Map([...specs, [mine, text]]));
    svc.setDocument(mine, text);
    expect(svc.diagnostics(mine)).toEqual([]);
    const nyse = specs.get("specs/calendars/nyse.terms")!;
    const declared = {
      path: "specs/calendars/nyse.terms",
      range: { start: at(nyse, "calendar NYSE", 9), end: at(nyse, "calendar NYSE", 13) },
    };
    expect(svc.definition(mine, at(text, "on NYSE", 4))).toEqual([declared]);
    expect(svc.definition(mine, at(text, "import NYSE", 8))).toEqual([declared]);
    // The module's path goes to each of its files.
    expect(svc.definition(mine, at(text, '"std:', 2)).map((l) => l.path)).toEqual(
      [...specs.keys()].filter((p) => /^specs\/calendars\/[^/]+\.terms$/.test(p)).sort(),
    );
    expect(svc.hover(mine, at(text, '"std:', 2), TODAY)!.contents).toContain("`std:calendars` declares");
    const refs = svc.references("specs/calendars/nyse.terms", at(nyse, "calendar NYSE", 9), true).filter((r) => r.path === mine);
    expect(refs).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("find their references in every file that imports them, and rename them all", () => {
    const { svc } = service();
    const cal = "specs/calendars/england-wales.terms";
    const text = specs.get(cal)!;
    svc.setDocument(cal, text);
    const refs = svc.references(cal, at(text, "ENGLAND_WALES"), true);
    const files = new Set(refs.map((r) => r.path));
    // Every spec that imports the calendar by name and uses it.
    for (const [path, t] of specs) if (t.includes('import ENGLAND_WALES from "')) expect(files, path).toContain(path);
    expect(refs.filter((r) => r.path === cal)).toHaveLength(1);
    const rename = svc.rename(cal, at(text, "ENGLAND_WALES"), "ENGLAND_AND_WALES");
    expect(rename.ok).toBe(true);
    if (!rename.ok) return;
    const edits = Object.values(rename.edit.changes).flat();
    expect(edits.length).toBe(refs.length);
    expect(edits.every((e) => e.newText === "ENGLAND_AND_WALES")).toBe(true);
    expect(svc.rename(cal, at(text, "ENGLAND_WALES"), "2BAD")).toMatchObject({ ok: false });
    expect(svc.rename(cal, at(text, "ENGLAND_WALES"), "tick")).toMatchObject({ ok: false, message: "`tick` is a keyword of the language" });
    expect(svc.rename(cal, at(text, "ENGLAND_WALES"), "NYSE")).toMatchObject({ ok: false });
  });

  it("make the outline: declarations with their statements", () => {
    const { svc } = service();
    svc.setDocument(FOTI, specs.get(FOTI)!);
    const [foti] = svc.documentSymbols(FOTI);
    expect(foti?.name).toBe("FOTI");
    expect(foti?.children.map((c) => c.name)).toEqual(expect.arrayContaining(["underlying", "tick", "last trading day", "fallback"]));
  });
});

describe("completion", () => {
  const labels = (svc: LanguageService, path: string, text: string, pos: Position) => svc.completion(path, pos).map((c) => c.label);

  it("offers what the grammar accepts next, and the words, names, units and zones of the place", () => {
    const { svc, errors } = service();
    const text = specs.get(FOTI)!;
    svc.setDocument(FOTI, text);
    expect(labels(svc, FOTI, text, at(text, "adjusted preceding", 9))).toEqual([
      "following",
      "modified-following",
      "preceding",
      "modified-preceding",
      "unadjusted",
    ]);
    expect(labels(svc, FOTI, text, at(text, "rounded to 0.001 half-even", 17))).toContain("half-even");
    expect(labels(svc, FOTI, text, at(text, "trading terminates at 16:00 ", 28))).toContain("Europe/London");
    expect(labels(svc, FOTI, text, at(text, "tick 0.001 ", 11))).toEqual(expect.arrayContaining(["USD", "tokens", "million"]));
    expect(labels(svc, FOTI, text, at(text, "preceding on ENGLAND_WALES", 13))).toContain("ENGLAND_WALES");
    const lineStart = labels(svc, FOTI, text, at(text, "  tick 0.001", 2));
    expect(lineStart).toEqual(expect.arrayContaining(["tick", "listing", "description", "last trading day", "fallback"]));
    expect(errors).toEqual([]);
  });

  it('offers the program\'s declared units beside the standard ones (`unit point "index point"`, singular and plural)', () => {
    const { svc, errors } = service();
    const path = "specs/contracts/index-points-future.terms";
    const text = specs.get(path)!;
    svc.setDocument(path, text);
    const items = svc.completion(path, at(text, "tick 0.25 ", 10));
    expect(items.map((c) => c.label)).toEqual(expect.arrayContaining(["point", "points", "USD", "tokens"]));
    expect(items.find((c) => c.label === "points")).toMatchObject({ kind: CompletionKind.Unit, detail: "declared unit: index point" });
    expect(labels(svc, path, text, at(text, "price quoted in ", 16))).toContain("points");
    // A file that declares no unit and imports none is offered none.
    expect(labels(svc, FOTI, specs.get(FOTI)!, at(specs.get(FOTI)!, "tick 0.001 ", 11))).not.toContain("points");
    expect(errors).toEqual([]);
  });

  it("offers whole declarations at the top level, and a standard calendar with its import", () => {
    const { svc } = service();
    const path = "specs/contracts/new.terms";
    const text = "future NEW {\n  last trading day is the last Friday of the contract month, adjusted preceding on \n}\n";
    svc.setDocument(path, "\n" + text);
    const top = svc.completion(path, { line: 0, character: 0 });
    expect(top.map((c) => c.label)).toEqual(expect.arrayContaining(["calendar", "index", "future", "option", "spread", "import"]));
    expect(top.find((c) => c.label === "future")?.insertTextFormat).toBe(2);
    const nyse = svc.completion(path, { line: 2, character: text.split("\n")[1]!.length }).find((c) => c.label === "NYSE");
    expect(nyse?.additionalTextEdits?.[0]?.newText).toBe('import NYSE from "../calendars/nyse.terms"\n\n');
  });
});

describe("quick fixes", () => {
  const fixes = (svc: LanguageService, path: string, pos: Position) =>
    svc.codeActions(path, { start: pos, end: pos }).map((a) => ({
      title: a.title,
      edits: Object.values(a.edit.changes)
        .flat()
        .map((e) => e.newText),
    }));

  it("apply a did-you-mean, add a missing import of a standard calendar, add a missing unit, write `per`", () => {
    const { svc, errors } = service();
    const base = specs.get(FOTI)!;
    const misspelt = base.replace("preceding on ENGLAND_WALES", "preceding on ENGLAND_WALSE");
    svc.setDocument(FOTI, misspelt);
    expect(fixes(svc, FOTI, at(misspelt, "ENGLAND_WALSE", 2))).toContainEqual({
      title: "Change to `ENGLAND_WALES`",
      edits: ["ENGLAND_WALES"],
    });

    const nyse = base.replace("preceding on ENGLAND_WALES", "preceding on NYSE");
    svc.setDocument(FOTI, nyse);
    expect(fixes(svc, FOTI, at(nyse, "on NYSE", 4))).toContainEqual({
      title: 'Add `import NYSE from "std:calendars"`',
      edits: ['import NYSE from "std:calendars"\n'],
    });

    const noUnit = base.replace("tick 0.001 USD per 1M tokens", "tick 0.001");
    svc.setDocument(FOTI, noUnit);
    expect(fixes(svc, FOTI, at(noUnit, "tick 0.001", 10))).toContainEqual({
      title: "Add the quote unit `USD per 1M tokens`",
      edits: [" USD per 1M tokens"],
    });

    const slash = base.replace("price quoted in USD per 1M tokens", "price quoted in USD/GPU-hour");
    svc.setDocument(FOTI, slash);
    expect(fixes(svc, FOTI, at(slash, "USD/GPU-hour", 1))).toContainEqual({
      title: "Write `USD per GPU-hour`",
      edits: ["USD per GPU-hour"],
    });
    expect(errors).toEqual([]);
  });
});

describe("semantic tokens, formatting and the readable contract", () => {
  it("colour names, enum words, units and zones", () => {
    const { svc } = service();
    const text = specs.get(FOTI)!;
    svc.setDocument(FOTI, text);
    const data = svc.semanticTokens(FOTI);
    const tokens = new Map<string, string>();
    let line = 0;
    let char = 0;
    const lines = text.split("\n");
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
      tokens.set(lines[line]!.slice(char, char + data[i + 2]!), SEMANTIC_TOKEN_TYPES[data[i + 3]!]!);
    }
    expect(tokens.get("half-even")).toBe("enumMember");
    expect(tokens.get("Friday")).toBe("enumMember");
    expect(tokens.get("USD")).toBe("type");
    expect(tokens.get("Europe/London")).toBe("namespace");
    expect(tokens.get("AITOK_OUT")).toBe("class");
  });

  it("format through the formatter, and refuse a file with syntax errors", async () => {
    const { svc } = service();
    const messy = specs.get(FOTI)!.replace("  tick 0.001", "      tick    0.001");
    svc.setDocument(FOTI, messy);
    const edits = await svc.format(FOTI);
    const formatted = await formatTerms(messy, { path: FOTI });
    expect(formatted.ok && edits?.[0]?.newText).toBe(formatted.ok ? formatted.text : "");
    svc.setDocument(FOTI, "future {");
    expect(await svc.format(FOTI)).toBeUndefined();
  });

  it("render the readable contract of the document", async () => {
    const { svc } = service();
    svc.setDocument(FOTI, specs.get(FOTI)!);
    const r = await svc.renderContract(FOTI, TODAY, "html");
    expect(r.ok && r.name).toBe("FOTI");
    expect(r.ok && r.text).toContain("<html");
    svc.setDocument(FOTI, "future FOTI {");
    expect(await svc.renderContract(FOTI, TODAY)).toMatchObject({ ok: false });
  });

  it("render a contract that imports the standard calendars by name (std:calendars), as the check resolves them", async () => {
    const { svc, errors } = service();
    const text = specs
      .get(FOTI)!
      .replace('import ENGLAND_WALES from "../calendars/england-wales.terms"', 'import ENGLAND_WALES from "std:calendars"');
    expect(text).toContain('"std:calendars"');
    svc.setDocument(FOTI, text);
    expect(svc.diagnostics(FOTI)).toEqual([]);
    const r = await svc.renderContract(FOTI, TODAY, "md");
    expect(r).toMatchObject({ ok: true, name: "FOTI" });
    expect(errors).toEqual([]);
  });
});

describe("robustness", () => {
  it("answers every query through a session of edits without failing", async () => {
    const { svc, errors } = service();
    const rnd = random(20261206);
    for (const path of [FOTI, "specs/indices/aitok-out.terms", "specs/contracts/foti-options.terms"]) {
      for (const step of editSession(specs.get(path)!, path.length * 977, 8)) {
        svc.setDocument(path, step.text);
        const lines = step.text.split("\n");
        const line = Math.floor(rnd() * lines.length);
        const pos = { line, character: Math.floor(rnd() * ((lines[line]?.length ?? 0) + 1)) };
        svc.allDiagnostics();
        svc.hover(path, pos, TODAY);
        svc.definition(path, pos);
        svc.references(path, pos, true);
        svc.prepareRename(path, pos);
        svc.rename(path, pos, "RENAMED");
        svc.documentSymbols(path);
        svc.completion(path, pos);
        svc.codeActions(path, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
        svc.semanticTokens(path);
      }
      await svc.format(path);
    }
    expect(errors).toEqual([]);
  });
});
