/**
 * The CLI's help texts: the general help (`termsheet --help`), one page per command (`termsheet help <command>`)
 * and the one-line usage shown with usage errors. Plain strings; run.ts decides where they are printed.
 */
import type { CommandName } from "./args.js";

/** One usage line per command. */
const USAGE: Readonly<Record<CommandName, string>> = {
  check: "termsheet check <files or folders…> [--format text|json] [--no-color]",
  build: "termsheet build <files or folders…> [--out DIR] [--format text|json] [--no-color]",
  help: "termsheet help <command>",
};

const EXIT_CODES = `Exit codes:
  0  no errors (warnings are allowed)
  1  errors in the sources, or an input that does not exist or cannot be read
  2  usage error: unknown command or option, missing argument
  3  internal error: a bug in termsheet, not in your files`;

const INPUTS = `Folders are searched recursively for *.terms files, in sorted order, skipping node_modules and
folders whose names start with a dot. Imported files are read too; import paths are relative to the
importing file.`;

const OUTPUT = `Output:
  --format text   diagnostics with source excerpts, then a summary line (the default)
  --format json   one JSON document: {"diagnostics": [...], "summary": {"errors", "warnings", "files"}}
  --no-color      no ANSI colour; colour is also off when stdout is not a terminal or NO_COLOR is set`;

const PAGES: Readonly<Record<CommandName, string>> = {
  check: `Parse and check Termsheet sources and everything they import.

Usage:
  ${USAGE.check}

${INPUTS}

${OUTPUT}

${EXIT_CODES}`,
  build: `Compile Termsheet sources.

Usage:
  ${USAGE.build}

\`build\` runs the same checks as \`check\`, then writes one compiled JSON spec per declaration of
the given files, each with the calendars, indices and contracts it uses, to DIR/calendars,
DIR/indices and DIR/contracts. With any error it writes nothing. See docs/spec-format.md.

${INPUTS}

${OUTPUT}
  --out DIR       where compiled specs are written (default: build/specs)

${EXIT_CODES}`,
  help: `Show help for a command.

Usage:
  ${USAGE.help}

Commands: check, build, help.`,
};

/** The general help, `termsheet --help`. */
export function generalHelp(version: string): string {
  return `termsheet ${version}: a language and compiler for AI-token derivatives

Usage:
  ${USAGE.check}
  ${USAGE.build}
  ${USAGE.help}
  termsheet --help | --version

Commands:
  check   parse and check .terms files and the files they import
  build   compile .terms files to JSON specs (see \`termsheet help build\`)
  help    show help for a command

${INPUTS}

${OUTPUT}

${EXIT_CODES}`;
}

/** The help page of one command. */
export function commandHelp(command: CommandName): string {
  return PAGES[command];
}

/** The usage line of a command, or of the whole CLI. */
export function usageLine(command: CommandName | undefined): string {
  return command === undefined ? "termsheet <command> [options]   (commands: check, build, help)" : USAGE[command];
}
