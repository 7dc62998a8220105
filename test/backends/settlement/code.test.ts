/**
 * The safe code builder: adversarial text interpolated into generated code stays data. Strings round-trip exactly
 * through evaluation, comments cannot be closed early, identifiers are validated or mangled, and anything that is
 * not plain data is refused. Properties run with a fixed seed over arbitrary Unicode (including lone surrogates).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CodegenError,
  Scope,
  dec,
  doc,
  ident,
  int,
  isSafeIdentifier,
  js,
  key,
  literal,
  literalBlock,
  mangle,
  prop,
  str,
  assignment,
} from "../../../src/backends/settlement/code.js";
import { formatModule } from "../../../src/backends/settlement/format.js";
import { ADVERSARIAL } from "./adversarial.js";

const SEED = 20_261_124;

/** Evaluates an expression in strict mode. */
const evaluate = (expr: string): unknown => new Function(`"use strict"; return (${expr});`)() as unknown;

describe("literals", () => {
  it("round-trips every adversarial string", () => {
    for (const s of ADVERSARIAL) expect(evaluate(str(s).toString())).toBe(s);
  });

  it("round-trips any string (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const text = str(s).toString();
        expect(text).not.toMatch(/[\u2028\u2029\n\r]|<\/|<!/);
        expect(evaluate(text)).toBe(s);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("writes a string without double quotes as JSON does, with U+2028, U+2029 and `</`, `<!` escaped (property)", () => {
    // str's shortcut for text JSON leaves as it is must give what the full path gives.
    const json = (s: string) =>
      JSON.stringify(s)
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029")
        .replace(/<(?=[/!])/g, "\\u003c");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "Z", " ", "'", "<", "/", "!", "\\", "\n", "\u2028", "\u00e9", "\ud83d", "\ude00") }),
        (s) => {
          expect(str(s).toString()).toBe(json(s));
          expect(literalBlock(s).toString()).toBe(json(s));
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("makes plain data literal, with __proto__ as an own key", () => {
    // JSON.parse makes "__proto__" an own key, as the loader of a compiled spec does
    const withProto = JSON.parse(
      `{"__proto__": "p", "constructor": ${JSON.stringify(ADVERSARIAL)}, "n": [1, -2, null, true], "a b": {"*/": "x"}}`,
    ) as Record<string, unknown>;
    const value = evaluate(literal(withProto as never).toString()) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(value).toEqual(withProto);
    expect(key("__proto__").toString()).toBe('["__proto__"]');
  });

  it("lays out large data as a JSON-like block with the same escaping", () => {
    const data = JSON.parse(`{"__proto__": {"a": [1, [], {}]}, "list": ${JSON.stringify(ADVERSARIAL)}, "empty": {}, "n": null}`) as Record<
      string,
      unknown
    >;
    const block = literalBlock(data as never).toString();
    const value = evaluate(block) as Record<string, unknown>;
    expect(value).toEqual(data);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(block).not.toMatch(/[\u2028\u2029]|<\//);
    expect(block.split("\n").length).toBeGreaterThan(ADVERSARIAL.length);
    expect(() => literalBlock({ d: new Date(0) } as never)).toThrow(CodegenError);
  });

  it("accepts only safe integers as numbers and plain decimals as decimals", () => {
    expect(int(42).toString()).toBe("42");
    expect(evaluate(int(-7).toString())).toBe(-7);
    for (const bad of [1.5, NaN, Infinity, 2 ** 53]) expect(() => int(bad)).toThrow(CodegenError);
    expect(dec("10.125").toString()).toBe('"10.125"');
    expect(dec("-0.5").toString()).toBe('"-0.5"');
    for (const bad of ["1e3", "", " 1", "1.", ".5", "01", '1"; x; "', "NaN"]) expect(() => dec(bad)).toThrow(CodegenError);
  });

  it("refuses what is not plain data", () => {
    for (const bad of [() => 1, Symbol("s"), new Date(0), new Map(), 0.1]) expect(() => literal(bad as never)).toThrow(CodegenError);
    expect(() => js`${{ nested: [new Date(0)] } as never}`).toThrow(CodegenError);
  });
});

describe("identifiers", () => {
  it("accepts plain identifiers and refuses everything else", () => {
    expect(ident("FOTI_OPT").toString()).toBe("FOTI_OPT");
    for (const bad of ADVERSARIAL.filter((s) => s !== "__proto__" && s !== "constructor")) expect(() => ident(bad)).toThrow(CodegenError);
    for (const bad of ["class", "await", "yield", "let", "eval", "arguments", "enum", "1a", "a-b", "a\\u0062"])
      expect(isSafeIdentifier(bad)).toBe(false);
  });

  it("mangles any text into a bindable name (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...ADVERSARIAL)), (s) => {
        const m = mangle(s);
        expect(isSafeIdentifier(m)).toBe(true);
        expect(new Function(`"use strict"; let ${m} = 1; return ${m};`)()).toBe(1);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("keeps names distinct in a scope", () => {
    const scope = new Scope(["final"]);
    expect([scope.name("final"), scope.name("a-b"), scope.name("a_b"), scope.name("class")].map(String)).toEqual([
      "final_2",
      "a_b",
      "a_b_2",
      "class_",
    ]);
  });

  it("accesses adversarial properties with brackets", () => {
    const o = js`o`;
    expect(prop(o, "tick").toString()).toBe("o.tick");
    for (const s of ADVERSARIAL.filter((x) => !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(x) || x === "__proto__")) {
      const target = Object.create(null) as Record<string, number>;
      target[s] = 1;
      expect(new Function("o", `"use strict"; return ${prop(o, s).toString()};`)(target)).toBe(1);
    }
  });
});

describe("comments", () => {
  it("cannot be closed early or broken out of", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...ADVERSARIAL))), (lines) => {
        const c = doc(lines).toString();
        expect(c === "" || (c.startsWith("/**\n") && c.endsWith("\n */\n") && c.indexOf("*/") === c.length - 3)).toBe(true);
        expect(new Function(`"use strict"; ${c} return 1;`)()).toBe(1);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe("a module built from adversarial text", () => {
  it("formats with prettier, imports, and round-trips every string", async () => {
    const scope = new Scope(["VALUES", "OBJECT"]);
    const names = ADVERSARIAL.map((s) => scope.name(s));
    const body = js`${doc(ADVERSARIAL)}export const VALUES = ${ADVERSARIAL};
export const OBJECT = ${Object.fromEntries(ADVERSARIAL.map((s) => [s, s]))};
${ADVERSARIAL.map((s, i) => js`${doc([s])}export const ${names[i]!} = ${s};\n`).reduce((a, b) => js`${a}${b}`)}`;
    const formatted = await formatModule(body.toString());
    expect(formatted).toBe(await formatModule(formatted)); // idempotent
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(formatted).toString("base64")}`)) as Record<string, unknown>;
    expect(mod.VALUES).toEqual(ADVERSARIAL);
    const object = mod.OBJECT as Record<string, string>;
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    for (const s of ADVERSARIAL) expect(object[s]).toBe(s);
    ADVERSARIAL.forEach((s, i) => expect(mod[names[i]!.toString()]).toBe(s));
  });
});

describe("layout as prettier prints it", () => {
  // Keys and strings that exercise prettier's choices: bare or quoted keys, numeric keys, quotes of either kind,
  // long texts that break after a key, and wide characters.
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...ADVERSARIAL),
    fc.constantFrom("a", "kind", "value", "1", "01", "2.5", "a-b", '"q"', "it's", "__proto__", "価格", "x".repeat(90)),
  );
  const data = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      text,
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 5 }),
      fc.array(fc.tuple(text, tie("value")), { maxLength: 5 }).map((kv) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of kv) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
      }),
    ),
  })).value;

  it("leaves prettier nothing to change, and evaluates to the data (property)", async () => {
    await fc.assert(
      fc.asyncProperty(data, async (value) => {
        const text = `${assignment(js`export const X`, value as never).toString()}\n`;
        expect(await formatModule(text)).toBe(text);
        const mod = (await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`)) as { X: unknown };
        expect(mod.X).toEqual(value);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
