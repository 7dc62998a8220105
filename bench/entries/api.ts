/**
 * Stand-in library entry for benchmarks while dist/index.js does not yet export what they need: the parser, the
 * driver and the lexer, bundled from src/ by bench/lib.mjs exactly as scripts/build.mjs bundles the real entry.
 */
export { SourceFile } from "../../src/base/source.js";
export { parse } from "../../src/syntax/parse.js";
export { checkSources } from "../../src/driver.js";
export { lexer } from "../../src/syntax/tokens.js";
