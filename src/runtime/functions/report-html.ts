/**
 * A settlement or index report as a self-contained HTML certificate (`settle --format html`, `index --format html`):
 * the result, the readable certificate of render.ts word for word, and a chart (chart.ts) of the values each index
 * certificate used and excluded with the settlement value drawn. No scripts and no external resources. Pure.
 */
import { certificateChart } from "./chart.js";
import { reportText } from "./render.js";
import type { IndexReport, SettlementReport } from "./reports.js";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; color: #111; }
h1 { font-size: 1.4rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; background: #f6f6f6; padding: 0.8rem; }
figure { margin: 1rem 0; break-inside: avoid; }
figcaption { font-size: 0.85rem; color: #444; }
@media print { @page { size: A4; margin: 15mm; } body { margin: 0; max-width: none; } }
`.trim();

/** The report as an HTML page, ending in one newline. */
export function reportHtml(r: SettlementReport | IndexReport): string {
  const title =
    r.kind === "index"
      ? `Index certificate: ${r.index} at ${r.at}`
      : `Settlement certificate: ${r.symbol ?? `${r.contract} ${r.period}`} ${r.kind} settlement`;
  const certificates = r.kind === "index" ? (r.certificate === null ? [] : [r.certificate]) : r.indexCertificates;
  const drawn =
    r.kind === "index"
      ? r.value === null
        ? undefined
        : { label: `${r.index} published`, value: r.value }
      : r.price === null
        ? undefined
        : { label: r.kind === "final" ? "Final settlement price" : "Daily settlement price", value: r.price };
  const charts = certificates.flatMap((c, i) => {
    const svg = certificateChart(c, drawn, `chart-${i + 1}`);
    return svg === undefined
      ? []
      : [
          `<figure>\n${svg}\n<figcaption>${esc(`${c.index} on ${c.date}: each value, the excluded ones marked, and the value drawn`)}</figcaption>\n</figure>`,
        ];
  });
  return (
    [
      "<!DOCTYPE html>",
      '<html lang="en">',
      "<head>",
      '<meta charset="utf-8">',
      `<title>${esc(title)}</title>`,
      `<style>\n${CSS}\n</style>`,
      "</head>",
      "<body>",
      `<h1>${esc(title)}</h1>`,
      ...charts,
      `<pre>${esc(reportText(r))}</pre>`,
      "</body>",
      "</html>",
    ].join("\n") + "\n"
  );
}
