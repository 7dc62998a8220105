// Declarations of bench/generate.mjs, for the TypeScript tests that use the generated file.
/** A deterministic .terms file of exactly `lines` lines: groups of a calendar, an index and a future. */
export function generateTerms(lines?: number, seed?: number): { text: string; declarations: number; lines: number };
