/**
 * The command table: every command of `termsheet`, its operands and options (name, kind of value, placeholder,
 * values, default, whether required) and the words that describe them. It is data only: args.ts parses with it,
 * help.ts prints the usage lines and help pages from it, and README.md's command reference is generated from it
 * (help.ts's `commandReference`; test/cli/reference.test.ts fails when the README differs). A new option is one
 * entry here, plus its use in args.ts's invocation of the command.
 */

/** Every command `termsheet help <command>` knows, in the order the help lists them. */
export const COMMANDS = [
  "check",
  "build",
  "calendar",
  "expiries",
  "listed",
  "sessions",
  "fmt",
  "render",
  "diff",
  "settle",
  "index",
  "price",
  "strikes",
  "halts",
  "init",
  "lsp",
  "sql",
  "backfill",
  "help",
] as const;

/** A command name. */
export type CommandName = (typeof COMMANDS)[number];

/**
 * What an option's value must look like; args.ts checks each value as it is read, with a message that names the
 * option and says what it needs:
 *   flag      no value                              text      any non-empty text
 *   choice    one of `values`                       day       a date YYYY-MM-DD that exists
 *   month     YYYY-MM                               instant   an instant with seconds and an offset, or a day
 *   price     a price, unsigned (12.345)            signed-price  a price, possibly negative (a spread's)
 *   decimal   a decimal value, possibly negative    position  QTY@PRICE, QTY possibly negative
 * The decimals obey the input precision of runtime/decimal.ts.
 */
export type ValueKind = "flag" | "text" | "choice" | "day" | "month" | "instant" | "price" | "signed-price" | "decimal" | "position";

/** One value of a choice, with what it means. */
export interface Choice {
  readonly value: string;
  readonly description: string;
}

/** An option of a command. */
export interface OptionSpec {
  /** `--name`. */
  readonly name: string;
  readonly kind: ValueKind;
  /** The placeholder of its value in usage lines (DIR, NAME, YYYY-MM-DD); a choice shows its values instead. */
  readonly value?: string;
  /** The values of a choice. */
  readonly values?: readonly Choice[];
  /** The value when the option is not given. */
  readonly default?: string;
  /** A usage error when missing. */
  readonly required?: boolean;
  /** What it does: one sentence or two, for the help page and the README. */
  readonly description: string;
  /** The hint of a usage error when its value is missing (or, for a required option, when it is). */
  readonly hint?: string;
  /** For a choice: the noun of "unknown format `x`"; without it, "`--right` is `call` or `put`, not `x`". */
  readonly noun?: string;
  /** Accepted but not shown in usage or help (what editors' clients add). */
  readonly hidden?: boolean;
  /** Options with the same `group` are alternatives, shown together as `[--month YYYY-MM | --expiry YYYY-MM-DD]`. */
  readonly group?: string;
  /** Options with the same `pair` go together, shown as `[--bid PRICE --ask PRICE]`. */
  readonly pair?: string;
}

/** What a command takes besides options. */
export interface Operands {
  /** As shown in usage lines: `<files or folders…>`, `[folder]`. */
  readonly usage: string;
  readonly min: number;
  /** Undefined for any number. */
  readonly max?: number;
  /** The usage error when there are fewer than `min`. */
  readonly missing?: string;
  /** The usage error when there are more than `max`; `$1` is the first one too many. Default "unexpected argument `$1`". */
  readonly tooMany?: string;
}

/** One command. */
export interface CommandSpec {
  readonly name: CommandName;
  /** Its line in the general help's list of commands. */
  readonly summary: string;
  readonly operands: Operands;
  readonly options: readonly OptionSpec[];
  /** The first paragraph of its help page. */
  readonly about: string;
  /** Paragraphs after the usage line (blank-line separated). */
  readonly details?: string;
  /** Exit codes and their meaning for this command (default: {@link EXIT_CODES}). */
  readonly exits?: readonly (readonly [number, string])[];
}

/** The exit codes of the commands that check sources. */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, "no errors (warnings are allowed)"],
  [1, "errors in the sources, or an input that does not exist or cannot be read"],
  [2, "usage error: unknown command or option, missing argument"],
  [3, "internal error: a bug in termsheet, not in your files"],
];

/** How folders and imports are read, for the help pages of the commands that read sources. */
export const INPUTS_NOTE = `Folders are searched recursively for *.terms files, in sorted order, skipping node_modules and
folders whose names start with a dot. Imported files are read too; import paths are relative to the
importing file. An import reads only a .terms file (a regular file of at most 16 MiB) inside the
project folder, the nearest folder at or above the inputs that holds termsheet.json or package.json
(else the folder given), or inside the standard library, symbolic links resolved.`;

