/**
 * Command-line arguments: turns `process.argv` into a parsed Invocation (a command with its options) or a usage
 * error, without touching the console or the file system. The CLI's first step; run.ts acts on the result.
 * Which options a command takes and what their values must look like is the command table's (commands.ts): one
 * scanner reads every command's arguments by it and checks each value by its kind; what is left here is the shape
 * of each command's Invocation and the rules that relate its options to each other.
 */
import { suggest } from "../diagnostics/did-you-mean.js";
import { INPUT_PRECISION, parseInputDecimal } from "../runtime/numbers/decimal.js";
import { COMMAND_TABLE, COMMANDS, type CommandName, type OptionSpec } from "./commands.js";

export { COMMANDS, type CommandName } from "./commands.js";

/** The commands that compile sources. */
export type CompileCommand = "check" | "build";

/** The commands that answer schedule questions about compiled sources (src/cli/calendar-cmd.ts and friends). */
export type ScheduleCommand = "calendar" | "expiries" | "listed" | "sessions";

/** The options of the schedule commands, by name without the dashes, as given. */
export interface ScheduleOptions {
  readonly calendar?: string;
  readonly contract?: string;
  readonly from?: string;
  readonly to?: string;
  readonly on?: string;
  /** `--as-of DATE` of expiries and listed: the rule versions in force on it. */
  readonly asOf?: string;
}

/** The options of `termsheet settle` and `termsheet index`, validated in form (names without the dashes). */
export interface SettleOptions {
  readonly contract?: string;
  readonly month?: string;
  readonly expiry?: string;
  readonly daily?: string;
  readonly prior?: string;
  readonly bid?: string;
  readonly ask?: string;
  /** `--position QTY@PRICE`, split. */
  readonly position?: { readonly quantity: string; readonly price: string };
  readonly right?: "call" | "put";
  readonly strike?: string;
  readonly determined?: string;
  /** `--determined-on DAY`. */
  readonly determinedOn?: string;
  readonly negotiated?: string;
  /** `--negotiated-on DAY`. */
  readonly negotiatedOn?: string;
  /** `--dealer-quotes FILE`. */
  readonly dealerQuotes?: string;
  readonly index?: string;
  readonly at?: string;
  readonly observations?: string;
  readonly fixings?: string;
  /** `--strip MONTH@PRIOR,…`, as given (parsed by settle-cmd.ts). */
  readonly strip?: string;
  /** `index --engine duckdb`: the methodology compiled to SQL on an engine. */
  readonly engine?: "duckdb";
  /** `settle --as-of DATE`: the rule versions in force on it. */
  readonly asOf?: string;
}

/** How diagnostics are printed. */
export type OutputFormat = "text" | "json";

