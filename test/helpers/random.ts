/**
 * The one seeded random generator of the tests, the fuzzer and the benches' mutators.
 */
/** A small deterministic generator in [0, 1) (mulberry32): seeded, so a failure reproduces from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