const SCHEDULE_NOTE = `The sources are checked and compiled first (errors are reported as by \`check\` and nothing else
is printed); the answer uses the compiled calendars and contracts. Dates are ISO 8601. See the
README for the JSON output.`;

const PROGRESS_NOTE = `is a terminal (TERMSHEET_PROGRESS=1 forces it, 0 turns it off).`;

// Options shared by several commands.

const FORMAT: OptionSpec = {
  name: "--format",
  kind: "choice",
  noun: "format",
  values: [
    { value: "text", description: "diagnostics with source excerpts, then a summary line" },
    { value: "json", description: 'one JSON document: {"diagnostics": [...], "summary": {"errors", "warnings", "files"}}' },
  ],
  default: "text",
  description: "how diagnostics are printed",
  hint: "use `--format text` or `--format json`",
};

const ANSWER_FORMAT: OptionSpec = {
  ...FORMAT,
  values: [
    { value: "text", description: "the answer as lines of text" },
    { value: "json", description: "one JSON document (errors in the sources: as `check --format json`)" },
  ],
  description: "how the answer is printed",
};

const NO_COLOR: OptionSpec = {
  name: "--no-color",
  kind: "flag",
  description: "no ANSI colour; colour is also off when stdout is not a terminal, NO_COLOR is set or TERM=dumb",
};

const WATCH: OptionSpec = {
  name: "--watch",
  kind: "flag",
  description:
    "keep running: run again whenever a file it read changes (sources, imported files, folders given), a moment after the last change; stop with Ctrl-C",
};

const SOURCES: Operands = { usage: "<files or folders…>", min: 1 };

const AS_OF: OptionSpec = {
  name: "--as-of",
  kind: "day",
  value: "YYYY-MM-DD",
  description: "the first contract month shown (default: today, UTC)",
};

/** render's `--as-of`: the contract as it stood on the date. */
const RENDER_AS_OF: OptionSpec = {
  ...AS_OF,
  description:
    "the contract as it stood on this date: the contract months from it, under the rule versions in force on it (default: today, UTC, each month under the versions its own dates select)",
};

/** `--as-of` of expiries, listed and settle: which rule versions answer. */
const RULES_AS_OF: OptionSpec = {
  name: "--as-of",
  kind: "day",
  value: "YYYY-MM-DD",
  description:
    "answer under the rules as they stood on this date: every rule version in force on it, unless the contract declares what selects its versions (default: each rule's own date)",
};

const DOC_OUT: OptionSpec = { name: "--out", kind: "text", value: "FILE", description: "write the document to FILE instead of stdout" };

const SETTLE_FORMAT: OptionSpec = {
  ...FORMAT,
  values: [
    { value: "text", description: "the short readable certificate" },
    { value: "json", description: "the full report (sorted keys)" },
    { value: "html", description: "the certificate as an HTML page, with a chart of the values used and excluded" },
  ],
  description: "how the report is printed",
};

const OBSERVATIONS: OptionSpec = {
  name: "--observations",
  kind: "text",
  value: "FILE",
  description:
    "observations, CSV or NDJSON rows time,source,price,volume[,instrument[,part]], or a .parquet or Arrow IPC (.arrow, .arrows, .feather) file with these columns; streamed (Parquet row group by row group, Arrow record batch by record batch), so it may be large",
};

const SQL_DIALECT: OptionSpec = {
  name: "--dialect",
  kind: "choice",
  noun: "dialect",
  values: [
    { value: "duckdb", description: "DuckDB (HUGEINT exact integers)" },
    { value: "spark", description: "Spark SQL (DECIMAL(38, 0) exact integers, run with ANSI mode on)" },
  ],
  default: "duckdb",
  description: "the SQL dialect",
  hint: "use `--dialect duckdb` or `--dialect spark`",
};

const ENGINE: OptionSpec = {
  name: "--engine",
  kind: "choice",
  noun: "engine",
  values: [{ value: "duckdb", description: "the methodology compiled to SQL on embedded DuckDB (the optional package @duckdb/node-api)" }],
  description: "run the methodology compiled to SQL on an engine instead of the runtime",
  hint: "use `--engine duckdb`",
};

