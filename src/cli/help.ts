/**
 * The CLI's help texts: the general help (`termsheet --help`), one page per command (`termsheet help <command>`)
 * and the one-line usage shown with usage errors. Plain strings; run.ts decides where they are printed.
 */
import type { CommandName } from "./args.js";

/** One usage line per command. */
const USAGE: Readonly<Record<CommandName, string>> = {
  check: "termsheet check <files or folders…> [--format text|json] [--no-color] [--no-cache] [--watch]",
  build: "termsheet build <files or folders…> [--out DIR] [--format text|json] [--no-color] [--watch]",
  calendar: "termsheet calendar <files or folders…> --calendar NAME --from YYYY-MM-DD --to YYYY-MM-DD [--format text|json]",
  expiries: "termsheet expiries <files or folders…> --contract NAME --from YYYY-MM --to YYYY-MM [--format text|json]",
  listed: "termsheet listed <files or folders…> --contract NAME --on YYYY-MM-DD [--format text|json]",
  fmt: "termsheet fmt <files or folders…> [--check] [--no-color]",
  render:
    "termsheet render <spec.json | files or folders…> [--contract NAME] [--format md|html|docx] [--layout sections|rulebook] [--as-of YYYY-MM-DD] [--out FILE] [--watch]",
  diff: "termsheet diff <old spec> <new spec> [--contract NAME] [--format md|html|json|docx] [--author NAME] [--full] [--as-of YYYY-MM-DD] [--out FILE]",
  settle:
    "termsheet settle <spec> --contract SYMBOL (--month YYYY-MM | --expiry YYYY-MM-DD) [--observations FILE] [--fixings FILE] [--daily YYYY-MM-DD] [--position QTY@PRICE] [--format text|json]",
  index: "termsheet index <spec> --index NAME --at INSTANT --observations FILE [--fixings FILE] [--format text|json]",
  init: "termsheet init [folder]",
  lsp: "termsheet lsp [--stdio]",
  help: "termsheet help <command>",
};

const SCHEDULE_NOTE = `The sources are checked and compiled first (errors are reported as by \`check\` and nothing else
is printed); the answer uses the compiled calendars and contracts. Dates are ISO 8601. See the
README for the JSON output.`;

const EXIT_CODES = `Exit codes:
  0  no errors (warnings are allowed)
  1  errors in the sources, or an input that does not exist or cannot be read
  2  usage error: unknown command or option, missing argument
  3  internal error: a bug in termsheet, not in your files`;

const INPUTS = `Folders are searched recursively for *.terms files, in sorted order, skipping node_modules and
folders whose names start with a dot. Imported files are read too; import paths are relative to the
importing file. An import reads only a .terms file (a regular file of at most 16 MiB) inside the
project folder, the nearest folder at or above the inputs that holds termsheet.json or package.json
(else the folder given), or inside the standard library, symbolic links resolved.`;

const WATCH = `Watch:
  --watch         keep running: run again whenever a file it read changes (sources, imported files,
                  folders given), a moment after the last change; stop with Ctrl-C`;

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

Cache:
  A check whose files, folders and settings are unchanged since an earlier run prints that run's
  result without parsing again. The cache lives in node_modules/.cache/termsheet (of the nearest
  folder with node_modules; else ~/.cache/termsheet); TERMSHEET_CACHE_DIR moves it.
  --no-cache      check from scratch (TERMSHEET_CACHE=off does the same for every run)

${WATCH}

${EXIT_CODES}`,
  build: `Compile Termsheet sources.

Usage:
  ${USAGE.build}

