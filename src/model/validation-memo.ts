/**
 * The lowering's memo of validated declarations (see {@link ValidationMemo}): its own module, so that the Host
 * interface (check/host.ts) can name it without importing the lowering.
 */

/** A zod schema, as far as the validation reads it. */
export interface Parser<T> {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * The declarations validated lately, by schema and by the JSON text of the lowered value. A long-lived caller (the
 * language service, which checks on every keystroke, when a keystroke changes one declaration) keeps one across its
 * checks, so the others are looked up rather than validated again: a memo of a pure function (the schemas read
 * plain JSON data), bounded by the characters of its keys. A one-shot check passes none and pays for no key.
 */
export class ValidationMemo {
  private readonly bySchema = new Map<object, Map<string, unknown>>();
  private chars = 0;
  private static readonly MAX_CHARS = 16 * 1024 * 1024;

  /** The value validated against the schema, from the memo when the same value was validated before. */
  validate<T>(schema: Parser<T>, value: T): ReturnType<Parser<T>["safeParse"]> {
    let key: string | undefined;
    try {
      key = JSON.stringify(value);
    } catch {
      key = undefined;
    }
    let memo = this.bySchema.get(schema);
    const hit = key === undefined ? undefined : memo?.get(key);
    if (hit !== undefined) return { success: true, data: hit as T };
    const r = schema.safeParse(value);
    if (r.success && key !== undefined) {
      if (this.chars + key.length > ValidationMemo.MAX_CHARS) {
        this.bySchema.clear();
        memo = undefined;
        this.chars = 0;
      }
      if (memo === undefined) this.bySchema.set(schema, (memo = new Map()));
      memo.set(key, r.data);
      this.chars += key.length;
    }
    return r;
  }
}
