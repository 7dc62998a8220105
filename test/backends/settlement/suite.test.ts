/**
 * Two backends, one semantics: the settlement suite (test/cases/settlement, goldens written through the loader by
 * test/runtime/functions/suite.test.ts) run through the generated modules. Every contract spec compiled from specs/ is
 * generated, formatted, written beside the runtime bundle in a temporary folder and imported; each case's report
 * must print byte-identical JSON and text to the goldens.
 */
import { afterAll } from "vitest";
import type { GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { compiledSpecs, runSettlementSuite } from "../../settlement-suite.js";
import { GeneratedFolder, asSpecFunctions } from "./helpers.js";

const folder = new GeneratedFolder();
afterAll(() => folder.cleanup());

const specs = [...compiledSpecs()]
  .filter(([path]) => path.startsWith("contracts/") || path.startsWith("indices/"))
  .map(([path, text]) => ({ path, spec: JSON.parse(text) as GeneratorSpec }));
const { modules } = await folder.load(specs);

runSettlementSuite("the generated modules (backends/settlement)", (_json, path) => {
  const m = modules.get(path);
  if (m === undefined) throw new Error(`no generated module for ${path}`);
  return asSpecFunctions(m);
});
