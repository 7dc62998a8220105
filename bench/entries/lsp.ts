/**
 * Entry of the language-server benchmark (bench/lsp.mjs), bundled from src/ by bench/lib.mjs as scripts/build.mjs
 * bundles the CLI: the language service, the driver (the non-incremental baseline) and the seeded mutator.
 */
export { LanguageService } from "../../src/service/index.js";
export { checkSources } from "../../src/driver.js";
export { editSession, random } from "../../test/helpers/mutants.js";
export { IncrementalParser } from "../../src/service/index.js";
export { parse } from "../../src/syntax/parse.js";
export { SourceFile } from "../../src/base/source.js";
