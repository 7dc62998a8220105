/**
 * The CLI's help texts, printed from the command table (commands.ts): the general help (`termsheet --help`), one
 * page per command (`termsheet help <command>`), the usage line shown with usage errors, and the command reference
 * of README.md (`commandReference`, written by scripts/gen-cli-reference.ts and checked by
 * test/cli/reference.test.ts). Plain strings; run.ts decides where they are printed.
 */
import { COMMAND_TABLE, COMMANDS, EXIT_CODES, INPUTS_NOTE, type CommandName, type CommandSpec, type OptionSpec } from "./commands.js";

/** The width help text is wrapped to. */
const WIDTH = 100;

/** An option as usage lines show it: `--out DIR`, `--format text|json`, `--no-color`. */
function optionUsage(o: OptionSpec): string {
  if (o.kind === "flag") return o.name;
  const value = o.kind === "choice" ? (o.values ?? []).map((c) => c.value).join("|") : (o.value ?? "VALUE");
  return `${o.name} ${value}`;
}

/** The options of a usage line: required ones bare, the others in brackets, alternatives and pairs together. */
function optionsUsage(options: readonly OptionSpec[]): string[] {
  const parts: string[] = [];
  const shown = options.filter((o) => o.hidden !== true);
  for (let i = 0; i < shown.length; i++) {
    const o = shown[i]!;
    const together = [o];
    const join = o.group !== undefined ? " | " : " ";
    const key = o.group ?? o.pair;
    while (key !== undefined && shown[i + 1] !== undefined && (shown[i + 1]!.group ?? shown[i + 1]!.pair) === key)
      together.push(shown[++i]!);
    const text = together.map(optionUsage).join(join);
    parts.push(o.required === true ? text : `[${text}]`);
  }
  return parts;
}

/** The usage line of a command, or of the whole CLI. */
export function usageLine(command: CommandName | undefined): string {
  if (command === undefined) return `termsheet <command> [options]   (commands: ${COMMANDS.join(", ")})`;
  const spec = COMMAND_TABLE[command];
  return ["termsheet", command, spec.operands.usage, ...optionsUsage(spec.options)].filter((p) => p !== "").join(" ");
}

/** Words wrapped to `width` columns, continuation lines indented by `indent`. */
function wrap(text: string, first: string, indent: number): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > WIDTH && line.trim() !== "" && line.length > indent) {
      lines.push(line);
      line = " ".repeat(indent) + word;
    } else {
      line += (line.length === indent || line.endsWith(" ") ? "" : " ") + word;
    }
  }
  lines.push(line);
  return lines.join("\n");
}

/** Rows of a two-column list: the left column padded to the widest entry. */
function rows(entries: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.max(...entries.map(([left]) => left.length)) + 3;
  return entries.map(([left, right]) => wrap(right, " ".repeat(indent) + left.padEnd(width), indent + width)).join("\n");
}

/** The option list of a help page: one row per option, one per value of a choice. */
function optionRows(options: readonly OptionSpec[]): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  for (const o of options) {
    if (o.hidden === true) continue;
    if (o.kind === "choice") {
      for (const c of o.values ?? []) out.push([`${o.name} ${c.value}`, c.description + (c.value === o.default ? " (the default)" : "")]);
      continue;
    }
    out.push([optionUsage(o), o.description + (o.default !== undefined ? ` (default: ${o.default})` : "")]);
  }
  return out;
}

function exitCodes(codes: readonly (readonly [number, string])[]): string {
  return `Exit codes:\n${rows(codes.map(([code, meaning]) => [String(code), meaning]))}`;
}

/** The help page of one command. */
export function commandHelp(command: CommandName): string {
  const spec: CommandSpec = COMMAND_TABLE[command];
  const blocks = [spec.about, `Usage:\n  ${usageLine(command)}`];
  if (spec.details !== undefined) blocks.push(spec.details);
  const options = optionRows(spec.options);
  if (options.length > 0) blocks.push(`Options:\n${rows(options)}`);
  blocks.push(exitCodes(spec.exits ?? EXIT_CODES));
  return blocks.join("\n\n");
}

/** The general help, `termsheet --help`. */
export function generalHelp(version: string): string {
  const usage = [...COMMANDS.map((c) => usageLine(c)), "termsheet --help | --version"].map((l) => `  ${l}`).join("\n");
  const commands = rows(COMMANDS.map((c) => [c, COMMAND_TABLE[c].summary]));
  const output = rows(optionRows(COMMAND_TABLE.check.options.filter((o) => o.name === "--format" || o.name === "--no-color")));
  return [
    `termsheet ${version}: a language and compiler for AI-token derivatives`,
    `Usage:\n${usage}`,
    `Commands:\n${commands}\n\nRun \`termsheet help <command>\` for a command's options.`,
    INPUTS_NOTE,
    `Output:\n${output}`,
    exitCodes(EXIT_CODES),
  ].join("\n\n");
}

/** Escapes a table cell of Markdown. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/**
 * README.md's command reference, between its markers: the usage lines, then a table of every command's options
 * with their meaning and default.
 */
export function commandReference(): string {
  const usage = [...COMMANDS.map((c) => usageLine(c)), "termsheet --help | --version"].join("\n");
  const table = ["| Command | Option | Meaning |", "|---|---|---|"];
  for (const c of COMMANDS) {
    for (const o of COMMAND_TABLE[c].options) {
      if (o.hidden === true) continue;
      const values = o.kind === "choice" ? `: ${(o.values ?? []).map((v) => `\`${v.value}\` ${v.description}`).join("; ")}` : "";
      const meaning = `${o.description}${values}${o.default !== undefined ? ` (default: \`${o.default}\`)` : ""}${o.required === true ? " (required)" : ""}`;
      table.push(`| \`${c}\` | \`${cell(optionUsage(o))}\` | ${cell(meaning)} |`);
    }
  }
  return ["```text", usage, "```", "", ...table].join("\n");
}

/** The markers of the command reference in README.md. */
export const README_BEGIN = "<!-- command reference: generated from src/cli/commands.ts by `npx tsx scripts/gen-cli-reference.ts` -->";
export const README_END = "<!-- end of command reference -->";

/** The README with its command reference replaced by {@link commandReference}; undefined without the markers. */
export function withReference(readme: string): string | undefined {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) return undefined;
  return `${readme.slice(0, begin)}${README_BEGIN}\n\n${commandReference()}\n\n${readme.slice(end)}`;
}
