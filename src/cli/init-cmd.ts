/**
 * `termsheet init [folder]`: scaffolds a project that checks and settles as it stands: a token price index
 * published on the business days of the standard England and Wales calendar (imported by name, `std:calendars`, from
 * the package's standard library), a cash-settled future on the index (each file importing what it uses), a
 * fixing to settle the March 2026 contract with, and a README with the two commands that check and settle it.
 * Nothing is overwritten: when a file exists, init writes nothing and lists it. Loaded lazily by run.ts.
 */
import { posix } from "node:path";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import type { System } from "./system.js";

const INDEX = `// A token price index: the median of three providers' list prices, fixed at 16:00 London time.
import ENGLAND_WALES from "std:calendars"

index TOKEN_IDX "Token Output Price Index" {
  description "The price of one million output tokens of frontier language models."
  administrator "Your Benchmarks Ltd."
  quoted in USD per 1M tokens
  source PROVIDER_A "Provider A list prices" {
    models "model-a-large", "model-a"
    quoted in USD per 1M tokens
  }
  source PROVIDER_B "Provider B list prices" {
    models "model-b"
    quoted in USD per 1M tokens
  }
  source PROVIDER_C "Provider C list prices" {
    models "model-c-pro"
    quoted in USD per 1K tokens
  }
  exclude sources deviating more than 25% from the median of the others
  minimum sources 2
  aggregate sources by median
  round to 0.0001 half-even
  publish on business days of ENGLAND_WALES at 16:00 Europe/London
}
`;

const FUTURE = `// A cash-settled future on TOKEN_IDX: one contract is 1,000 million tokens, so a tick of 0.001 is USD 1.
import ENGLAND_WALES from "std:calendars"
import TOKEN_IDX from "../indices/token-index.terms"

future TOKEN_FUT "Token Output Price Futures" {
  underlying index TOKEN_IDX
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.001 USD per 1M tokens
  listing 6 consecutive months plus the nearest 2 months in December
  last trading day is the last Friday of the contract month, adjusted preceding on ENGLAND_WALES
  trading terminates at 16:00 Europe/London
  final settlement in cash at TOKEN_IDX at 16:00 Europe/London on the last trading day, rounded to 0.001 half-even
  fallback {
    disruption if not-published by 18:00 Europe/London
    1. postpone up to 2 business days on ENGLAND_WALES for not-published
    2. determined by the exchange
  }
}
`;

// The last trading day of March 2026 is Friday 27 March (Good Friday is 3 April): its 16:00 London fixing.
const FIXINGS = `time,index,value
2026-03-27T16:00:00Z,TOKEN_IDX,10.12345
`;

const README = `# A Termsheet project

- \`indices/token-index.terms\`: a token price index, published at 16:00 London time on the business days of
  \`ENGLAND_WALES\`, the England and Wales bank holidays of Termsheet's standard calendars (\`import ENGLAND_WALES from "std:calendars"\`:
  the standard library by name, from any folder).
- \`contracts/token-future.terms\`: a cash-settled future on the index.
- \`data/fixings.csv\`: the index's fixing on the last trading day of March 2026.

Check the contract, then settle its March 2026 month from the fixing:

\`\`\`sh
npx termsheet check .
npx termsheet settle . --contract TOKEN_FUT-H26 --fixings data/fixings.csv
\`\`\`

The settlement prints 10.123: the fixing 10.12345 rounded to the tick, 0.001, half to even.
\`npx termsheet check --watch .\` checks again on every save; the VS Code extension does it as you type.
`;

/** Runs `termsheet init`. */
export async function initCommand(inv: Extract<Invocation, { kind: "init" }>, sys: System): Promise<number> {
  const folder = inv.folder === "" ? "." : sys.windows ? inv.folder.replace(/\\/g, "/") : inv.folder;
  const files = [
    { path: "indices/token-index.terms", text: INDEX },
    { path: "contracts/token-future.terms", text: FUTURE },
    { path: "data/fixings.csv", text: FIXINGS },
    { path: "README.md", text: README },
  ];
  const existing = files.map((f) => posix.join(folder, f.path)).filter((p) => sys.kindOf(p).ok);
  if (existing.length > 0) {
    sys.write(
      "stderr",
      `termsheet: not creating a project in ${folder}: ${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}\nnothing was written\n`,
    );
    return ExitCode.UserError;
  }
  const written = sys.writeFiles(folder, files);
  if (!written.ok) {
    sys.write("stderr", `termsheet: cannot write the project into ${folder}: ${written.reason}; nothing was written\n`);
    return ExitCode.UserError;
  }
  const at = folder === "." ? "" : ` in ${folder}`;
  const cd = folder === "." ? "" : `cd ${folder}\n`;
  sys.write(
    "stdout",
    `created a Termsheet project${at}: ${files.map((f) => f.path).join(", ")}\n\nnext:\n${cd}npx termsheet check .\nnpx termsheet settle . --contract TOKEN_FUT-H26 --fixings data/fixings.csv\n`,
  );
  return ExitCode.Ok;
}
