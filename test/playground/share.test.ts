/**
 * The playground's shareable links (playground/src/share.ts) carry any source through the URL fragment unchanged,
 * refuse damaged links and links that decompress past the size limit (a "zip bomb" is cut off while streaming),
 * and never throw; and its browser `node:crypto` shim (playground/src/shims/node-crypto.ts) hashes as Node's does,
 * so a spec compiled in the browser carries the content hash the CLI writes.
 */
import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SOURCE_BYTES, decodeShare, encodeShare, fromBase64Url, toBase64Url } from "../../playground/src/share.js";
import { createHash as shimHash } from "../../playground/src/shims/node-crypto.js";

const SEED = 18;

describe("shareable links", () => {
  it("carry any path and source unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ unit: "binary", maxLength: 2000 }),
        async (path, text) => {
          const fragment = await encodeShare({ kind: "source", path, text });
          expect(fragment).toMatch(/^path=[^#&\s]*&src=[A-Za-z0-9_-]*$/);
          expect(await decodeShare(`#${fragment}`)).toEqual({ kind: "source", path, text });
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("name an unedited example by its path", async () => {
    const fragment = await encodeShare({ kind: "example", path: "specs/contracts/foti.terms" });
    expect(fragment).toBe("example=specs%2Fcontracts%2Ffoti.terms");
    expect(await decodeShare(fragment)).toEqual({ kind: "example", path: "specs/contracts/foti.terms" });
    expect(await decodeShare("")).toBeUndefined();
  });

  it("are short for a real contract", async () => {
    const text = "future X {\n  tick 0.001 USD per 1M tokens\n}\n".repeat(50);
    expect((await encodeShare({ kind: "source", path: "x.terms", text })).length).toBeLessThan(text.length / 5);
  });

  it("refuse a source that decompresses past the limit, and damaged links, without throwing", async () => {
    const bomb = toBase64Url(deflateRawSync(Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20)));
    expect(bomb.length).toBeLessThan(4000);
    expect(await decodeShare(`src=${bomb}`)).toMatchObject({ kind: "share-error", message: expect.stringContaining("larger") });
    const exact = toBase64Url(deflateRawSync(Buffer.alloc(MAX_SOURCE_BYTES, 0x20)));
    expect(await decodeShare(`src=${exact}`)).toMatchObject({ kind: "source", path: "playground.terms" });
    expect(await decodeShare("src=not*base64")).toMatchObject({ kind: "share-error" });
    expect(await decodeShare("src=AAAA")).toMatchObject({ kind: "share-error" });
    const invalidUtf8 = toBase64Url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x41])));
    expect(await decodeShare(`src=${invalidUtf8}`)).toMatchObject({ kind: "share-error" });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (fragment) => {
        const decoded = await decodeShare(fragment);
        expect(decoded === undefined || typeof decoded.kind === "string").toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("use base64url without padding, as RFC 4648 section 5 defines it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64Url(text)).toEqual(new Uint8Array(bytes));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("the browser's node:crypto shim", () => {
  it("computes SHA-256 as node:crypto does, over UTF-8 text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (text) => {
        expect(shimHash("sha256").update(text, "utf8").digest("hex")).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
      }),
      { seed: SEED, numRuns: 300 },
    );
    // FIPS 180-4's example: SHA-256("abc").
    expect(shimHash("sha256").update("abc").digest("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("refuses any other algorithm", () => {
    expect(() => shimHash("md5")).toThrow(/only sha256/);
  });
});
