/** Canonical JSON: sorted keys, stable arrays, compact and file forms, refusal of non-JSON values, and the hash. */
import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson, canonicalJsonFile, contentHash, pointerToken } from "../../src/model/canonical.js";

describe("canonical JSON", () => {
  it("sorts keys at every depth by UTF-16 code units and keeps array order", () => {
    const v = { b: 1, a: [{ z: true, y: null }, "x"], A: { c: "é", B: [] }, _: {} };
    expect(canonicalJson(v)).toBe('{"A":{"B":[],"c":"é"},"_":{},"a":[{"y":null,"z":true},"x"],"b":1}');
  });

  it("writes files with two-space indentation and a final newline", () => {
    expect(canonicalJsonFile({ b: [1, 2], a: {} })).toBe('{\n  "a": {},\n  "b": [\n    1,\n    2\n  ]\n}\n');
  });

  it("leaves out undefined members, like JSON.stringify", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("is independent of insertion order", () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it("refuses values JSON cannot carry exactly, with a JSON pointer", () => {
    const fail = (v: unknown): CanonicalJsonError => {
      try {
        canonicalJson(v);
      } catch (e) {
        if (e instanceof CanonicalJsonError) return e;
      }
      throw new Error("expected a CanonicalJsonError");
    };
    expect(fail({ a: [0, 1.5] }).path).toBe("/a/1");
    expect(fail({ "x/y": 2 ** 60 }).path).toBe("/x~1y");
    expect(fail({ d: new Date(0) }).path).toBe("/d");
    expect(fail({ f: () => 1 }).path).toBe("/f");
    expect(fail({ n: Number.NaN }).path).toBe("/n");
  });

  it("escapes JSON pointer tokens per RFC 6901", () => {
    expect(pointerToken("a/b~c")).toBe("a~1b~0c");
  });

  it("hashes the canonical form without the contentHash member", () => {
    const doc = { b: "1", a: [1, 2] };
    const h = contentHash(doc);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contentHash({ ...doc, contentHash: "sha256:whatever" })).toBe(h);
    expect(contentHash({ a: [1, 2], b: "1" })).toBe(h);
    expect(contentHash({ a: [2, 1], b: "1" })).not.toBe(h);
    // The SHA-256 of the compact canonical text, computable by any JCS implementation.
    expect(contentHash({})).toBe("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });
});
