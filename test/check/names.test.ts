/**
 * Unit tests of the symbol table (symbols.ts), the names check (names.ts) and the word vocabularies (words.ts),
 * through the driver's `checkSources` with an in-memory host. Assertions are on codes, spans, labels and hints'
 * presence, not on wording.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/index.js";
import type { CheckResult } from "../../src/driver.js";
import { lookup, makeResolver } from "../../src/check/symbols.js";
import * as W from "../../src/check/words.js";
import type { Ident } from "../../src/syntax/ast.js";
import { checkFiles as check, codes } from "../helpers/check.js";

/** The source text a diagnostic's span covers. */
function textOf(r: CheckResult, d: { span: Diagnostic["span"] }): string {
  return r.sources.get(d.span.file)!.text.slice(d.span.start, d.span.end);
}

const CALENDARS = `
calendar XLON "London" {
  time zone Europe/London
  holiday "Christmas Day" on 25 December observed on the next weekday
}
calendar XNYS "New York" {
  time zone America/New_York
}
`;

const INDEX = `
index TOKX "Token index" {
  quoted in USD per 1M tokens
  source ALPHA {
    quoted in USD per 1M tokens
  }
  source BETA {
    quoted in USD per 1M tokens
  }
  aggregate sources by median
  round to 0.0001 half-even
  publish every calendar day at 16:00 Europe/London
}
`;

/** A complete future on TOKX and XLON; `extra` lines are added to its body. */
function future(name: string, extra = "", calendar = "XLON"): string {
  return `
future ${name} "Token futures" {
  underlying index TOKX
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.001 USD per 1M tokens
  trading terminates at 16:00 Europe/London
  final settlement in cash at TOKX at 16:00 Europe/London on the last trading day, rounded to 0.001 half-even
  last trading day is the last Friday of the contract month, adjusted preceding on ${calendar}
${extra}
}
`;
}

describe("symbol table and imports", () => {
  it("checks a complete program clean", () => {
    const r = check({ "main.terms": CALENDARS + INDEX + future("TOKF") });
    expect(r.diagnostics).toEqual([]);
    expect([...r.program.symbols.keys()].sort()).toEqual(["TOKF", "TOKX", "XLON", "XNYS"]);
  });

  it('`import "x"` makes every declaration visible; `import A from` only A; imports are not transitive', () => {
    const files = {
      "lib/cal.terms": CALENDARS,
      "lib/idx.terms": `import "cal.terms"\n${INDEX}`,
      "main.terms": `import TOKX from "lib/idx.terms"\nimport XLON from "lib/cal.terms"\n${future("TOKF")}`,
    };
    const r = check(files);
    expect(r.diagnostics).toEqual([]);
    expect([...r.program.visible("main.terms").keys()].sort()).toEqual(["TOKF", "TOKX", "XLON"]);
    expect([...r.program.visible("lib/idx.terms").keys()].sort()).toEqual(["TOKX", "XLON", "XNYS"]);
    // lib/idx.terms sees the calendars, but main.terms does not see XNYS through it.
    expect(r.program.visible("main.terms").has("XNYS")).toBe(false);
  });

  it("reports a name that is declared but not imported, with a note saying where it is", () => {
    const files = {
      "lib/cal.terms": CALENDARS,
      "lib/idx.terms": INDEX,
      "main.terms": `import "lib/idx.terms"\n${future("TOKF")}`,
    };
    const r = check(files);
    expect(codes(r)).toEqual(["E2001"]);
    const d = r.diagnostics[0]!;
    expect(textOf(r, d)).toBe("XLON");
    // XLON is in no imported file of main.terms, so there is no note about it.
    expect(d.notes).toBeUndefined();
  });

  it("notes where an unimported name is declared when the program loaded that file", () => {
    const files = {
      "lib/cal.terms": CALENDARS,
      "lib/idx.terms": `import "cal.terms"\n${INDEX}`,
      "main.terms": `import TOKX from "lib/idx.terms"\n${future("TOKF")}`,
    };
    const r = check(files);
    expect(codes(r)).toEqual(["E2001"]);
    expect(r.diagnostics[0]!.notes?.[0]).toContain("lib/cal.terms");
    expect(r.diagnostics[0]!.hint).toBeDefined();
  });

  it("loads files that import each other once and reports nothing about the cycle", () => {
    const files = {
      "a.terms": `import "b.terms"\ncalendar A { time zone UTC\n based on B }`,
      "b.terms": `import "a.terms"\ncalendar B { time zone UTC }`,
    };
    const r = check(files, "a.terms");
    expect(r.diagnostics).toEqual([]);
    expect(r.program.files.map((f) => f.source.path)).toEqual(["a.terms", "b.terms"]);
  });

  it("reports an imported name the file does not declare (E2005) with a did-you-mean over its names", () => {
    const r = check({ "lib/cal.terms": CALENDARS, "main.terms": `import XLNO, XNYS from "lib/cal.terms"\n` });
    expect(codes(r)).toEqual(["E2005"]);
    expect(textOf(r, r.diagnostics[0]!)).toBe("XLNO");
    expect(r.diagnostics[0]!.hint).toContain("XLON");
  });

  it("reports a duplicate declaration at the second one, labelled at the first (E2002)", () => {
    const r = check({ "main.terms": `calendar X { time zone UTC }\ncalendar X { time zone UTC }` });
    expect(codes(r)).toEqual(["E2002"]);
    const d = r.diagnostics[0]!;
    expect(d.span.start).toBeGreaterThan(d.labels![0]!.span.start);
    expect(d.labels![0]!.message).toContain("first declared");
  });

  it("reports a root file's redeclaration of a library name in the root file", () => {
    const r = check({ "lib/cal.terms": CALENDARS, "main.terms": `import "lib/cal.terms"\ncalendar XLON { time zone UTC }` });
    expect(codes(r)).toEqual(["E2002"]);
    expect(r.diagnostics[0]!.span.file).toBe("main.terms");
    expect(r.diagnostics[0]!.labels![0]!.span.file).toBe("lib/cal.terms");
    // The library's declaration owns the name.
    expect(r.program.symbols.get("XLON")!.file).toBe("lib/cal.terms");
  });
});

