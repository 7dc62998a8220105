/**
 * The examples of specs/, bundled into the page at build time (Vite's import.meta.glob), with the calendars and
 * indices they import: the worker resolves imports between them in memory. Also the sample market data of the
 * settlement pane (playground/samples/).
 */
import sampleFixings from "../samples/foti-2026-03-fixings.csv?raw";
import sampleObservations from "../samples/foti-2026-03-observations.csv?raw";

const texts = import.meta.glob("../../specs/**/*.terms", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Every bundled file by its path as the CLI names it from the repository root (`specs/contracts/foti.terms`). */
export const FILES: ReadonlyMap<string, string> = new Map(
  Object.entries(texts)
    .map(([key, text]) => [key.replace(/^(\.\.\/)+/, ""), text] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);

/** One example in the picker. */
export interface Example {
  readonly path: string;
  readonly group: "Contracts" | "Indices" | "Calendars";
  /** The file name without folder and extension. */
  readonly name: string;
  /** The first comment line of the file. */
  readonly summary: string;
}

const GROUPS = { contracts: "Contracts", indices: "Indices", calendars: "Calendars" } as const;

/** The examples, contracts first. */
export const EXAMPLES: readonly Example[] = [...FILES]
  .map(([path, text]) => {
    const folder = path.split("/")[1] as keyof typeof GROUPS;
    return {
      path,
      group: GROUPS[folder] ?? "Contracts",
      name: path
        .split("/")
        .pop()!
        .replace(/\.terms$/, ""),
      summary: /^\/\/\s*(.*)/.exec(text)?.[1] ?? "",
    };
  })
  .sort((a, b) => Object.values(GROUPS).indexOf(a.group) - Object.values(GROUPS).indexOf(b.group));

/** The example opened first. */
export const DEFAULT_EXAMPLE = "specs/contracts/foti.terms";

/** Sample market data for FOTI's March 2026 contract (AITOK_OUT, fixed 16:00 London on Friday 27 March 2026). */
export const SAMPLES = {
  contract: "FOTI",
  period: "2026-03",
  position: { quantity: "2", price: "10" },
  observations: { name: "foti-2026-03-observations.csv", text: sampleObservations },
  fixings: { name: "foti-2026-03-fixings.csv", text: sampleFixings },
} as const;
