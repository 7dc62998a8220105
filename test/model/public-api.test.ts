/**
 * The compiled-spec part of the public API (src/index.ts), and the README's "Loading a compiled spec" and
 * "Settling from a compiled spec" examples: each example's code is taken from README.md, compiled with esbuild and
 * run against the golden FOTI spec (the first once as compiled and once tampered), so the README stays true.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { ROOT } from "./compile-helpers.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const golden = readFileSync(join(ROOT, "test/cases/compiled/contracts/FOTI.json"), "utf8");

/** The TypeScript block of a README section ("### Loading a compiled spec" by default). */
function example(section = "Loading a compiled spec"): string {
  const start = readme.indexOf(`\n### ${section}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  return m![1]!;
}

/** Runs a README example with the files it reads served by `serve`; returns what it printed. */
function run(serve: (path: string) => string, section?: string): string[] {
  const js = transformSync(example(section), { loader: "ts", format: "cjs" }).code;
  const printed: string[] = [];
  const modules: Record<string, unknown> = {
    termsheet: api,
    "node:fs": {
      readFileSync: (path: string, encoding?: string) => (encoding === "utf8" ? serve(path) : new TextEncoder().encode(serve(path))),
    },
  };
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`the README example imports ${name}`);
    return modules[name];
  };
  const console = { error: (...a: unknown[]) => printed.push(a.join(" ")), log: (...a: unknown[]) => printed.push(a.join(" ")) };
  new Function("require", "console", "module", "exports", js)(require, console, { exports: {} }, {});
  return printed;
}

describe("the public API for compiled specs", () => {
  it("exports the loader, its error, the compiler and version helpers", () => {
    expect(typeof api.loadSpec).toBe("function");
    expect(typeof api.compileSources).toBe("function");
    expect(typeof api.versionOn).toBe("function");
    expect(api.SCHEMA_VERSION).toBe("1.0");
    expect(new api.SpecError([{ path: "/x", message: "is wrong" }])).toBeInstanceOf(Error);
    const spec: api.Spec = api.loadSpec(golden);
    const foti = spec.contracts.FOTI as api.Model.Future;
    expect(api.versionOn(foti.tick, "2026-03-02")?.value[0]?.tick.amount).toBe("0.001");
  });

  it("runs the README example on a compiled spec without a problem", () => {
    const asked: string[] = [];
    expect(run((path) => (asked.push(path), golden))).toEqual([]);
    expect(asked).toEqual(["build/specs/contracts/FOTI.json"]);
  });

  it("prints the README example's problem lines for a tampered spec", () => {
    const tampered = golden.replace('"amount": "0.001"', '"amount": "0.002"');
    expect(tampered).not.toBe(golden);
    const printed = run(() => tampered);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^\/contentHash: does not match the content/);
  });

  it("runs the README settlement example: the price, the variation and the certificate", () => {
    const files: Record<string, string> = {
      "build/specs/contracts/FOTI.json": golden,
      "fixings.csv": "time,index,value\n2026-03-27T16:00:00Z,AITOK_OUT,10.12345\n",
    };
    const printed = run((path) => files[path] ?? "", "Settling from a compiled spec");
    expect(printed[0]).toBe("10.123 46");
    expect(printed[1]).toMatch(/^FOTI-H26 final settlement: 10\.123\n/);
    expect(printed[1]).toContain(`spec ${api.loadSpec(golden).contentHash}`);
    expect(printed).toHaveLength(2);
  });

  it("the README settlement example names the file, line and field of a malformed fixing", () => {
    const files: Record<string, string> = {
      "build/specs/contracts/FOTI.json": golden,
      "fixings.csv": "time,index,value\n2026-03-27T16:00:00Z,AITOK_OUT,10.1x\n",
    };
    expect(() => run((path) => files[path] ?? "", "Settling from a compiled spec")).toThrow(/^fixings\.csv:2: value: /);
  });
});