describe("resolver", () => {
  const r = check({ "main.terms": CALENDARS + INDEX + future("TOKF") });
  const ident = (name: string): Ident => ({ kind: "Ident", name, span: { file: "main.terms", start: 0, end: name.length } });

  it("resolves names of a wanted kind and reports nothing", () => {
    const out: Diagnostic[] = [];
    const resolve = makeResolver(r.program, (d) => out.push(d));
    expect(resolve("main.terms", ident("XLON"), ["calendar"], "calendar")?.kind).toBe("calendar");
    expect(resolve("main.terms", ident("TOKF"), ["future", "index"], "underlying")?.name).toBe("TOKF");
    expect(resolve("main.terms", undefined, ["calendar"], "calendar")).toBeUndefined();
    expect(out).toEqual([]);
  });

  it("reports unknown names with a hint over names of the wanted kinds only, and wrong kinds with a label", () => {
    const out: Diagnostic[] = [];
    const resolve = makeResolver(r.program, (d) => out.push(d));
    expect(resolve("main.terms", ident("XLNO"), ["calendar"], "calendar", ["future F"])).toBeUndefined();
    expect(resolve("main.terms", ident("TOKY"), ["calendar"], "calendar")).toBeUndefined();
    expect(resolve("main.terms", ident("XLON"), ["index"], "index")).toBeUndefined();
    expect(out.map((d) => d.code)).toEqual(["E2001", "E2001", "E2003"]);
    expect(out[0]!.hint).toContain("XLON");
    expect(out[0]!.context).toEqual(["future F"]);
    // TOKX is close to TOKY but is an index, so it is not suggested where a calendar is wanted.
    expect(out[1]!.hint).toBeUndefined();
    expect(out[2]!.labels).toHaveLength(1);
  });

  it("offers a silent lookup", () => {
    expect(lookup(r.program, "main.terms", "TOKX", ["index"])?.name).toBe("TOKX");
    expect(lookup(r.program, "main.terms", "TOKX", ["calendar"])).toBeUndefined();
    expect(lookup(r.program, "other.terms", "TOKX", ["index"])).toBeUndefined();
  });
});

