/**
 * RFC 4180 quoting of a CSV line, the slow path of the market-data readers: they take it only for a line that holds a
 * double quote, so an unquoted line keeps their fast path. A field is either unquoted (no double quote in it) or
 * quoted whole (`"…"`), where a doubled quote `""` stands for one and a comma is part of the field. A row is one line:
 * a quoted field that is not closed on its line is an error (a line break inside a field, which RFC 4180 allows, is
 * not a row of market data), as are a double quote inside an unquoted field and text after a closing quote. Pure.
 */

/** The fields of a line, or the 0-based field and why the line is not RFC 4180 CSV. */
export type QuotedCsv =
  { readonly ok: true; readonly fields: readonly string[] } | { readonly ok: false; readonly field: number; readonly message: string };

const QUOTE = 34;
const COMMA = 44;

/** Splits one line (without its line break) into fields with RFC 4180 quoting; linear in the line, never throws. */
export function splitQuotedCsv(line: string): QuotedCsv {
  const fields: string[] = [];
  const n = line.length;
  let i = 0;
  let quote = line.indexOf('"');
  for (;;) {
    const index = fields.length;
    if (i < n && line.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      let closed = -1;
      for (let j = from; j < n; j++) {
        if (line.charCodeAt(j) !== QUOTE) continue;
        if (j + 1 < n && line.charCodeAt(j + 1) === QUOTE) {
          value += line.slice(from, j + 1);
          from = j + 2;
          j++;
        } else {
          closed = j;
          break;
        }
      }
      if (closed < 0)
        return {
          ok: false,
          field: index,
          message: 'the quoted field is not closed on its line (a row is one line; a quote inside a quoted field is doubled: "")',
        };
      fields.push(value + line.slice(from, closed));
      i = closed + 1;
      if (i === n) return { ok: true, fields };
      if (line.charCodeAt(i) !== COMMA)
        return {
          ok: false,
          field: index,
          message: 'text after the closing quote of a quoted field; a field is quoted whole, and a quote inside it is doubled ("")',
        };
      i++;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? n : comma;
      // The next quote is searched again only once passed, so a long line of unquoted fields is read in linear time.
      if (quote >= 0 && quote < i) quote = line.indexOf('"', i);
      if (quote >= 0 && quote < end)
        return {
          ok: false,
          field: index,
          message: 'a double quote inside an unquoted field; quote the whole field and double the quote inside it ("")',
        };
      fields.push(line.slice(i, end));
      if (comma < 0) return { ok: true, fields };
      i = comma + 1;
    }
  }
}

/** The name of a 0-based field among a reader's columns, or null past them (the row then has too many fields). */
export function fieldName(columns: readonly string[], index: number): string | null {
  return index < columns.length ? columns[index]! : null;
}
