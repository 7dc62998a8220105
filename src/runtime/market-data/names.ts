/**
 * A column of names (the instrument or the part of each observation) held as small integer codes into a table of
 * the distinct names: 10 million rows of a few instruments are 20 MB of codes and a few strings, not 10 million
 * references in a JS array (issue 20: peak memory). Code 0 is "no name" (an empty field); codes are 16-bit until the
 * 65,536th distinct name, then 32-bit.
 */

/** Row r's name is `names[codes[r]]`; `names[0]` is null (the row names none). */
export interface NameColumn {
  readonly codes: Uint16Array | Uint32Array;
  readonly names: readonly (string | null)[];
}

/** Row r's name in a column of names, or null (no column, or the row names none). */
export function nameAt(column: NameColumn | null | undefined, r: number): string | null {
  return column === null || column === undefined ? null : (column.names[column.codes[r]!] ?? null);
}

/** A column of names from one name (or null) per row. */
export function nameColumn(values: readonly (string | null)[]): NameColumn {
  const codes = new NameCodes();
  for (let r = 0; r < values.length; r++) codes.set(r, values[r] === null || values[r] === "" ? 0 : codes.code(values[r]!), values.length);
  return codes.column(values.length) ?? { codes: new Uint16Array(values.length), names: [null] };
}

/** The rows `keep` of a column of names, in that order (its table shared). */
export function pickNames(column: NameColumn, keep: readonly number[]): NameColumn {
  const codes = column.codes instanceof Uint16Array ? new Uint16Array(keep.length) : new Uint32Array(keep.length);
  for (let i = 0; i < keep.length; i++) codes[i] = column.codes[keep[i]!]!;
  return { codes, names: column.names };
}

/** A growing column of names: the table of distinct names and the codes of the rows set so far. */
export class NameCodes {
  private readonly index = new Map<string, number>();
  readonly names: (string | null)[] = [null];
  /** Null until a row names something. */
  private codes: Uint16Array | Uint32Array | null = null;

  /** The code of a (non-empty) name, added to the table when new. */
  code(name: string): number {
    let c = this.index.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(name);
      this.index.set(name, c);
      if (c === 65_536 && this.codes instanceof Uint16Array) this.codes = Uint32Array.from(this.codes);
    }
    return c;
  }

  /** Sets row `row`'s code; `capacity` is the rows' room, for the first allocation. */
  set(row: number, code: number, capacity: number): void {
    if (this.codes === null) {
      if (code === 0) return;
      this.codes = this.names.length > 65_536 ? new Uint32Array(capacity) : new Uint16Array(capacity);
    }
    this.codes[row] = code;
  }

  /** The code of row `row` (0 when none is set). */
  get(row: number): number {
    return this.codes === null ? 0 : this.codes[row]!;
  }

  /** Grows the codes to `capacity` rows, keeping the first `n`. */
  grow(capacity: number, n: number): void {
    const old = this.codes;
    if (old === null) return;
    const next = old instanceof Uint16Array ? new Uint16Array(capacity) : new Uint32Array(capacity);
    next.set(old.subarray(0, n));
    this.codes = next;
  }

  /** The column of the first `n` rows, or null when no row names anything. */
  column(n: number): NameColumn | null {
    return this.codes === null ? null : { codes: this.codes.subarray(0, n), names: this.names };
  }
}