describe("references", () => {
  it("checks every kind of reference", () => {
    const src =
      CALENDARS +
      INDEX +
      future(
        "TOKF",
        `  fallback {
    disruption if not-published by 18:00 Europe/London
    1. postpone up to 2 business days on XLNN
    2. use index XNYS
    3. determined by the exchange
  }`,
      );
    const r = check({ "main.terms": src });
    const found = r.diagnostics.map((d) => [d.code, textOf(r, d), d.context?.join(" › ")]);
    expect(found).toContainEqual(["E2001", "XLNN", "future TOKF › fallback › step 1"]);
    expect(found).toContainEqual(["E2003", "XNYS", "future TOKF › fallback › step 2"]);
  });

  it("lets an option's plain underlying be a future or an index, and checks a declared kind", () => {
    const option = (underlying: string) => `
option OPT "Options" {
  underlying ${underlying}
  type call, put
  exercise european
  strikes every 0.05 USD per 1M tokens
  premium tick 0.001 USD per 1M tokens
  expiry with the underlying
  final settlement in cash at the final settlement price of TOKF, unrounded
}`;
    const base = CALENDARS + INDEX + future("TOKF");
    for (const ok of ["TOKF", "TOKX", "future TOKF", "index TOKX"]) {
      expect(codes(check({ "main.terms": base + option(ok) })).filter((c) => c.startsWith("E2"))).toEqual([]);
    }
    expect(codes(check({ "main.terms": base + option("future TOKX") })).filter((c) => c.startsWith("E2"))).toEqual(["E2003"]);
    expect(codes(check({ "main.terms": base + option("XLON") })).filter((c) => c.startsWith("E2"))).toEqual(["E2003"]);
  });

  it("reports `underlying future X` in a future once, at the word `future`, whatever X is (was E9001 at build for an index)", () => {
    // A future's underlying is an index; `underlying index X` and `underlying X` are its forms.
    const base = CALENDARS + INDEX + future("TOKF");
    const of = (underlying: string) => base + future("TOKG").replace("underlying index TOKX", `underlying ${underlying}`);
    for (const ok of ["TOKX", "index TOKX"]) expect(codes(check({ "main.terms": of(ok) }))).toEqual([]);
    for (const wrong of ["future TOKX", "future TOKF"]) {
      const r = check({ "main.terms": of(wrong) });
      expect(codes(r)).toEqual(["E2003"]);
      expect(textOf(r, r.diagnostics[0]!)).toBe("future");
      expect(r.model).toBeUndefined();
    }
    expect(codes(check({ "main.terms": of("future NOPE") }))).toEqual(["E2003", "E2001"]);
    expect(codes(check({ "main.terms": of("future XLON") }))).toEqual(["E2003", "E2003"]);
  });
});

describe("clauses", () => {
  it("reports statements not allowed in a declaration (E2011), and does not resolve their names", () => {
    const r = check({ "main.terms": `calendar C {\n  time zone UTC\n  underlying NOPE\n}` });
    expect(codes(r)).toEqual(["E2011"]);
    expect(textOf(r, r.diagnostics[0]!)).toBe("underlying NOPE");
    expect(r.diagnostics[0]!.hint).toContain("future");
  });

  it("leaves versions (clauses with effective ranges) to versions.ts and reports unranged duplicates (E2008)", () => {
    const versions = `  price limits 10% of the prior settlement\n    effective until 2029-12-31\n  price limits 20% of the prior settlement\n    effective from 2030-01-01`;
    expect(check({ "main.terms": CALENDARS + INDEX + future("TOKF", versions) }).diagnostics).toEqual([]);
    const dup = `  trading terminates at 17:00 Europe/London`;
    const r = check({ "main.terms": CALENDARS + INDEX + future("TOKF", dup) });
    expect(codes(r)).toEqual(["E2008"]);
    expect(r.diagnostics[0]!.labels![0]!.message).toContain("first");
    const sameRange = `  tick 0.01 USD per 1M tokens\n    effective from 2030-01-01\n  tick 0.02 USD per 1M tokens\n    effective from 2030-01-01`;
    // Versions with the same range overlap: versions.ts reports that (E4008), not the names check.
    expect(codes(check({ "main.terms": CALENDARS + INDEX + future("TOKF", sameRange) }))).not.toContain("E2008");
  });

  it("treats tick variants, aggregation levels and position-limit scopes as separate clauses", () => {
    const extra = `  spread tick 0.0005 USD per 1M tokens
  position limit 100 contracts in the spot month
  position limit 1000 contracts in all months`;
    expect(check({ "main.terms": CALENDARS + INDEX + future("TOKF", extra) }).diagnostics).toEqual([]);
  });

  it("reports missing required clauses once per declaration, at its name (E2009)", () => {
    const r = check({ "main.terms": `future EMPTY "Nothing" {\n}\nindex IDX {\n  quoted in USD per 1M tokens\n}\ncalendar NZ {\n}` });
    expect(codes(r)).toEqual(["E2009", "E2009", "E2009"]);
    expect(r.diagnostics.map((d) => textOf(r, d))).toEqual(["EMPTY", "IDX", "NZ"]);
    expect(r.diagnostics[0]!.notes).toHaveLength(7);
  });

  it("does not ask for clauses when the declaration's block is unclosed", () => {
    const r = check({ "main.terms": `future BROKEN {\n  underlying index TOKX\n` });
    expect(codes(r).filter((c) => c === "E2009")).toEqual([]);
  });

  it("requires two legs in a spread", () => {
    const spread = (legs: string) => `${CALENDARS}${INDEX}${future("TOKF")}\nspread S {\n${legs}\n}`;
    expect(codes(check({ "main.terms": spread("  leg buy 1 TOKF") }))).toContain("E2009");
    expect(codes(check({ "main.terms": spread("  leg buy 1 TOKF\n  leg sell 1 TOKF 1 month later") }))).not.toContain("E2009");
  });
});

