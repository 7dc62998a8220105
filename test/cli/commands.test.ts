/**
 * The command table (src/cli/commands.ts) is the one description of the CLI's commands and options: the parser
 * accepts every option it lists with a value of its kind and refuses one of another kind, the help page and the
 * usage line show every option that is not hidden, and README.md's command reference is what the table gives.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { COMMAND_TABLE, COMMANDS, type OptionSpec, type ValueKind } from "../../src/cli/commands.js";
import { commandHelp, generalHelp, usageLine, withReference } from "../../src/cli/help.js";
import { repoRoot } from "../helpers/paths.js";

/** A well-formed value of each kind, and one that is not. */
const SAMPLES: Readonly<Record<Exclude<ValueKind, "flag" | "choice">, readonly [string, string | undefined]>> = {
  text: ["x", undefined],
  day: ["2026-03-27", "2026-02-30"],
  month: ["2026-03", "2026-13"],
  instant: ["2026-03-27T16:00:00Z", "2026-03-27T16:00"],
  price: ["12.345", "-1"],
  "signed-price": ["-12.345", "1e3"],
  decimal: ["-0.5", "x"],
  position: ["-5@12.3", "5"],
};

/** The smallest arguments a command accepts besides `option`: its operands and its required options. */
function baseArgs(command: keyof typeof COMMAND_TABLE, except: OptionSpec): string[] {
  const spec = COMMAND_TABLE[command];
  const args = Array.from({ length: spec.operands.min }, (_, i) => `in${i}.terms`);
  for (const o of spec.options) if (o.required === true && o !== except) args.push(o.name, SAMPLES[o.kind as "text"][0]);
  // `index` needs market data; `settle` reads its period from a symbol.
  if (command === "index" && except.name !== "--observations") args.push("--observations", "o.csv");
  return args;
}

const commands = COMMANDS.filter((c) => c !== "help");

describe("the command table", () => {
  it.each(commands)("%s: the parser accepts every option with a value of its kind and refuses other values", (command) => {
    for (const o of COMMAND_TABLE[command].options) {
      const base = [command, ...baseArgs(command, o)];
      if (o.kind === "flag") {
        expect(parseArgs([...base, o.name]).kind, o.name).not.toBe("usage-error");
        expect(parseArgs([...base, `${o.name}=x`])).toMatchObject({ kind: "usage-error", message: `\`${o.name}\` takes no value` });
        continue;
      }
      const good = o.kind === "choice" ? o.values!.map((c) => c.value) : [SAMPLES[o.kind][0]];
      // The pairs of settle (--bid with --ask, --right with --strike) and its daily-only options need their partners.
      const partners: Record<string, string[]> = {
        "--bid": ["--ask", "1", "--daily", "2026-03-02"],
        "--ask": ["--bid", "1", "--daily", "2026-03-02"],
        "--prior": ["--daily", "2026-03-02"],
        "--strip": ["--daily", "2026-03-02"],
        "--right": ["--strike", "10"],
        "--strike": ["--right", "call"],
        "--determined-on": ["--determined", "1"],
        "--negotiated": ["--negotiated-on", "2026-03-02"],
        "--negotiated-on": ["--negotiated", "1"],
        "--expiry": [],
        "--legs": ["--position", "2@-0.0775"],
        "--valued-on": ["--legs", "10.1", "--position", "2@-0.0775"],
      };
      for (const value of good) {
        // A Word or PDF document is written to a file only: `--format docx` and `--format pdf` need `--out`.
        const out = o.name === "--format" && (value === "docx" || value === "pdf") ? ["--out", `x.${value}`] : [];
        const parsed = parseArgs([...base, ...(command === "settle" ? (partners[o.name] ?? []) : []), ...out, `${o.name}=${value}`]);
        if (out.length > 0) expect(parseArgs([...base, `${o.name}=${value}`]).kind).toBe("usage-error");
        expect(parsed.kind, `${command} ${o.name}=${value}: ${JSON.stringify(parsed)}`).not.toBe("usage-error");
      }
      const bad = o.kind === "choice" ? "nonsense" : SAMPLES[o.kind][1];
      if (bad !== undefined) expect(parseArgs([...base, o.name, bad]).kind, `${command} ${o.name} ${bad}`).toBe("usage-error");
      expect(parseArgs([...base, o.name])).toMatchObject({ kind: "usage-error", message: `\`${o.name}\` needs a value` });
    }
  });

  it.each(commands)("%s: a required option left out is a usage error that names it", (command) => {
    for (const o of COMMAND_TABLE[command].options.filter((x) => x.required === true)) {
      expect(parseArgs([command, ...baseArgs(command, o)])).toMatchObject({ kind: "usage-error", message: `missing \`${o.name}\`` });
    }
  });

  it.each(commands)("%s: the usage line and the help page show every option that is not hidden", (command) => {
    const page = commandHelp(command);
    expect(page).toContain(usageLine(command));
    for (const o of COMMAND_TABLE[command].options) {
      const shown = !(o.hidden ?? false);
      expect(usageLine(command).includes(o.name), o.name).toBe(shown);
      expect(page.includes(o.name), o.name).toBe(shown);
    }
    expect(generalHelp("1.2.3")).toContain(usageLine(command));
  });

  it("is README.md's command reference (run `npx tsx scripts/gen-cli-reference.ts` after changing the table)", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const expected = withReference(readme);
    expect(expected, "README.md has the command reference markers").toBeDefined();
    expect(readme).toBe(expected);
  });
});