/** What the user asked for. */
export type Invocation =
  | { readonly kind: "help"; readonly command: CommandName | undefined }
  | { readonly kind: "version" }
  | {
      readonly kind: "compile";
      readonly command: CompileCommand;
      /** Files and folders, as the user typed them. */
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      /** False when `--no-color` was given. */
      readonly color: boolean;
      /** `--out DIR` of `build`: the folder the compiled specs replace. */
      readonly out: string | undefined;
      /** False when `--no-cache` was given (src/cli/check-cache.ts: `check` replays, `build` leaves an up-to-date folder). */
      readonly cache: boolean;
      /** `--watch`: run again whenever a file it read changes (src/cli/watch.ts). */
      readonly watch: boolean;
    }
  | {
      readonly kind: "schedule";
      readonly command: ScheduleCommand;
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      readonly color: boolean;
      readonly options: ScheduleOptions;
    }
  | {
      /** `termsheet fmt [--check]` (src/cli/fmt-cmd.ts). */
      readonly kind: "format";
      readonly inputs: readonly string[];
      /** `--check`: report unformatted files instead of rewriting them. */
      readonly check: boolean;
      readonly color: boolean;
    }
  | {
      /** `termsheet render` and `termsheet diff` (src/cli/render-cmd.ts, diff-cmd.ts). */
      readonly kind: "document";
      readonly command: "render" | "diff";
      readonly inputs: readonly string[];
      readonly format: "md" | "html" | "json" | "docx" | "pdf";
      readonly options: {
        readonly contract?: string;
        readonly asOf?: string;
        readonly out?: string;
        /** render: `--layout sections|rulebook`. */
        readonly layout?: "sections" | "rulebook";
        /** diff: `--author NAME`, the author of the tracked changes of `--format docx`. */
        readonly author?: string;
        /** diff: `--full`, the whole chapter in the redline. */
        readonly full?: boolean;
      };
      /** `--watch` (render only): render again whenever a file it read changes. */
      readonly watch: boolean;
    }
  | {
      /** `termsheet settle` and `termsheet index` (src/cli/settle-cmd.ts). */
      readonly kind: "settle";
      readonly command: "settle" | "index";
      /** The spec: one compiled `.json` file, or `.terms` files and folders. */
      readonly inputs: readonly string[];
      /** `html`: the certificate as an HTML page with its chart. */
      readonly format: OutputFormat | "html";
      readonly options: SettleOptions;
    }
  | {
      /** `termsheet price` (src/cli/price-cmd.ts). */
      readonly kind: "price";
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      readonly options: {
        readonly contract: string;
        readonly price: string;
        readonly grid?: "outright" | "spread" | "premium";
        readonly on?: string;
      };
    }
  | {
      /** `termsheet strikes` (src/cli/strikes-cmd.ts). */
      readonly kind: "strikes";
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      readonly options: {
        readonly contract: string;
        readonly month: string;
        readonly reference: string;
        readonly on: string;
        readonly asOf?: string;
      };
    }
  | {
      /** `termsheet halts` (src/cli/halts-cmd.ts). */
      readonly kind: "halts";
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      readonly options: {
        readonly contract: string;
        readonly prices: string;
        readonly prior: string;
        readonly date?: string;
        readonly month?: string;
      };
    }
  | {
      /** `termsheet init [folder]` (src/cli/init-cmd.ts). */
      readonly kind: "init";
      readonly folder: string;
    }
  | {
      /** `termsheet lsp` (src/lsp/server.ts): the language server on stdin and stdout. */
      readonly kind: "lsp";
    }
  | {
      /** `termsheet sql` and `termsheet backfill` (src/cli/sql-cmd.ts). */
      readonly kind: "sql";
      readonly command: "sql" | "backfill";
      readonly inputs: readonly string[];
      readonly options: {
        readonly index?: string;
        readonly dialect: "duckdb" | "spark";
        readonly from: string;
        readonly to: string;
        readonly observations?: string;
        readonly engine: "duckdb" | "spark";
        readonly out?: string;
        /** `backfill --engine spark --job FILE`: write the PySpark job and stop. */
        readonly job?: string;
      };
    }
  | {
      readonly kind: "usage-error";
      readonly message: string;
      /** The command whose usage line to show, if known. */
      readonly command: CommandName | undefined;
      readonly hint: string | undefined;
    };

/** A schedule command's invocation (src/cli/calendar-cmd.ts, expiries-cmd.ts, listed-cmd.ts). */
export type ScheduleInvocation = Extract<Invocation, { kind: "schedule" }>;

/** A `render` or `diff` invocation (src/cli/render-cmd.ts, diff-cmd.ts). */
export type DocumentInvocation = Extract<Invocation, { kind: "document" }>;

/** A `price` invocation (src/cli/price-cmd.ts). */
export type PriceInvocation = Extract<Invocation, { kind: "price" }>;

/** A `strikes` invocation (src/cli/strikes-cmd.ts). */
export type StrikesInvocation = Extract<Invocation, { kind: "strikes" }>;

/** A `halts` invocation (src/cli/halts-cmd.ts). */
export type HaltsInvocation = Extract<Invocation, { kind: "halts" }>;

/** A `sql` or `backfill` invocation (src/cli/sql-cmd.ts). */
export type SqlInvocation = Extract<Invocation, { kind: "sql" }>;

/** A `settle` or `index` invocation (src/cli/settle-cmd.ts). */
export type SettleInvocation = Extract<Invocation, { kind: "settle" }>;

/** The general options, before a command. */
const GLOBAL_OPTIONS = ["--help", "--version"];

function usageError(message: string, command: CommandName | undefined, hint?: string): Invocation {
  return { kind: "usage-error", message, command, hint };
}