const FROM_DATE: OptionSpec = {
  name: "--from",
  kind: "day",
  value: "DATE",
  required: true,
  description: "the first fixing date",
  hint: "e.g. `--from 2026-01-01`",
};
const TO_DATE: OptionSpec = {
  name: "--to",
  kind: "day",
  value: "DATE",
  required: true,
  description: "the last fixing date",
  hint: "e.g. `--to 2026-12-31`",
};

const FIXINGS: OptionSpec = {
  name: "--fixings",
  kind: "text",
  value: "FILE",
  description: "published fixings, CSV or NDJSON rows time,index,value[,status]",
};

/** The command table. */
export const COMMAND_TABLE: Readonly<Record<CommandName, CommandSpec>> = {
  check: {
    name: "check",
    summary: "parse and check .terms files and the files they import",
    operands: { ...SOURCES, missing: "missing files or folders to check" },
    options: [
      FORMAT,
      NO_COLOR,
      {
        name: "--no-cache",
        kind: "flag",
        description: "check from scratch, without the cache (TERMSHEET_CACHE=off does the same for every run)",
      },
      WATCH,
    ],
    about: "Parse and check Termsheet sources and everything they import.",
    details: `${INPUTS_NOTE}

A check whose files, folders and settings are unchanged since an earlier run prints that run's
result without parsing again. The cache lives in node_modules/.cache/termsheet (of the nearest
folder with node_modules; else ~/.cache/termsheet); TERMSHEET_CACHE_DIR moves it.`,
  },
  build: {
    name: "build",
    summary: "compile .terms files to JSON specs and settlement modules",
    operands: { ...SOURCES, missing: "missing files or folders to build" },
    options: [
      { name: "--out", kind: "text", value: "DIR", default: "build/specs", description: "where the compiled specs are written" },
      FORMAT,
      NO_COLOR,
      {
        name: "--no-cache",
        kind: "flag",
        description: "build from scratch and write DIR even when it is up to date (TERMSHEET_CACHE=off does the same for every run)",
      },
      WATCH,
    ],
    about: "Compile Termsheet sources.",
    details: `\`build\` runs the same checks as \`check\`, then writes one compiled JSON spec per declaration of
the given files, each with the calendars, indices and contracts it uses, to DIR/calendars,
DIR/indices and DIR/contracts, and a settlement module per contract and index to DIR/settlement.
With any error it writes nothing. DIR is replaced as a whole, in one switch (the new output is
written beside it and renamed into its place), and only when it holds nothing but what a build
writes. See docs/spec-format.md.

${INPUTS_NOTE}

A build whose files, folders and settings are unchanged since the last build, and whose DIR still
holds exactly the files that build wrote, leaves DIR as it is and says it is up to date: building
again would write the same bytes. The record of the last build is kept with the check cache.

A progress bar is shown on stderr when the build takes longer than a second and stderr
${PROGRESS_NOTE}`,
  },
  calendar: {
    name: "calendar",
    summary: "list the holidays of a calendar between two dates",
    operands: { ...SOURCES, missing: "missing files or folders for calendar" },
    options: [
      { name: "--calendar", kind: "text", value: "NAME", required: true, description: "the calendar" },
      { name: "--from", kind: "day", value: "YYYY-MM-DD", required: true, description: "the first day (inclusive)" },
      { name: "--to", kind: "day", value: "YYYY-MM-DD", required: true, description: "the last day (inclusive)" },
      ANSWER_FORMAT,
      NO_COLOR,
    ],
    about: "List the non-business weekdays of a calendar with their holiday names.",
    details: `${SCHEDULE_NOTE}

${INPUTS_NOTE}`,
  },
  expiries: {
    name: "expiries",
    summary: "list a contract's last trading days, termination instants and settlement dates",
    operands: { ...SOURCES, missing: "missing files or folders for expiries" },
    options: [
      { name: "--contract", kind: "text", value: "NAME", required: true, description: "the contract" },
      { name: "--from", kind: "month", value: "YYYY-MM", required: true, description: "the first contract month (inclusive)" },
      { name: "--to", kind: "month", value: "YYYY-MM", required: true, description: "the last contract month (inclusive)" },
      RULES_AS_OF,
      ANSWER_FORMAT,
      NO_COLOR,
    ],
    about: `List the expiries of a contract: per contract month (or week), the last trading day, the
termination instant in UTC and in its zone, the final settlement date and the averaging days.`,
    details: `A weekly contract lists the ISO weeks whose Thursday falls in the months. ${SCHEDULE_NOTE}

${INPUTS_NOTE}`,
  },
  listed: {
    name: "listed",
    summary: "list the contract months of a contract listed on a date or at an instant",
    operands: { ...SOURCES, missing: "missing files or folders for listed" },
    options: [
      { name: "--contract", kind: "text", value: "NAME", required: true, description: "the contract" },
      {
        name: "--on",
        kind: "instant",
        value: "DATE|INSTANT",
        required: true,
        description: "the date (YYYY-MM-DD), or an instant with an offset (2024-10-03T22:00:00Z)",
      },
      RULES_AS_OF,
      ANSWER_FORMAT,
      NO_COLOR,
    ],
    about: `List the contract months (or weeks) of a contract listed on a date or at an instant, with their
symbols (FOTI-Z26; weekly: FOTW-26W13) and last trading days.`,
    details: `At an instant, a period whose trading has terminated is no longer listed, and a contract
listed at a time of day (\`new contracts listed every Thursday at 18:00 America/New_York\`) is listed from that
instant. On a date, a contract with a listing time is listed as at the start of the day in its zone. ${SCHEDULE_NOTE}

${INPUTS_NOTE}`,
  },
  sessions: {
    name: "sessions",
    summary: "list a contract's trading sessions between two dates",
    operands: { ...SOURCES, missing: "missing files or folders for sessions" },
    options: [
      { name: "--contract", kind: "text", value: "NAME", required: true, description: "the contract" },
      { name: "--from", kind: "day", value: "YYYY-MM-DD", required: true, description: "the first day (inclusive)" },
      { name: "--to", kind: "day", value: "YYYY-MM-DD", required: true, description: "the last day (inclusive)" },
      ANSWER_FORMAT,
      NO_COLOR,
    ],
    about: `List the trading sessions of a contract from its trading hours: per session, the day it belongs
to (the day it closes) and its opening and closing instants in its zone and in UTC, with the early
closes and the named days without a session; and the product's first session when it has a first
trade date.`,
    details: `At most 3660 days. ${SCHEDULE_NOTE}

${INPUTS_NOTE}`,
  },
  fmt: {
    name: "fmt",
    summary: "format .terms files (`--check` only reports unformatted files)",
    operands: { ...SOURCES, missing: "missing files or folders to format" },
    options: [
      { name: "--check", kind: "flag", description: "write nothing: list the unformatted files and exit with 1 if there are any" },
      NO_COLOR,
    ],
    about: "Format Termsheet sources in the canonical layout (the prettier plugin termsheet/prettier).",
    details: `Rewrites each file that is not formatted. A file with syntax errors is never rewritten: its
errors are reported as by \`check\` and the exit code is 1.

${INPUTS_NOTE}`,
  },
  render: {
    name: "render",
    summary: "write a contract's terms as a readable document (Markdown, HTML, Word or PDF)",
    operands: { usage: "<spec.json | files or folders…>", min: 1, missing: "missing spec or sources to render" },
    options: [
      { name: "--contract", kind: "text", value: "NAME", description: "the declaration to render, when the sources declare several" },
      {
        name: "--format",
        kind: "choice",
        noun: "format",
        values: [
          { value: "md", description: "Markdown" },
          { value: "html", description: "a self-contained HTML page that prints to PDF" },
          { value: "docx", description: "a Word document (needs --out)" },
          {
            value: "pdf",
            description: "a PDF printed from the HTML by headless Chromium (needs --out; TERMSHEET_CHROMIUM names the browser)",
          },
        ],
        default: "md",
        description: "the document's format",
      },
      {
        name: "--layout",
        kind: "choice",
        noun: "layout",
        values: [
          { value: "sections", description: "numbered sections by subject (the default)" },
          { value: "rulebook", description: "sections numbered and headed by the author's rule numbers, as a rulebook chapter" },
        ],
        description: "how the document is laid out",
      },
      RENDER_AS_OF,
      DOC_OUT,
      WATCH,
    ],
    about: "Write a contract's terms as a readable document, in the style of an exchange rulebook chapter.",
    details: `The input is a compiled spec (a .json file written by \`build\`) or .terms files and folders, compiled
first. The document has numbered clauses, defined terms, the index methodology step by step, the
fallback waterfall, the calendars, the next 12 contract months from --as-of and every rule version
with its dates.`,
  },
  diff: {
    name: "diff",
    summary: "compare two versions of a contract: changes in words, months affected, redline",
    operands: {
      usage: "<old spec> <new spec>",
      min: 2,
      max: 2,
      missing: "`termsheet diff` compares two specs: name the old one and the new one",
      tooMany: "`termsheet diff` compares two specs: name the old one and the new one",
    },
    options: [
      { name: "--contract", kind: "text", value: "NAME", description: "the declaration to compare, when the sources declare several" },
      {
        name: "--format",
        kind: "choice",
        noun: "format",
        values: [
          { value: "md", description: "Markdown" },
          { value: "html", description: "a self-contained HTML page" },
          { value: "json", description: "the changes as one JSON document" },
          { value: "docx", description: "the redline as a Word document with tracked changes (needs --out)" },
        ],
        default: "md",
        description: "the report's format",
      },
      {
        name: "--author",
        kind: "text",
        value: "NAME",
        description: "the author of the tracked changes of --format docx (default Termsheet)",
      },
      { name: "--full", kind: "flag", description: "redline the whole chapter, not only the changed clauses" },
      AS_OF,
      { ...DOC_OUT, description: "write the report to FILE instead of stdout" },
    ],
    about: "Compare two versions of a contract and say what changes.",
    details: `Each spec is a compiled .json file or .terms sources (a file or folder). Every change is said in
plain words and classified as economic (a term that payments or dates depend on) or editorial (only
descriptions, references or titles); the contract months from --as-of whose dates or settlement
terms change are listed, and the changed clauses are redlined.`,
  },
  settle: {
    name: "settle",
    summary: "compute a final or daily settlement price from market data, with its certificate",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      {
        name: "--contract",
        kind: "text",
        value: "SYMBOL",
        required: true,
        description: "the contract's symbol (FOTI-Z26, FOTW-26W13), or its name with --month or --expiry",
        hint: "name the contract, e.g. `--contract FOTI --month 2026-12`, or give its symbol, e.g. `--contract FOTI-Z26`",
      },
      { name: "--month", kind: "month", value: "YYYY-MM", group: "period", description: "the contract month" },
      { name: "--expiry", kind: "day", value: "YYYY-MM-DD", group: "period", description: "a weekly contract's expiry date" },
      OBSERVATIONS,
      FIXINGS,
      {
        name: "--daily",
        kind: "day",
        value: "YYYY-MM-DD",
        description: "the daily settlement of that day instead of the final settlement",
      },
      { name: "--prior", kind: "signed-price", value: "PRICE", description: "the previous daily settlement (price limits, carry-forward)" },
      {
        name: "--bid",
        kind: "signed-price",
        value: "PRICE",
        pair: "quotes",
        description: "the closing bid, for a midpoint step of the daily procedure",
      },
      { name: "--ask", kind: "signed-price", value: "PRICE", pair: "quotes", description: "the closing offer, with --bid" },
      {
        name: "--position",
        kind: "position",
        value: "QTY@PRICE",
        description: "also compute the variation margin of a position; a short position has a negative QTY, e.g. --position -5@12.345",
        hint: "write the quantity and the traded price as QTY@PRICE, e.g. `--position 10@12.345`, or `--position -5@12.345` for a short position",
      },
      {
        name: "--right",
        kind: "choice",
        values: [
          { value: "call", description: "a call option" },
          { value: "put", description: "a put option" },
        ],
        pair: "option",
        description: "the option to settle (option contracts), with --strike",
        hint: "use `--right call` or `--right put`",
      },
      { name: "--strike", kind: "price", value: "K", pair: "option", description: "the option's strike, on its strike grid" },
      {
        name: "--determined",
        kind: "decimal",
        value: "VALUE",
        description: "a value determined by the exchange, for the last fallback level",
      },
      {
        name: "--determined-on",
        kind: "day",
        value: "YYYY-MM-DD",
        description: "the day the value was determined, which a determination step with a deadline checks",
      },
      {
        name: "--negotiated",
        kind: "decimal",
        value: "VALUE",
        description: "the value the parties agreed, for a negotiated fallback step, with --negotiated-on",
      },
      {
        name: "--negotiated-on",
        kind: "day",
        value: "YYYY-MM-DD",
        description: "the day the parties agreed the --negotiated value",
      },
      {
        name: "--dealer-quotes",
        kind: "text",
        value: "FILE",
        description: "reference dealers' quotes for a dealer poll step, CSV or NDJSON rows date,index,dealer,quote,given",
      },
      SETTLE_FORMAT,
      {
        name: "--strip",
        kind: "text",
        value: "MONTH@PRIOR,…",
        description:
          "with --daily, the daily settlements of a strip of contract months (YYYY-MM, each with its prior settlement) in dependency order, the nearest (lead) month first",
        hint: "list the months with their prior settlements, e.g. `--strip 2026-04@60000,2026-05@60200`",
      },
      RULES_AS_OF,
    ],
    about: "Compute a contract's final (or daily) settlement price from market data, with its certificate.",
    details: `<spec> is a compiled .json spec (written by \`build\`) or .terms files and folders, compiled first.
Prices and values are decimals such as 12.345, with at most 38 significant digits and 18 decimal
places.

A progress bar is shown on stderr when reading and computing take longer than a second and stderr
${PROGRESS_NOTE}`,
    exits: [
      [0, "the settlement price was computed"],
      [1, "the settlement failed (the certificate says why), or an input is missing or malformed (the error names file:line: field)"],
      [2, "usage error: unknown command or option, missing argument, unknown contract"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  index: {
    name: "index",
    summary: "compute one index value from observations, with its certificate",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      { name: "--index", kind: "text", value: "NAME", description: "the index (may be left out when the spec has exactly one)" },
      {
        name: "--at",
        kind: "instant",
        value: "INSTANT",
        required: true,
        description: "an instant with an offset (2026-03-27T16:00:00Z), or a date for the index's publication time that day",
        hint: "the instant of the fixing, e.g. `--at 2026-03-27T16:00:00Z`, or a date for the index's publication time that day",
      },
      OBSERVATIONS,
      FIXINGS,
      SETTLE_FORMAT,
      ENGINE,
    ],
    about: "Compute one index value at an instant from observations, with its certificate.",
    details: `<spec> is a compiled .json spec or .terms files and folders. Observations and fixings are read as
by \`termsheet settle\`; at least one of them is needed.`,
    exits: [
      [0, "the index value was computed"],
      [1, "the computation failed (the certificate says why), or an input is missing or malformed"],
      [2, "usage error: unknown command or option, missing argument, unknown index"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  price: {
    name: "price",
    summary: "say whether a price is on a contract's tick grid, with the nearest valid prices and the tick value",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      {
        name: "--contract",
        kind: "text",
        value: "NAME",
        required: true,
        description: "the contract",
        hint: "name the contract, e.g. `--contract FOTI`",
      },
      {
        name: "--price",
        kind: "signed-price",
        value: "PRICE",
        required: true,
        description: "the price to check, in the contract's price unit; a spread's may be negative",
        hint: "the price in the contract's price unit, e.g. `--price 10.1234`",
      },
      {
        name: "--grid",
        kind: "choice",
        noun: "grid",
        values: [
          { value: "outright", description: "the outright `tick` (the default, except for options)" },
          { value: "spread", description: "a future's `spread tick`: the prices of its calendar spreads" },
          { value: "premium", description: "an option's `premium tick` (the default for options)" },
        ],
        description: "which prices of the contract",
        hint: "use `--grid outright`, `--grid spread` or `--grid premium`",
      },
      { name: "--on", kind: "day", value: "YYYY-MM-DD", description: "the date whose tick rule applies, when the tick changes over time" },
      ANSWER_FORMAT,
    ],
    about: `Say whether a price is valid for a contract: a whole multiple of the tick of the tier it falls in
(tiered ticks such as "USD 1 at or below 25, USD 5 above 25") and, unless the contract allows
negative prices, above zero. Prints the tick, the tick value (tick × contract unit, in money) and
the two nearest valid prices below and above.`,
    details: `<spec> is a compiled .json spec or .terms files and folders, compiled first.`,
    exits: [
      [0, "the price is valid"],
      [1, "the price is not valid (the answer names the nearest valid prices), or the contract has no such tick"],
      [2, "usage error: unknown command or option, missing argument, unknown contract"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  strikes: {
    name: "strikes",
    summary: "list the strikes an option lists for a contract month around a reference price, tier by tier",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      {
        name: "--contract",
        kind: "text",
        value: "NAME",
        required: true,
        description: "the option",
        hint: "name the option, e.g. `--contract BTC_OPT_S`",
      },
      { name: "--month", kind: "month", value: "YYYY-MM", required: true, description: "the contract month" },
      {
        name: "--reference",
        kind: "price",
        value: "PRICE",
        required: true,
        description: "the underlying's prior settlement price, which the strikes are listed around",
        hint: "the underlying's prior settlement, e.g. `--reference 87012`",
      },
      {
        name: "--on",
        kind: "day",
        value: "YYYY-MM-DD",
        required: true,
        description: "the listing date: which listed months are the nearest, which tiers are in force",
      },
      RULES_AS_OF,
      ANSWER_FORMAT,
    ],
    about: `List the strikes an option's strike listing schedule (\`strikes listed every …\`) lists for a contract
month on a date: per tier, its at-the-money strike (the reference rounded to the tier's interval), its range and
its strikes, a tier of the nearest N months only when the month is among the N nearest listed that day; then all
the month's strikes in ascending order.`,
    details: `<spec> is a compiled .json spec or .terms files and folders, compiled first.`,
    exits: [
      [0, "the strikes were listed"],
      [1, "no strike listing schedule in force, the month not listed on the date, or too many strikes"],
      [2, "usage error: unknown command or option, missing argument, unknown contract"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  halts: {
    name: "halts",
    summary: "say where a future's dynamic circuit breakers halt trading along a price path, and which limits applied",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      {
        name: "--contract",
        kind: "text",
        value: "NAME",
        required: true,
        description: "the future",
        hint: "name the future, e.g. `--contract TKX_Q`",
      },
      {
        name: "--prices",
        kind: "text",
        value: "FILE",
        required: true,
        description:
          "the price path: the future's trades, CSV or NDJSON rows time,source,price,volume[,instrument[,part]] in time order, or a .parquet file with these columns (quote rows are left out)",
        hint: "the trades of the day, e.g. `--prices trades.csv`",
      },
      {
        name: "--prior",
        kind: "price",
        value: "PRICE",
        required: true,
        description: "the prior daily settlement price, of which the variant is a percentage",
        hint: "the prior settlement, e.g. `--prior 5123.4`",
      },
      {
        name: "--date",
        kind: "day",
        value: "YYYY-MM-DD",
        description: "the trading day: which dynamic price limits and tick are in force (default: the UTC date of the first price)",
      },
      {
        name: "--month",
        kind: "month",
        value: "YYYY-MM",
        description:
          "the contract month whose trades are the path (rows naming its symbol, or none); needed when the prices name several instruments",
      },
      ANSWER_FORMAT,
    ],
    about: `Say where a future's dynamic circuit breakers (\`price limits dynamic P% of the prior settlement within
DURATION, halting DURATION\`) halt trading along a price path: the variant (P% of the prior settlement,
rounded as the rule says), and for each halt the price that triggered it, the lower and upper limits it
crossed (the look-back window's highest price less the variant, its lowest plus the variant) and when
trading resumes; prices while halted are left out and counted. The same function is the \`halts\` export of
the future's generated settlement module.`,
    details: `<spec> is a compiled .json spec or .terms files and folders, compiled first. A malformed row of the
prices is an error naming the file, line and field.`,
    exits: [
      [0, "the path was run through the limits (with or without halts)"],
      [1, "a malformed prices file, no dynamic price limits in force on the date, or a path out of time order"],
      [2, "usage error: unknown command or option, missing argument, unknown contract"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  init: {
    name: "init",
    summary: "create a new project: a contract, an index, a calendar import, sample fixings",
    operands: { usage: "[folder]", min: 0, max: 1, tooMany: "unexpected argument `$1`: init takes one folder" },
    options: [],
    about: "Create a new Termsheet project in a folder (default: the current folder).",
    details: `Writes an index (indices/) and a future (contracts/) that import the standard England and Wales
calendar by name (import ENGLAND_WALES from "std:calendars"), sample fixings to settle it
(data/fixings.csv) and a README.md with the commands that check and settle it. Files that already
exist are never overwritten: init stops and lists them, and writes nothing.`,
    exits: [
      [0, "the project was created"],
      [1, "a file exists already, or a file cannot be written"],
      [2, "usage error"],
    ],
  },
  lsp: {
    name: "lsp",
    summary: "run the language server for editors (stdio)",
    operands: { usage: "", min: 0, max: 0 },
    options: [
      { name: "--stdio", kind: "flag", description: "speak over stdin and stdout (always; editors' clients pass it)" },
      { name: "--clientProcessId", kind: "text", value: "PID", hidden: true, description: "the editor's process (ignored)" },
    ],
    about: "Run the Termsheet language server on stdin and stdout (the Language Server Protocol).",
    details: `Editors start it: the VS Code extension (editors/vscode) does, and any LSP client can. It gives the
diagnostics of \`check\` as you type, hover (the clause a statement renders to, the dates of a last
trading day), go to definition, references, rename, outline, completion, quick fixes, formatting and
semantic highlighting. Paths are shown relative to the workspace folder.`,
    exits: [[0, "the client asked the server to exit"]],
  },
  sql: {
    name: "sql",
    summary: "compile an index methodology to SQL over a table of observations",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      { name: "--index", kind: "text", value: "NAME", description: "the index (may be left out when the spec has exactly one)" },
      SQL_DIALECT,
      FROM_DATE,
      TO_DATE,
      { name: "--observations", kind: "text", value: "FILE", description: "also read and check this CSV or Parquet file into ts_obs" },
    ],
    about: "Compile an index methodology to SQL: the fixings of a date range, and their certificates, from observations.",
    details: `The statements read the table ts_obs(t, source, pc, vc, instrument, part) of epoch microseconds and
exact integer coefficients (the price at the scale of ts_scale.ps) and leave ts_fixings (one row per
date: the failure, or the value rounded as the methodology says), ts_sources (per date and source: the
observations, the value as num/den, whether it is used, and why it or some of its rows were excluded),
ts_intervals and ts_foreign. Arithmetic is exact (HUGEINT numerators and denominators, one rounding);
a construct the SQL cannot state with the runtime's meaning is error E6170, naming it, and no SQL is
written. With --observations, the statements that read and check the file come first.`,
    exits: [
      [0, "the SQL was written"],
      [1, "the methodology uses a construct the SQL backend cannot state (E6170), or a spec cannot be loaded"],
      [2, "usage error: unknown command or option, missing argument, unknown index"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  backfill: {
    name: "backfill",
    summary: "compute every fixing of a date range on an SQL engine, with certificates",
    operands: { usage: "<spec>", min: 1, missing: "missing the spec: a compiled .json spec, or .terms files or folders" },
    options: [
      { name: "--index", kind: "text", value: "NAME", description: "the index (may be left out when the spec has exactly one)" },
      FROM_DATE,
      TO_DATE,
      {
        name: "--observations",
        kind: "text",
        value: "FILE",
        required: true,
        description: "the observations, a CSV or Parquet file (time,source,price,volume[,instrument[,part]])",
        hint: "e.g. `--observations archive/2026.csv`",
      },
      {
        ...ENGINE,
        values: [
          { value: "duckdb", description: "the methodology compiled to SQL on embedded DuckDB (the optional package @duckdb/node-api)" },
          {
            value: "spark",
            description:
              "a PySpark job run by spark-submit (TERMSHEET_SPARK_SUBMIT, else .spark/spark-submit from scripts/install-spark.sh)",
          },
        ],
        hint: "use `--engine duckdb` or `--engine spark`",
        default: "duckdb",
      },
      {
        name: "--job",
        kind: "text",
        value: "FILE",
        description:
          "write the PySpark job (implies --engine spark) to FILE and stop (then `spark-submit FILE [OBSERVATIONS OUT]` on a cluster; --observations and --out are its defaults)",
        hint: "e.g. `--job backfill.py`",
      },
      {
        name: "--out",
        kind: "text",
        value: "DIR",

        required: true,
        description: "the folder of fixings.csv and certificates.csv (with --job: the job's default)",
        hint: "e.g. `--out backfill/`",
      },
    ],
    about: "Compute every fixing of a date range from observations on an SQL engine, and write them with their certificates.",
    details: `Writes DIR/fixings.csv (date,index,value,status,failure) and DIR/certificates.csv (date,source,
observations,value,used,excluded), each to a temporary file renamed into place only when all were
written, so a failed run never leaves a partial result that looks complete.`,
    exits: [
      [0, "every fixing was computed (some may have failed: the file says so)"],
      [1, "the methodology cannot be compiled (E6170), the observations are malformed, or a file cannot be written"],
      [2, "usage error"],
      [3, "internal error: a bug in termsheet, not in your files"],
    ],
  },
  help: {
    name: "help",
    summary: "show help for a command",
    operands: { usage: "<command>", min: 0, max: 1 },
    options: [],
    about: "Show help for a command.",
    details: `Commands: ${COMMANDS.join(", ")}.`,
    exits: [
      [0, "the help was printed"],
      [2, "usage error: unknown command"],
    ],
  },
};

/** The default value of a command's option, as the table gives it. */
export function defaultOf(command: CommandName, option: string): string | undefined {
  return COMMAND_TABLE[command].options.find((o) => o.name === option)?.default;
}
