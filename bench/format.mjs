// Benchmark: formatting every file of specs/ with the prettier plugin (dist/prettier.js through prettier's format),
// median of several runs, as a ratio to parsing the same files with the project's parser (the baseline measured in
// the same run), and the time of `termsheet fmt --check specs` as a command. Target: formatting under 10x parsing.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { loadApi, median, root, summary, timeCall, timeSpawn } from "./lib.mjs";

function termsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...termsFiles(path));
    else if (name.endsWith(".terms")) out.push({ path: relative(root, path), text: readFileSync(path, "utf8") });
  }
  return out;
}

async function timeAsync(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export default {
  name: "format",
  title: "formatting specs/ with the prettier plugin, against parsing it",
  async run({ runs = 10, warmup = 3 } = {}) {
    const pluginPath = join(root, "dist", "prettier.js");
    if (!existsSync(pluginPath)) throw new Error("dist/prettier.js is not built: run `npm run build`");
    const plugin = await import(pathToFileURL(pluginPath).href);
    const prettier = await import("prettier");
    const { api, from } = await loadApi();
    const files = termsFiles(join(root, "specs"));
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    const lines = files.reduce((n, f) => n + f.text.split("\n").length, 0);

    const parseAll = () => {
      for (const f of files) api.parse(new api.SourceFile(f.path, f.text));
    };
    const formatAll = async () => {
      for (const f of files) await prettier.format(f.text, { parser: "terms", plugins: [plugin.default], filepath: f.path });
    };
    let unformatted = 0;
    for (const f of files)
      if ((await prettier.format(f.text, { parser: "terms", plugins: [plugin.default], filepath: f.path })) !== f.text) unformatted++;
    for (let i = 0; i < warmup; i++) {
      parseAll();
      await formatAll();
    }
    const parseSamples = [];
    const formatSamples = [];
    for (let i = 0; i < runs; i++) {
      parseSamples.push(timeCall(parseAll).ms);
      formatSamples.push(await timeAsync(formatAll));
    }
    const cliSamples = [];
    const cliRuns = Math.max(3, Math.min(runs, 5));
    for (let i = 0; i < cliRuns; i++)
      cliSamples.push(timeSpawn(process.execPath, [join(root, "bin", "termsheet.js"), "fmt", "--check", "specs"]).ms);
    const rows = [
      summary(`parse ${files.length} files (baseline)`, parseSamples),
      summary(`format ${files.length} files (prettier + plugin)`, formatSamples),
      summary("termsheet fmt --check specs (process)", cliSamples),
    ];
    const ratio = Math.round((median(formatSamples) / median(parseSamples)) * 10) / 10;
    return {
      rows,
      targets: [{ what: "format / parse (medians)", value: ratio, unit: "x", max: 10 }],
      notes: [
        `API: ${from}; plugin: dist/prettier.js`,
        `${files.length} files, ${lines} lines, ${bytes} bytes; ${unformatted} not formatted`,
      ],
    };
  },
};