function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const best = suggest(word, candidates);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Parses the arguments after `termsheet` (i.e. `process.argv.slice(2)`). */
export function parseArgs(argv: readonly string[]): Invocation {
  const first = argv[0];
  if (first === undefined) return usageError("missing command", undefined);
  if (first === "--help" || first === "-h") return { kind: "help", command: undefined };
  if (first === "--version" || first === "-v" || first === "-V") return { kind: "version" };
  if (first.startsWith("-")) {
    return usageError(`unknown option \`${first}\``, undefined, didYouMean(first, GLOBAL_OPTIONS));
  }
  if (!isCommand(first)) {
    return usageError(`unknown command \`${first}\``, undefined, didYouMean(first, COMMANDS));
  }
  const rest = argv.slice(1);
  if (first === "help") return parseHelp(rest);
  const parsed = scanArgs(first, rest);
  if (isInvocation(parsed)) return parsed;
  return INVOCATIONS[first](parsed, (message, hint) => usageError(message, first, hint));
}

function parseHelp(rest: readonly string[]): Invocation {
  const [topic, extra] = rest;
  if (topic === undefined || topic === "--help" || topic === "-h")
    return { kind: "help", command: topic === undefined ? undefined : "help" };
  if (!isCommand(topic)) return usageError(`unknown command \`${topic}\``, "help", didYouMean(topic, COMMANDS));
  if (extra !== undefined) return usageError(`unexpected argument \`${extra}\``, "help");
  return { kind: "help", command: topic };
}

/** A command's arguments as the table reads them: operands, flags given, and valued options (checked, defaults filled in). */
interface Parsed {
  readonly inputs: readonly string[];
  readonly flags: ReadonlySet<string>;
  /** By option name with its dashes, in the order given, then the defaults. */
  readonly values: ReadonlyMap<string, string>;
}

function isInvocation(x: Parsed | Invocation): x is Invocation {
  return "kind" in x;
}

/**
 * The one argument scanner, driven by the command table: `--` ends options, `-` (standard input) is refused,
 * `--name=value` or `--name value` for valued options, `--help`/`-h` anywhere asks for the command's help, unknown
 * options get a did-you-mean; each value is checked by its kind as it is read; then the operands are counted and
 * the required options looked for. Returns an invocation (help or usage error) when the scan decides the outcome.
 */
