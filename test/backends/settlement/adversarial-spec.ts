/** FOTI's compiled spec rewritten with adversarial text, for the tests of the generated settlement modules. */
import { readFileSync } from "node:fs";
import type { GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { ADVERSARIAL } from "./adversarial.js";

const fotiText = readFileSync(new URL("../../cases/compiled/contracts/FOTI.json", import.meta.url), "utf8");

/** FOTI's compiled spec with adversarial text for its contract's and index's names and every text field. */
export function adversarialSpec(contractName: string, indexName: string): GeneratorSpec {
  let i = 0;
  const next = () => ADVERSARIAL[i++ % ADVERSARIAL.length]!;
  const rename = (s: string) => (s === "FOTI" ? contractName : s === "AITOK_OUT" ? indexName : s);
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === "string") return key === "title" ? next() : rename(v);
    if (Array.isArray(v)) return key === "clauses" || key === "descriptions" ? v.map(() => next()) : v.map((x) => walk(x, null));
    if (typeof v !== "object" || v === null) return v;
    const out: Record<string, unknown> = {};
    // defineProperty: a key "__proto__" stays an own key, as JSON.parse makes it
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, rename(k), { value: walk(x, k), enumerable: true, writable: true, configurable: true });
    return out;
  };
  const spec = walk(JSON.parse(fotiText), null) as Record<string, unknown>;
  // A tick version whose effective bounds are adversarial text, and a second contract named "__proto__".
  const contracts = spec.contracts as Record<string, Record<string, unknown[]>>;
  const c = contracts[contractName]!;
  c.tick = [{ ...(c.tick![0] as object), effective: [{ from: ADVERSARIAL[2], until: ADVERSARIAL[0] }] }, ...c.tick!];
  return JSON.parse(JSON.stringify({ ...spec, contentHash: ADVERSARIAL.join("") })) as GeneratorSpec;
}