\`build\` runs the same checks as \`check\`, then writes one compiled JSON spec per declaration of
the given files, each with the calendars, indices and contracts it uses, to DIR/calendars,
DIR/indices and DIR/contracts. With any error it writes nothing. DIR is replaced as a whole, in one
switch (the new output is written beside it and renamed into its place), and only when it holds
nothing but what a build writes. See docs/spec-format.md.

${INPUTS}

${OUTPUT}
  --out DIR       where compiled specs are written (default: build/specs)

A progress bar is shown on stderr when the build takes longer than a second and stderr is a
terminal (TERMSHEET_PROGRESS=1 forces it, 0 turns it off).

${WATCH}

${EXIT_CODES}`,
  calendar: `List the non-business weekdays of a calendar with their holiday names.

Usage:
  ${USAGE.calendar}

--from and --to are inclusive. ${SCHEDULE_NOTE}

${INPUTS}

${EXIT_CODES}`,
  expiries: `List the expiries of a contract: per contract month (or week), the last trading day, the
termination instant in UTC and in its zone, the final settlement date and the averaging days.

Usage:
  ${USAGE.expiries}

--from and --to are inclusive months; a weekly contract lists the ISO weeks whose Thursday falls in
them. ${SCHEDULE_NOTE}

${INPUTS}

${EXIT_CODES}`,
  listed: `List the contract months (or weeks) of a contract listed on a date, with their symbols
(FOTI-Z26; weekly: FOTW-26W13) and last trading days.

Usage:
  ${USAGE.listed}

${SCHEDULE_NOTE}

${INPUTS}

${EXIT_CODES}`,
  fmt: `Format Termsheet sources in the canonical layout (the prettier plugin termsheet/prettier).

Usage:
  ${USAGE.fmt}

Rewrites each file that is not formatted. With --check nothing is written: the unformatted files
are listed and the exit code is 1. A file with syntax errors is never rewritten: its errors are
reported as by \`check\` and the exit code is 1.

${INPUTS}

${EXIT_CODES}`,
  render: `Write a contract's terms as a readable document, in the style of an exchange rulebook chapter.

Usage:
  ${USAGE.render}

The input is a compiled spec (a .json file written by \`build\`) or .terms files and folders, compiled
first (choose the declaration with --contract when there are several). The document has numbered
clauses, defined terms, the index methodology step by step, the fallback waterfall, the calendars,
the next 12 contract months from --as-of (default: today, UTC) and every rule version with its dates.
--format md (default) writes Markdown; --format html a self-contained page that prints to PDF;
--format docx a Word document (with --out). --layout rulebook numbers and heads the contract's rules
by the rule numbers of its clause references (CME style), with the index disclaimer; the default
layout is sections. Without --out the document is written to stdout.

${WATCH}

${EXIT_CODES}`,
  diff: `Compare two versions of a contract and say what changes.

Usage:
  ${USAGE.diff}

Each spec is a compiled .json file or .terms sources (a file or folder). Every change is said in
plain words and classified as economic (a term that payments or dates depend on) or editorial (only
descriptions, references or titles); the contract months from --as-of (default: today, UTC) whose
dates or settlement terms change are listed, and the changed clauses are redlined.

${EXIT_CODES}`,
  settle: `Compute a contract's final (or daily) settlement price from market data, with its certificate.

Usage:
  ${USAGE.settle}

<spec> is a compiled .json spec (written by \`build\`) or .terms files and folders, compiled first.
--contract is the contract's name with --month (or --expiry for a weekly), or its symbol (FOTI-Z26,
FOTW-26W13). The market data are observations (CSV or NDJSON rows time,source,price,volume
[,instrument]; the file is streamed, so it may be large) and fixings (time,index,value[,status]).

Options:
  --month YYYY-MM        the contract month; --expiry YYYY-MM-DD: a weekly's expiry date
  --daily YYYY-MM-DD     the daily settlement of that day instead of the final settlement
  --prior PRICE          the previous daily settlement (price limits, carry-forward)
  --bid PRICE --ask PRICE  the closing quotes, for a midpoint step of the daily procedure
  --position QTY@PRICE   also compute the variation margin of a position; a short position
                         has a negative QTY, e.g. --position -5@12.345
  --right call|put --strike K  the option to settle (option contracts)
  --determined VALUE     a value determined by the exchange, for the last fallback level
  --format text|json     the short readable certificate (default) or the full JSON report

A progress bar is shown on stderr when reading and computing take longer than a second and stderr
is a terminal (TERMSHEET_PROGRESS=1 forces it, 0 turns it off).

Exit codes:
  0  the settlement price was computed
  1  the settlement failed (the certificate says why), or an input is missing or malformed
     (the error names file:line: field)
  2  usage error: unknown command or option, missing argument, unknown contract
  3  internal error: a bug in termsheet, not in your files`,
  index: `Compute one index value at an instant from observations, with its certificate.

Usage:
  ${USAGE.index}

<spec> is a compiled .json spec or .terms files and folders; --index names an index it
declares (it may be left out when the spec has exactly one). --at is an instant with an offset
(2026-03-27T16:00:00Z), or a date for the index's publication time that day. Observations and
fixings are read as by \`termsheet settle\`.

Exit codes:
  0  the index value was computed
  1  the computation failed (the certificate says why), or an input is missing or malformed
  2  usage error: unknown command or option, missing argument, unknown index
  3  internal error: a bug in termsheet, not in your files`,
  init: `Create a new Termsheet project in a folder (default: the current folder).

Usage:
  ${USAGE.init}

Writes a calendar, an index and a future importing them (contracts/), sample fixings to settle it
(data/fixings.csv) and a README.md with the commands that check and settle it. Files that already
exist are never overwritten: init stops and lists them, and writes nothing.

Exit codes:
  0  the project was created
  1  a file exists already, or a file cannot be written
  2  usage error`,
  lsp: `Run the Termsheet language server on stdin and stdout (the Language Server Protocol).

Usage:
  ${USAGE.lsp}

Editors start it: the VS Code extension (editors/vscode) does, and any LSP client can. It gives the
diagnostics of \`check\` as you type, hover (the clause a statement renders to, the dates of a last
trading day), go to definition, references, rename, outline, completion, quick fixes, formatting and
semantic highlighting. Paths are shown relative to the workspace folder.

Exit codes:
  0  the client asked the server to exit`,
  help: `Show help for a command.

Usage:
  ${USAGE.help}

Commands: check, build, calendar, expiries, listed, fmt, render, diff, settle, index, init, lsp, help.`,
};

