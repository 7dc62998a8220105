/**
 * The one piece of `node:crypto` the compiler uses, for the browser: `createHash("sha256")` with UTF-8 `update`
 * and hex `digest`, as src/model/canonical.ts computes a spec's content hash. The playground's Vite configuration
 * aliases `node:crypto` to this file; the hash is @noble/hashes' audited synchronous SHA-256 (the browser's own,
 * SubtleCrypto, is asynchronous), so a spec compiled in the browser has the same content hash as with the CLI.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** A running SHA-256 over UTF-8 text or bytes, as node:crypto's Hash is used by the compiler. */
export interface Hash {
  update(data: string | Uint8Array, encoding?: "utf8"): Hash;
  digest(encoding: "hex"): string;
}

/** node:crypto's createHash, for SHA-256 only; any other algorithm is a programming error. */
export function createHash(algorithm: string): Hash {
  if (algorithm !== "sha256") throw new Error(`the playground's node:crypto supports only sha256, not ${algorithm}`);
  const state = sha256.create();
  const encoder = new TextEncoder();
  const hash: Hash = {
    update(data) {
      state.update(typeof data === "string" ? encoder.encode(data) : data);
      return hash;
    },
    digest() {
      return bytesToHex(state.digest());
    },
  };
  return hash;
}
