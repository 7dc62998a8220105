// Benchmark: in-process check of a generated 10,000-line .terms file (bench/generate.mjs) through the public API,
// median of several runs, against baselines measured in the same run: JSON.parse of a JSON document of about the
// same size, and lexing alone when the API exposes the lexer. Target: the check takes under 200 ms.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { generateTerms } from "./generate.mjs";
import { loadApi, outDir, summary, timeCall } from "./lib.mjs";

export default {
  name: "check-throughput",
  title: "in-process check of a generated 10,000-line file",
  async run({ runs = 10, warmup = 3 } = {}) {
    const { api, from } = await loadApi();
    const { text, declarations, lines } = generateTerms(10_000);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "generated.terms"), text);
    const json = JSON.stringify(text.split("\n"));
    const path = "generated.terms";
    const host = { readFile: () => undefined, resolveImport: (_from, p) => p };

    const tasks = [
      { label: `JSON.parse of ${json.length} bytes (baseline)`, fn: () => JSON.parse(json) },
      ...(api.lexer ? [{ label: "lex only", fn: () => api.lexer.tokenize(text) }] : []),
      { label: "parse only", fn: () => api.parse(new api.SourceFile(path, text)) },
      {
        label: `check (${lines} lines, ${text.length} bytes, ${declarations} declarations)`,
        fn: () => api.checkSources([{ path, text }], host),
      },
    ];
    let diagnostics = 0;
    for (let i = 0; i < warmup; i++) for (const t of tasks) t.fn();
    const samples = tasks.map(() => []);
    for (let i = 0; i < runs; i++) {
      tasks.forEach((t, j) => {
        const { ms, value } = timeCall(t.fn);
        samples[j].push(ms);
        if (t === tasks[tasks.length - 1]) diagnostics = value.diagnostics.length;
      });
    }
    const rows = tasks.map((t, j) => summary(t.label, samples[j]));
    const check = rows[rows.length - 1];
    const baseline = rows[0];
    return {
      rows,
      targets: [
        { what: "check median", value: check.median_ms, unit: "ms", max: 200 },
        { what: "check / JSON.parse (medians)", value: Math.round((check.median_ms / baseline.median_ms) * 10) / 10, unit: "x" },
        ...(api.lexer
          ? [{ what: "check / lex only (medians)", value: Math.round((check.median_ms / rows[1].median_ms) * 10) / 10, unit: "x" }]
          : []),
      ],
      notes: [
        `API: ${from}`,
        `${diagnostics} diagnostics on the generated file`,
        `throughput ${Math.round(lines / (check.median_ms / 1000)).toLocaleString("en-US")} lines/s`,
      ],
    };
  },
};