/** The general help, `termsheet --help`. */
export function generalHelp(version: string): string {
  return `termsheet ${version}: a language and compiler for AI-token derivatives

Usage:
  ${USAGE.check}
  ${USAGE.build}
  ${USAGE.calendar}
  ${USAGE.expiries}
  ${USAGE.listed}
  ${USAGE.fmt}
  ${USAGE.render}
  ${USAGE.diff}
  ${USAGE.settle}
  ${USAGE.index}
  ${USAGE.init}
  ${USAGE.lsp}
  ${USAGE.help}
  termsheet --help | --version

Commands:
  check     parse and check .terms files and the files they import
  build     compile .terms files to JSON specs (see \`termsheet help build\`)
  calendar  list the holidays of a calendar between two dates
  expiries  list a contract's last trading days, termination instants and settlement dates
  listed    list the contract months of a contract listed on a date
  fmt       format .terms files (\`--check\` only reports unformatted files)
  render    write a contract's terms as a readable document (Markdown or HTML)
  diff      compare two versions of a contract: changes in words, months affected, redline
  settle    compute a final or daily settlement price from market data, with its certificate
  index     compute one index value from observations, with its certificate
  init      create a new project: a contract, an index, a calendar, sample fixings
  lsp       run the language server for editors (stdio)
  help      show help for a command

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
  return command === undefined
    ? "termsheet <command> [options]   (commands: check, build, calendar, expiries, listed, fmt, render, diff, settle, index, init, lsp, help)"
    : USAGE[command];
}
