/**
 * Prettier formatting of the generated modules and their declarations, through prettier's standalone build with
 * explicit plugins (babel + estree; `babel-ts` for `.d.ts`, which prints them exactly as the typescript parser does
 * without loading its 0.9 MB plugin) and fixed options. `build` does not run it: the builder lays the modules out
 * itself (code.ts), and test/backends/settlement/prettier-stable.test.ts checks with this function that prettier
 * would change nothing. These options are the layout's reference.
 */
import type { Options } from "prettier";
import { format } from "prettier/standalone";
import * as babel from "prettier/plugins/babel";
import * as estree from "prettier/plugins/estree";

const COMMON: Options = {
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
};

/** Formats a generated ES module. */
export function formatModule(text: string): Promise<string> {
  return format(text, { ...COMMON, parser: "babel", plugins: [babel, estree] });
}

/** Formats a generated declaration file. */
export function formatDeclarations(text: string): Promise<string> {
  return format(text, { ...COMMON, parser: "babel-ts", plugins: [babel, estree] });
}
