/**
 * The PDF of a readable contract is Chromium's print of its HTML (`render --format pdf`, src/cli/render-cmd.ts).
 * Chromium stamps the time of printing into the document information (`/CreationDate`, `/ModDate`) and may write a
 * file identifier (`/ID`); `normalisePdf` replaces them by fixed values of the same length, so that the same sources
 * give the same bytes and the cross-reference offsets stay right. Pure; `chromiumPath` finds the browser.
 */

/** The fixed date written for both stamps: 1 January 2000, 00:00:00. */
export const FIXED_PDF_DATE = "20000101000000";

/** The PDF with its time stamps and file identifiers fixed; the same length as the input, byte for byte elsewhere. */
export function normalisePdf(pdf: Uint8Array): Uint8Array {
  // latin1 maps each byte to one UTF-16 unit and back, so offsets are kept.
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const fixed = text
    .replace(
      /\/(CreationDate|ModDate)\s*\(D:(\d{1,14})/g,
      (m, _key: string, digits: string) => m.slice(0, m.length - digits.length) + FIXED_PDF_DATE.slice(0, digits.length),
    )
    .replace(/\/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]/g, (m) =>
      m.replace(/<[0-9A-Fa-f]*>/g, (h) => `<${"0".repeat(h.length - 2)}>`),
    );
  const out = Buffer.from(fixed, "latin1");
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Where Chromium is: TERMSHEET_CHROMIUM when set, else /usr/bin/chromium, else `chromium` or `chromium-browser` on PATH. */
export function chromiumPath(env: (name: string) => string | undefined, isFile: (path: string) => boolean): string | undefined {
  const chosen = env("TERMSHEET_CHROMIUM");
  if (chosen !== undefined && chosen !== "") return chosen;
  if (isFile("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const dir of (env("PATH") ?? "").split(":"))
    for (const name of ["chromium", "chromium-browser"]) if (dir !== "" && isFile(`${dir}/${name}`)) return `${dir}/${name}`;
  return undefined;
}
