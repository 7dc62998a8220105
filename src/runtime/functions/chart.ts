/**
 * The chart of a settlement certificate (`settle --format html`, report-html.ts): the values an index certificate
 * used and set aside, as hand-built SVG. Each source's value (or, for an index over a window of trades, each
 * interval's value, in time order) is a point; an excluded source is a hollow red point with a cross and its reason;
 * the index value before rounding is a dashed line and the settlement value a solid one. Accessible (role img, named
 * by its title, described by a description that lists every point) and deterministic: the values are printed as the
 * exact decimal strings of the certificate; only the pixel positions are computed in floating point, rounded to
 * hundredths of a pixel.
 */
import type { IndexCertificate } from "../engine/index.js";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const px = (n: number): string => String(Math.round(n * 100) / 100);

/** One point of the chart. */
interface Point {
  readonly label: string;
  readonly value: string;
  readonly excluded: string | undefined;
}

/** The chart of an index certificate with the settlement value drawn; undefined when no value can be drawn. */
export function certificateChart(
  cert: IndexCertificate,
  settlement: { label: string; value: string } | undefined,
  id: string,
): string | undefined {
  const points: Point[] =
    cert.partitions.length > 0
      ? cert.partitions
          .filter((p) => p.value !== null)
          .map((p) => ({ label: `${p.from.slice(11, 16)}–${p.to.slice(11, 16)}`, value: p.value!, excluded: undefined }))
      : cert.sources
          .filter((s) => s.value !== null)
          .map((s) => {
            const why = cert.exclusions.find((e) => e.source === s.name);
            return { label: s.name, value: s.value!, excluded: s.used ? undefined : (why?.reason ?? "not used") };
          });
  if (points.length === 0) return undefined;
  const lines: { label: string; value: string; dash: boolean }[] = [];
  if (cert.unrounded !== null) lines.push({ label: `${cert.index} before rounding`, value: cert.unrounded, dash: true });
  if (settlement !== undefined) lines.push({ label: settlement.label, value: settlement.value, dash: false });
  const values = [...points.map((p) => Number(p.value)), ...lines.map((l) => Number(l.value))];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = hi === lo ? Math.abs(hi) * 0.05 || 1 : (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  const left = 70;
  const top = 16;
  const plotW = Math.max(360, points.length * 72);
  const plotH = 220;
  const width = left + plotW + 230;
  const height = top + plotH + 60;
  const y = (v: number) => top + ((hi - v) / (hi - lo)) * plotH;
  const x = (i: number) => left + (i + 0.5) * (plotW / points.length);
  const body: string[] = [
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="#fbfbfb" stroke="#999"/>`,
    // The axis: its bounds, as the values (not exact: the axis only places the points).
    `<text x="${left - 6}" y="${px(top + 4)}" font-size="10" text-anchor="end">${esc(String(Number(hi.toPrecision(6))))}</text>`,
    `<text x="${left - 6}" y="${px(top + plotH)}" font-size="10" text-anchor="end">${esc(String(Number(lo.toPrecision(6))))}</text>`,
  ];
  let lastLabelY = -Infinity;
  for (const l of lines) {
    const ly = px(y(Number(l.value)));
    // Labels of lines close together are set one under the other.
    const labelY = Math.max(y(Number(l.value)) + 4, lastLabelY + 13);
    lastLabelY = labelY;
    body.push(
      `<g aria-label="${esc(`${l.label}: ${l.value}`)}">`,
      `<line x1="${left}" y1="${ly}" x2="${left + plotW}" y2="${ly}" stroke="${l.dash ? "#7a7a7a" : "#1f4e79"}" stroke-width="${l.dash ? 1 : 2}"${l.dash ? ' stroke-dasharray="5 3"' : ""}/>`,
      `<text x="${left + plotW + 6}" y="${px(labelY)}" font-size="10">${esc(`${l.label} ${l.value}`)}</text>`,
      "</g>",
    );
  }
  points.forEach((p, i) => {
    const cx = px(x(i));
    const cy = px(y(Number(p.value)));
    const label = p.excluded === undefined ? `${p.label}: ${p.value}, used` : `${p.label}: ${p.value}, excluded (${p.excluded})`;
    body.push(`<g aria-label="${esc(label)}">`);
    if (p.excluded === undefined) body.push(`<circle cx="${cx}" cy="${cy}" r="4.5" fill="#1f4e79"/>`);
    else {
      const cxn = x(i);
      const cyn = y(Number(p.value));
      body.push(
        `<circle cx="${cx}" cy="${cy}" r="5.5" fill="#fff" stroke="#b22222" stroke-width="1.5"/>`,
        `<path d="M${px(cxn - 3.5)},${px(cyn - 3.5)} L${px(cxn + 3.5)},${px(cyn + 3.5)} M${px(cxn - 3.5)},${px(cyn + 3.5)} L${px(cxn + 3.5)},${px(cyn - 3.5)}" stroke="#b22222" stroke-width="1.5"/>`,
      );
    }
    body.push(
      `<text x="${cx}" y="${top + plotH + 14}" font-size="9" text-anchor="middle">${esc(p.label.length > 10 ? `${p.label.slice(0, 9)}…` : p.label)}</text>`,
      "</g>",
    );
  });
  const ly = top + plotH + 34;
  body.push(
    `<circle cx="${left + 6}" cy="${ly}" r="4.5" fill="#1f4e79"/>`,
    `<text x="${left + 16}" y="${ly + 4}" font-size="10">Used</text>`,
    `<circle cx="${left + 76}" cy="${ly}" r="5.5" fill="#fff" stroke="#b22222" stroke-width="1.5"/>`,
    `<text x="${left + 86}" y="${ly + 4}" font-size="10">Excluded</text>`,
  );
  const title = `${cert.index} on ${cert.date}: the values used and excluded`;
  const what = cert.partitions.length > 0 ? "interval" : "source";
  const desc =
    `${points.length} ${what} values: ${points.map((p) => `${p.label} ${p.value}${p.excluded === undefined ? "" : ` (excluded: ${p.excluded})`}`).join("; ")}.` +
    lines.map((l) => ` ${l.label}: ${l.value}.`).join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${esc(id)}" role="img" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" aria-labelledby="${esc(id)}-title" aria-describedby="${esc(id)}-desc" font-family="system-ui, sans-serif">`,
    `<title id="${esc(id)}-title">${esc(title)}</title>`,
    `<desc id="${esc(id)}-desc">${esc(desc)}</desc>`,
    ...body,
    "</svg>",
  ].join("\n");
}