function scanArgs(command: Exclude<CommandName, "help">, rest: readonly string[]): Parsed | Invocation {
  const spec = COMMAND_TABLE[command];
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const allowed = [...spec.options.filter((o) => o.kind !== "flag"), ...spec.options.filter((o) => o.kind === "flag")].map((o) => o.name);
  allowed.push("--help");
  const inputs: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPaths || !arg.startsWith("-") || arg === "-") {
      if (arg === "-") return usageError("reading from standard input is not supported; name a file or a folder", command);
      inputs.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (name === "--help" || name === "-h") return { kind: "help", command };
    const option = byName.get(name);
    if (option === undefined)
      return usageError(`unknown option \`${name}\` for \`termsheet ${command}\``, command, didYouMean(name, allowed));
    if (option.kind === "flag") {
      if (inline !== undefined) return usageError(`\`${name}\` takes no value`, command);
      flags.add(name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = rest[i + 1];
      // A negative number (`--position -5@12.3`, `--prior -0.25`) is a value, not an option.
      if (next === undefined || (next.startsWith("-") && next !== "-" && !/^-[0-9.]/.test(next)))
        return usageError(`\`${name}\` needs a value`, command, option.hint);
      value = next;
      i++;
    }
    if (value === "") return usageError(`\`${name}\` needs a value`, command, option.hint);
    const problem = valueProblem(option, value);
    if (problem !== undefined) return usageError(problem.message, command, problem.hint);
    values.set(name, value);
  }
  const { operands } = spec;
  if (inputs.length < operands.min) return usageError(operands.missing ?? "missing arguments", command);
  if (operands.max !== undefined && inputs.length > operands.max) {
    const extra = inputs[operands.max]!;
    return usageError((operands.tooMany ?? "unexpected argument `$1`").replace("$1", extra), command);
  }
  for (const o of spec.options) {
    if (o.required === true && !values.has(o.name)) return usageError(`missing \`${o.name}\``, command, o.hint);
    if (o.default !== undefined && !values.has(o.name)) values.set(o.name, o.default);
  }
  return { inputs, flags, values };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** An instant with seconds and an offset, as in market data (2026-03-27T16:00:00Z). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function validDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** A decimal as market data and prices are written (no exponent); `signed` allows a leading minus. */
function validDecimal(text: string, signed: boolean): boolean {
  return (signed ? /^-?\d+(\.\d+)?$/ : /^\d+(\.\d+)?$/).test(text);
}

const PRECISION_HINT = `numbers have at most ${INPUT_PRECISION.digits} significant digits and ${INPUT_PRECISION.scale} decimal places`;

/** Why a well-formed decimal is beyond the input precision (decimal.ts's `INPUT_PRECISION`), or undefined. */
function precisionProblem(what: string, text: string): { message: string; hint: string } | undefined {
  const r = parseInputDecimal(text);
  return r.ok || r.kind !== "precision-out-of-range"
    ? undefined
    : { message: `${what}: precision-out-of-range: ${r.message}`, hint: PRECISION_HINT };
}

/** "`a`, `b` or `c`". */
function alternatives(values: readonly string[]): string {
  const quoted = values.map((v) => `\`${v}\``);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/** What is wrong with an option's value, by the kind the table gives it; undefined when it is well formed. */
function valueProblem(option: OptionSpec, value: string): { message: string; hint?: string } | undefined {
  const name = option.name;
  switch (option.kind) {
    case "flag":
    case "text":
      return undefined;
    case "choice": {
      const values = (option.values ?? []).map((c) => c.value);
      if (values.includes(value)) return undefined;
      const hint = didYouMean(value, values);
      return option.noun !== undefined
        ? { message: `unknown ${option.noun} \`${value}\``, hint: hint ?? `use ${alternatives(values)}` }
        : { message: `\`${name}\` is ${alternatives(values)}, not \`${value}\``, ...(hint !== undefined ? { hint } : {}) };
    }
    case "day":
      return validDay(value) ? undefined : { message: `\`${name}\` needs a date YYYY-MM-DD, not \`${value}\`` };
    case "month":
      return ISO_MONTH.test(value) ? undefined : { message: `\`${name}\` needs a month YYYY-MM, not \`${value}\`` };
    case "instant":
      return validDay(value) || (ISO_INSTANT.test(value) && validDay(value.slice(0, 10)))
        ? undefined
        : { message: `\`${name}\` needs an instant with an offset (2026-03-27T16:00:00Z) or a date YYYY-MM-DD, not \`${value}\`` };
    case "price":
    case "signed-price":
    case "decimal":
      // A spread's price may be negative; a strike may not.
      if (!validDecimal(value, option.kind !== "price")) {
        const what = option.kind === "decimal" ? "a decimal value" : "a price";
        return { message: `\`${name}\` needs ${what} such as 12.345, not \`${value}\`` };
      }
      return precisionProblem(`\`${name}\``, value);
    case "position": {
      const at = value.indexOf("@");
      const quantity = value.slice(0, at);
      const price = value.slice(at + 1);
      if (at < 0 || !validDecimal(quantity, true) || !validDecimal(price, true)) {
        return {
          message: `\`${name}\` needs QTY@PRICE, not \`${value}\``,
          hint: "e.g. `--position 10@12.345` for 10 contracts bought at 12.345, `--position -5@12.3` for 5 sold",
        };
      }
      return precisionProblem(`\`${name}\` quantity`, quantity) ?? precisionProblem(`\`${name}\` price`, price);
    }
  }
}

/** Builds a command's Invocation from its checked arguments, or a usage error by `bad`. */
type InvocationOf = (p: Parsed, bad: (message: string, hint?: string) => Invocation) => Invocation;

/** A valued option's value (its default when the table has one), or undefined. */
function valueOf(p: Parsed, name: string): string | undefined {
  return p.values.get(name);
}

const compileInvocation =
  (command: CompileCommand): InvocationOf =>
  (p) => ({
    kind: "compile",
    command,
    inputs: p.inputs,
    format: valueOf(p, "--format") as OutputFormat,
    color: !p.flags.has("--no-color"),
    out: command === "build" ? valueOf(p, "--out") : undefined,
    cache: !p.flags.has("--no-cache"),
    watch: p.flags.has("--watch"),
  });

const scheduleInvocation =
  (command: ScheduleCommand): InvocationOf =>
  (p, bad) => {
    const from = valueOf(p, "--from");
    const to = valueOf(p, "--to");
    if (from !== undefined && to !== undefined && to < from) return bad(`\`--to ${to}\` is before \`--from ${from}\``);
    const options: { -readonly [K in keyof ScheduleOptions]: string } = {};
    for (const key of ["calendar", "contract", "from", "to", "on"] as const) {
      const value = valueOf(p, `--${key}`);
      if (value !== undefined) options[key] = value;
    }
    const asOf = valueOf(p, "--as-of");
    if (asOf !== undefined) options.asOf = asOf;
    return {
      kind: "schedule",
      command,
      inputs: p.inputs,
      format: valueOf(p, "--format") as OutputFormat,
      color: !p.flags.has("--no-color"),
      options,
    };
  };

const documentInvocation =
  (command: "render" | "diff"): InvocationOf =>
  (p, bad) => {
    const options: { contract?: string; asOf?: string; out?: string; layout?: "sections" | "rulebook"; author?: string; full?: boolean } =
      {};
    const contract = valueOf(p, "--contract");
    const asOf = valueOf(p, "--as-of");
    const out = valueOf(p, "--out");
    const format = valueOf(p, "--format");
    if (format === "docx" && out === undefined) return bad("`--format docx` writes a Word file: name it with `--out FILE`");
    if (format === "pdf" && out === undefined) return bad("`--format pdf` writes a PDF file: name it with `--out FILE`");
    if (contract !== undefined) options.contract = contract;
    if (asOf !== undefined) options.asOf = asOf;
    if (out !== undefined) options.out = out;
    const layout = valueOf(p, "--layout");
    if (layout !== undefined) options.layout = layout as "sections" | "rulebook";
    const author = valueOf(p, "--author");
    if (author !== undefined) options.author = author;
    if (p.flags.has("--full")) options.full = true;
    return {
      kind: "document",
      command,
      inputs: p.inputs,
      format: format as "md" | "html" | "json" | "docx" | "pdf",
      options,
      watch: p.flags.has("--watch"),
    };
  };

/** The options of `settle` and `index` as given, `--position` split. */
function settleOptions(p: Parsed): SettleOptions {
  const options: { -readonly [K in keyof SettleOptions]: SettleOptions[K] } = {};
  for (const [name, value] of p.values) {
    switch (name) {
      case "--format":
        break;
      case "--position": {
        const at = value.indexOf("@");
        options.position = { quantity: value.slice(0, at), price: value.slice(at + 1) };
        break;
      }
      case "--right":
        options.right = value as "call" | "put";
        break;
      case "--engine":
        options.engine = value as "duckdb";
        break;
      case "--as-of":
        options.asOf = value;
        break;
      case "--determined-on":
        options.determinedOn = value;
        break;
      case "--negotiated-on":
        options.negotiatedOn = value;
        break;
      case "--dealer-quotes":
        options.dealerQuotes = value;
        break;
      default:
        options[
          name.slice(2) as Exclude<
            keyof SettleOptions,
            "position" | "right" | "engine" | "asOf" | "determinedOn" | "negotiatedOn" | "dealerQuotes"
          >
        ] = value;
    }
  }
  return options;
}

const settleInvocation: InvocationOf = (p, bad) => {
  const options = settleOptions(p);
  if (options.month !== undefined && options.expiry !== undefined)
    return bad("give `--month` or `--expiry`, not both", "`--month YYYY-MM` for monthly contracts, `--expiry YYYY-MM-DD` for weeklies");
  if ((options.right === undefined) !== (options.strike === undefined))
    return bad("an option needs both `--right call|put` and `--strike K`");
  if ((options.bid === undefined) !== (options.ask === undefined)) return bad("give both `--bid` and `--ask`, or neither");
  if ((options.negotiated === undefined) !== (options.negotiatedOn === undefined))
    return bad("give both `--negotiated VALUE` and `--negotiated-on YYYY-MM-DD`, or neither");
  if (options.determinedOn !== undefined && options.determined === undefined)
    return bad("`--determined-on` is the day of a determined value: add `--determined VALUE`");
  if (options.strip !== undefined) {
    if (options.daily === undefined) return bad("`--strip` is for a daily settlement: add `--daily YYYY-MM-DD`");
    const single = (["month", "expiry", "prior", "bid", "position", "strike", "determined"] as const).find((k) => options[k] !== undefined);
    if (single !== undefined)
      return bad(`\`--${single}\` is for one contract month; with \`--strip\` each month is listed with its prior settlement`);
  }
  if (options.daily === undefined && (options.prior !== undefined || options.bid !== undefined)) {
    return bad(`\`${options.prior !== undefined ? "--prior" : "--bid"}\` is for a daily settlement: add \`--daily YYYY-MM-DD\``);
  }
  return { kind: "settle", command: "settle", inputs: p.inputs, format: valueOf(p, "--format") as OutputFormat | "html", options };
};

const indexInvocation: InvocationOf = (p, bad) => {
  const options = settleOptions(p);
  if (options.observations === undefined && options.fixings === undefined)
    return bad("missing `--observations FILE` (or `--fixings FILE`)");
  return { kind: "settle", command: "index", inputs: p.inputs, format: valueOf(p, "--format") as OutputFormat | "html", options };
};

function sqlInvocation(command: "sql" | "backfill"): InvocationOf {
  return (p, bad) => {
    const from = valueOf(p, "--from")!,
      to = valueOf(p, "--to")!;
    if (to < from) return bad(`\`--to ${to}\` is before \`--from ${from}\``);
    const index = valueOf(p, "--index"),
      observations = valueOf(p, "--observations"),
      out = valueOf(p, "--out"),
      job = valueOf(p, "--job");
    // `--job FILE` writes the Spark job: it implies `--engine spark`.
    const engine = job !== undefined ? "spark" : ((valueOf(p, "--engine") ?? "duckdb") as "duckdb" | "spark");
    return {
      kind: "sql",
      command,
      inputs: p.inputs,
      options: {
        dialect: (valueOf(p, "--dialect") ?? "duckdb") as "duckdb" | "spark",
        engine,
        from,
        to,
        ...(index !== undefined ? { index } : {}),
        ...(observations !== undefined ? { observations } : {}),
        ...(out !== undefined ? { out } : {}),
        ...(job !== undefined ? { job } : {}),
      },
    };
  };
}

/** Each command's Invocation, from its arguments as the table reads them. */
const INVOCATIONS: Readonly<Record<Exclude<CommandName, "help">, InvocationOf>> = {
  check: compileInvocation("check"),
  build: compileInvocation("build"),
  calendar: scheduleInvocation("calendar"),
  expiries: scheduleInvocation("expiries"),
  listed: scheduleInvocation("listed"),
  sessions: scheduleInvocation("sessions"),
  fmt: (p) => ({ kind: "format", inputs: p.inputs, check: p.flags.has("--check"), color: !p.flags.has("--no-color") }),
  render: documentInvocation("render"),
  diff: documentInvocation("diff"),
  settle: settleInvocation,
  index: indexInvocation,
  price: (p) => {
    const grid = valueOf(p, "--grid") as "outright" | "spread" | "premium" | undefined;
    const on = valueOf(p, "--on");
    return {
      kind: "price",
      inputs: p.inputs,
      format: valueOf(p, "--format") as OutputFormat,
      options: { contract: valueOf(p, "--contract")!, price: valueOf(p, "--price")!, ...(grid ? { grid } : {}), ...(on ? { on } : {}) },
    };
  },
  strikes: (p) => {
    const asOf = valueOf(p, "--as-of");
    return {
      kind: "strikes",
      inputs: p.inputs,
      format: valueOf(p, "--format") as OutputFormat,
      options: {
        contract: valueOf(p, "--contract")!,
        month: valueOf(p, "--month")!,
        reference: valueOf(p, "--reference")!,
        on: valueOf(p, "--on")!,
        ...(asOf !== undefined ? { asOf } : {}),
      },
    };
  },
  halts: (p) => {
    const date = valueOf(p, "--date");
    const month = valueOf(p, "--month");
    return {
      kind: "halts",
      inputs: p.inputs,
      format: valueOf(p, "--format") as OutputFormat,
      options: {
        contract: valueOf(p, "--contract")!,
        prices: valueOf(p, "--prices")!,
        prior: valueOf(p, "--prior")!,
        ...(date !== undefined ? { date } : {}),
        ...(month !== undefined ? { month } : {}),
      },
    };
  },
  init: (p) => ({ kind: "init", folder: p.inputs[0] ?? "." }),
  // Editors' clients add `--stdio` and `--clientProcessId=PID`; the server always speaks over stdio.
  lsp: () => ({ kind: "lsp" }),
  sql: sqlInvocation("sql"),
  backfill: sqlInvocation("backfill"),
};
