/** The editor's vocabulary, read from the compiler at build time by the Vite configuration (vite.config.ts). */
declare module "virtual:termsheet-vocabulary" {
  const vocabulary: {
    /** The lexer's keywords (src/syntax/tokens.ts). */
    readonly keywords: readonly string[];
    /** The checker's enumerated words: weekdays, months, rounding modes, conventions, … (src/check/words.ts). */
    readonly enumWords: readonly string[];
    /** Unit words, currencies and scale words (src/base/units.ts). */
    readonly units: readonly string[];
  };
  export default vocabulary;
}