describe("time zones", () => {
  it("accepts IANA names and UTC, and reports misspellings with a hint (E2010)", () => {
    const cal = (zone: string) => `calendar C {\n  time zone ${zone}\n}`;
    for (const ok of ["Europe/London", "America/New_York", "UTC", "Asia/Tokyo"])
      expect(check({ "main.terms": cal(ok) }).diagnostics).toEqual([]);
    const r = check({ "main.terms": cal("Europe/Londn") });
    expect(codes(r)).toEqual(["E2010"]);
    expect(r.diagnostics[0]!.hint).toContain("Europe/London");
    const c = check({ "main.terms": cal("europe/london") });
    expect(codes(c)).toEqual(["E2010"]);
    expect(c.diagnostics[0]!.hint).toContain("Europe/London");
  });
});

describe("words", () => {
  const id = (name: string): Ident => ({ kind: "Ident", name, span: { file: "f", start: 0, end: name.length } });
  const collect = () => {
    const out: Diagnostic[] = [];
    return { out, report: (d: Diagnostic) => out.push(d) };
  };

  it("maps words to typed values", () => {
    const { out, report } = collect();
    expect(W.weekday(id("Monday"), report)).toBe(1);
    expect(W.weekday(id("Sunday"), report)).toBe(7);
    expect(W.month(id("December"), report)).toBe(12);
    expect(W.roundingMode(id("half-toward-prior"), report)).toBe("half-toward-reference");
    expect(W.convention(id("modified-following"), report)).toBe("modified-following");
    expect(W.durationUnit(id("minutes"), report)).toBe("minute");
    expect(W.ordinal(id("last"), report)).toBe(-1);
    expect(W.disruptionKind(id("too-few-sources"), report)).toBe("too-few-sources");
    expect(out).toEqual([]);
  });

  it("reports unknown words with did-you-mean, reserved words as not supported, and skips missing ones", () => {
    const { out, report } = collect();
    expect(W.weekday(id("monday"), report, ["calendar C"])).toBeUndefined();
    expect(W.roundingMode(id("half_even"), report)).toBeUndefined();
    expect(W.settlementMethod(id("physical"), report)).toBeUndefined();
    expect(W.exerciseStyle(id("american"), report)).toBeUndefined();
    expect(W.durationUnit(id("hours"), report, [], true)).toBeUndefined();
    expect(W.weekday(undefined, report)).toBeUndefined();
    expect(W.weekday(id(""), report)).toBeUndefined();
    expect(out.map((d) => d.code)).toEqual(["E2007", "E2007", "E2012", "E2012", "E2007"]);
    expect(out[0]!.hint).toContain("Monday");
    expect(out[0]!.context).toEqual(["calendar C"]);
    expect(out[1]!.hint).toContain("half-even");
  });

  it("lists each vocabulary once", () => {
    for (const set of Object.values(W.WORD_SETS)) {
      const words = W.wordsOf(set);
      expect(new Set(words).size).toBe(words.length);
    }
  });
});

describe("robustness", () => {
  const good = CALENDARS + INDEX + future("TOKF", `  listing 6 consecutive months plus the nearest 2 months in December`);

  it("never throws on damaged input (checks cope with recovered trees)", () => {
    fc.assert(
      fc.property(fc.nat(good.length), fc.nat(40), fc.string({ maxLength: 8 }), (at, len, insert) => {
        const text = good.slice(0, at) + insert + good.slice(at + len);
        const r = check({ "main.terms": text });
        expect(r.diagnostics.filter((d) => d.code === "E9001")).toEqual([]);
      }),
      { numRuns: 80, seed: 20260101 },
    );
  });
});
