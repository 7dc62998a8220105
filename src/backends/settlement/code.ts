/**
 * The safe code builder of the generated settlement backend, after ajv's `codegen`: generated JavaScript is a
 * {@link Code} value, built only by the {@link js} tagged template, whose literal parts are written by us in this
 * repository and whose interpolated values are either `Code` (a fragment built the same way) or data that the
 * builder turns into a literal by construction. Text from a spec — names, descriptions, clauses — can therefore
 * never become code: a string is a JSON string literal (plus escapes for U+2028, U+2029 and `</`, `<!`), a number
 * must be a safe integer, a decimal is a validated string literal, an identifier matches a strict pattern and is no
 * reserved word (or is mangled into one that does), and a comment has its `*` `/` pairs and line breaks neutralised.
 * Anything else (a function, a symbol, a class instance, a non-integer number) is refused with a {@link CodegenError},
 * which the generator reports as an internal error: it means a bug in the generator, never a spec's content.
 */

/** Thrown when a value cannot be turned into code safely; a generator bug, never the user's input. */
export class CodegenError extends Error {
  override readonly name = "CodegenError";
}

/** A fragment of generated code. Only this module creates one, so every `Code` is safe by construction. */
export class Code {
  readonly #text: string;
  /** @internal Use {@link js} and the literal helpers; the constructor is not part of the builder's API. */
  constructor(token: typeof TOKEN, text: string) {
    if (token !== TOKEN) throw new CodegenError("Code is built with js`…` and the builder's helpers only");
    this.#text = text;
  }
  /** The code as text. */
  toString(): string {
    return this.#text;
  }
}

const TOKEN: unique symbol = Symbol("code");
const code = (text: string): Code => new Code(TOKEN, text);

/** Values that may be interpolated into {@link js}: code fragments, or plain data rendered as literals. */
export type Interpolation = Code | Literal;
/** Plain data that becomes a JavaScript literal. */
export type Literal = string | number | bigint | boolean | null | undefined | readonly Literal[] | { readonly [key: string]: Literal };

/** The tagged template: `js\`return ${value};\`` where each `${…}` is a Code fragment or data made into a literal. */
export function js(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Code {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += toCode(values[i]).toString() + strings[i + 1]!;
  return code(out);
}

/** A value as code: a fragment stays as it is; data becomes a literal. */
export function toCode(value: Interpolation): Code {
  if (value instanceof Code) return value;
  return literal(value);
}

/** Plain data as a JavaScript literal (strings, safe integers, bigints, booleans, null, undefined, arrays, plain objects). */
export function literal(value: Literal): Code {
  switch (typeof value) {
    case "string":
      return str(value);
    case "number":
      return int(value);
    case "bigint":
      return code(value < 0n ? `(${value}n)` : `${value}n`);
    case "boolean":
      return code(value ? "true" : "false");
    case "undefined":
      return code("undefined");
    case "object": {
      if (value === null) return code("null");
      if (Array.isArray(value)) return code(`[${(value as readonly Literal[]).map((v) => literal(v).toString()).join(", ")}]`);
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CodegenError(`not plain data: ${describe(value)}`);
      const entries = Object.keys(value).map((k) => `${key(k).toString()}: ${literal((value as Record<string, Literal>)[k]).toString()}`);
      return code(entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`);
    }
    default:
      throw new CodegenError(`not plain data: ${describe(value)}`);
  }
}

/**
 * Plain data as a multi-line literal laid out like JSON (two-space indentation, one member per line, quoted keys),
 * for large constants that the generated module marks `// prettier-ignore`: the same escaping as {@link literal}.
 */
export function literalBlock(value: Literal, indent = ""): Code {
  return code(blockText(value, indent));
}

/** {@link literalBlock}'s text (its parts as strings: a `Code` per member was a good part of a large constant's time). */
function blockText(value: Literal, indent: string): string {
  if (typeof value === "string") return strText(value);
  if (typeof value !== "object" || value === null) return literal(value).toString();
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly Literal[];
    if (items.length === 0) return "[]";
    return `[\n${items.map((v) => inner + blockText(v, inner)).join(",\n")}\n${indent}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CodegenError(`not plain data: ${describe(value)}`);
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  const record = value as Record<string, Literal>;
  return `{\n${keys.map((k) => `${inner}${key(k).toString()}: ${blockText(record[k], inner)}`).join(",\n")}\n${indent}}`;
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return `an instance of ${(value as object).constructor?.name ?? "an unknown class"}`;
  return `a ${typeof value}`;
}

/** An object literal key: always quoted, and `__proto__` computed so that it is an own property, not the prototype. */
export function key(name: string): Code {
  if (typeof name !== "string") throw new CodegenError(`not a property name: ${describe(name)}`);
  return name === "__proto__" ? code(`[${str(name).toString()}]`) : str(name);
}

/**
 * A string literal: JSON's escaping, plus U+2028/U+2029 and `</`, `<!` (so the code can sit in an HTML script too),
 * in the quotes prettier chooses: double, unless the text holds more double quotes than single ones (then single
 * quotes, with `'` escaped and `"` not), so that prettier leaves the literal as it is.
 */
export function str(text: string): Code {
  return code(strText(text));
}

/**
 * Text that JSON writes as it is, between double quotes, and that needs none of {@link str}'s other escapes: no
 * quote, backslash, control character, `<`, U+2028, U+2029 or surrogate (most names and words of a spec).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it rules out.
const PLAIN = /^[^"\\<\u0000-\u001f\u2028\u2029\ud800-\udfff]*$/;

/** {@link str}'s text. */
function strText(text: string): string {
  if (typeof text !== "string") throw new CodegenError(`not a string: ${describe(text)}`);
  if (PLAIN.test(text)) return `"${text}"`;
  const json = JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .replace(/<(?=[/!])/g, "\\u003c");
  let doubles = 0;
  let singles = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) doubles++;
    else if (c === 39) singles++;
  }
  if (doubles <= singles) return json;
  // prettier's own rewrite (makeString): the other quote unescaped, the enclosing one escaped, other escapes kept.
  const inner = json
    .slice(1, -1)
    .replace(/\\(.)|(')/gsu, (m: string, escaped: string | undefined, quote: string | undefined) =>
      escaped === '"' ? '"' : quote !== undefined ? "\\'" : m,
    );
  return `'${inner}'`;
}

/** An integer literal; only safe integers are accepted (money never travels as a number). */
export function int(n: number): Code {
  if (typeof n !== "number" || !Number.isSafeInteger(n)) throw new CodegenError(`not a safe integer: ${String(n)}`);
  return code(Object.is(n, -0) || n >= 0 ? String(Math.abs(n)) : `(${n})`);
}

const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** A decimal as a string literal (decimals are never JavaScript numbers); the text must be a plain decimal. */
export function dec(text: string): Code {
  if (typeof text !== "string" || !DECIMAL.test(text)) throw new CodegenError(`not a decimal: ${JSON.stringify(text)}`);
  return str(text);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words that cannot name a binding in an ES module (strict mode), plus globals a generated module must not shadow. */
export const RESERVED: ReadonlySet<string> = new Set([
  // ES reserved words, strict-mode and module reserved words
  ...["await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum"],
  ...["export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return"],
  ...["super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield"],
  ...["implements", "interface", "let", "package", "private", "protected", "public", "static"],
  // not bindable in strict mode, or confusing when shadowed
  ...["arguments", "eval", "undefined", "NaN", "Infinity", "globalThis", "Object", "Array", "String", "Symbol", "JSON"],
  // TypeScript type names used in the .d.ts
  ...["any", "unknown", "never", "number", "string", "boolean", "object", "bigint", "symbol", "type", "declare", "as"],
]);

/** Whether a text is usable as a binding name in generated code. */
export function isSafeIdentifier(text: string): boolean {
  return typeof text === "string" && IDENTIFIER.test(text) && !RESERVED.has(text);
}

/** A binding name; the text must match `[A-Za-z_$][A-Za-z0-9_$]*` and be no reserved word, else CodegenError. */
export function ident(text: string): Code {
  if (!isSafeIdentifier(text)) throw new CodegenError(`not a safe identifier: ${JSON.stringify(text)}`);
  return code(text);
}

/**
 * Any text made into a safe identifier: every other character becomes `_`, a leading digit or an empty text gets a
 * `_` in front and a reserved word one behind. Not injective: use a {@link Scope} for distinct names.
 */
export function mangle(text: string): string {
  let m = String(text).replace(/[^A-Za-z0-9_$]/g, "_");
  if (m === "" || /^[0-9]/.test(m)) m = `_${m}`;
  if (RESERVED.has(m)) m = `${m}_`;
  return m;
}

/** Distinct identifiers for a generated module: `name(hint)` mangles the hint and numbers repeats. */
export class Scope {
  readonly #used = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.#used.add(r);
  }
  name(hint: string): Code {
    const base = mangle(hint);
    let n = base;
    for (let i = 2; this.#used.has(n); i++) n = `${base}_${i}`;
    this.#used.add(n);
    return ident(n);
  }
}

/** A property access: `target.name` when the name is a plain identifier name, else `target["name"]`. */
export function prop(target: Code, name: string): Code {
  return IDENTIFIER.test(name) && name !== "__proto__"
    ? code(`${target.toString()}.${name}`)
    : code(`${target.toString()}[${str(name).toString()}]`);
}

/** Fragments joined by a separator fragment. */
export function join(parts: readonly Interpolation[], separator: Code = code(", ")): Code {
  return code(parts.map((p) => toCode(p).toString()).join(separator.toString()));
}

/** A separator or other fixed text known at development time; never pass spec text here. */
export const fixed = {
  comma: code(", "),
  newline: code("\n"),
  blank: code("\n\n"),
  empty: code(""),
} as const;

/**
 * A JSDoc block comment from lines of text, indented by `indent` spaces: each line break (`\r`, `\n`, U+2028,
 * U+2029) starts a new ` * ` line and every `*` followed by `/` is broken up, so no text can end the comment early.
 */
export function doc(lines: readonly string[], indent = 0): Code {
  const out: string[] = [];
  for (const line of lines) {
    if (typeof line !== "string") throw new CodegenError(`not a comment line: ${describe(line)}`);
    // Trailing blanks trimmed, as prettier prints a JSDoc comment's lines.
    for (const part of line.split(/\r\n|[\r\n\u2028\u2029]/)) out.push(commentText(part).trimEnd());
  }
  if (out.length === 0) return code("");
  const pad = " ".repeat(indent);
  return code(`${pad}/**\n${out.map((l) => (l === "" ? `${pad} *` : `${pad} * ${l}`)).join("\n")}\n${pad} */\n`);
}

/** Comment text with `*` `/` broken up (`*\/`) and nothing that could end the comment or the line. */
function commentText(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/[\r\n\u2028\u2029]/g, " ");
}

// ---------------------------------------------------------------------------------------------------------
// Layout: literals placed as prettier prints them, so that `build` writes formatted code without running prettier.

/** Indentation: `n` spaces (a whole number below 1,000). */
export function spaces(n: number): Code {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1000) throw new CodegenError(`not an indentation: ${String(n)}`);
  return code(" ".repeat(n));
}

/** The width of a line of generated code: prettier's `printWidth` (format.ts), whose layout the builder reproduces. */
export const PRINT_WIDTH = 120;

/** Wide East Asian characters and emoji, which prettier counts as two columns. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** The columns a text takes as prettier counts them: wide characters two, combining marks and controls none. */
export function textWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x300 && cp <= 0x36f)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

/** Where a literal is placed: the indentation of its line, the column it starts at, the characters after it on its line. */
export interface Place {
  readonly indent: number;
  readonly column: number;
  readonly trailing: number;
}

/**
 * An ES5 identifier name of the Basic Multilingual Plane, as prettier tests a key it may unquote (its table follows
 * an older Unicode version than the regular expression's, so a letter added since may be judged otherwise).
 */
const ES5_IDENTIFIER = /^[$_\p{L}\p{Nl}][$_\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]*$/u;

/** An object key as prettier prints it (`quoteProps: "as-needed"`): bare when it is an identifier or a plain number. */
function layoutKey(name: string): string {
  if (name === "__proto__") return key(name).toString();
  if (ES5_IDENTIFIER.test(name) && !/[\ud800-\udfff]/.test(name)) return name;
  if (/^(?:\d+|\d+\.\d+)$/.test(name) && String(Number(name)) === name) return name;
  return str(name).toString();
}

/** A primitive as prettier prints it (a negative integer without the parentheses {@link int} adds). */
function primitive(value: Literal): string {
  return typeof value === "number" && value < 0 ? `-${int(-value).toString()}` : literal(value).toString();
}

/** Whether prettier always breaks an array: two or more elements, all objects (or all arrays) of two or more members. */
function alwaysBreaks(items: readonly Literal[]): boolean {
  if (items.length < 2) return false;
  const arrays = Array.isArray(items[0]);
  return items.every((x) =>
    Array.isArray(x) === arrays && typeof x === "object" && x !== null ? (Array.isArray(x) ? x.length : Object.keys(x).length) > 1 : false,
  );
}

function entries(value: object): [string, Literal][] {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CodegenError(`not plain data: ${describe(value)}`);
  return Object.keys(value).map((k) => [k, (value as Record<string, Literal>)[k]]);
}

/** The literal on one line, or undefined when prettier would break it wherever it stands. */
function flat(value: Literal): string | undefined {
  if (typeof value !== "object" || value === null) return primitive(value);
  if (Array.isArray(value)) {
    const items = value as readonly Literal[];
    if (alwaysBreaks(items)) return undefined;
    const parts = items.map(flat);
    return parts.some((p) => p === undefined) ? undefined : `[${parts.join(", ")}]`;
  }
  const members = entries(value).map(([k, v]) => {
    const f = flat(v);
    return f === undefined ? undefined : `${layoutKey(k)}: ${f}`;
  });
  if (members.length === 0) return "{}";
  return members.some((m) => m === undefined) ? undefined : `{ ${members.join(", ")} }`;
}

/**
 * Plain data as a literal laid out as prettier lays it out at `place`: on one line when it fits (and prettier would
 * not break it anyway), else one member per line with trailing commas; a long string after a key of five or more
 * characters moves to the next line. The same escaping as {@link literal}.
 */
export function layout(value: Literal, place: Place): Code {
  return code(layoutText(value, place));
}

function layoutText(value: Literal, { indent, column, trailing }: Place): string {
  const one = flat(value);
  if (one !== undefined && column + textWidth(one) + trailing <= PRINT_WIDTH) return one;
  if (typeof value !== "object" || value === null) return one ?? primitive(value);
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  if (Array.isArray(value)) {
    const items = value as readonly Literal[];
    if (items.length > 0 && items.every((x) => typeof x === "number")) return fill(items.map(primitive), indent);
    const lines = items.map((x) => `${pad}${layoutText(x, { indent: inner, column: inner, trailing: 1 })},`);
    return `[\n${lines.join("\n")}\n${" ".repeat(indent)}]`;
  }
  const lines = entries(value).map(([k, v]) => {
    const head = `${layoutKey(k)}:`;
    if (typeof v === "string") {
      const s = str(v).toString();
      // prettier's "break-after-operator" layout of an assignment whose value is a string, unless the key is short.
      const breaks = textWidth(head) >= 5 && inner + textWidth(head) + 1 + textWidth(s) + 1 > PRINT_WIDTH;
      return breaks ? `${pad}${head}\n${pad}  ${s},` : `${pad}${head} ${s},`;
    }
    const column = inner + textWidth(head) + 1;
    return `${pad}${head} ${layoutText(v, { indent: inner, column, trailing: 1 })},`;
  });
  return `{\n${lines.join("\n")}\n${" ".repeat(indent)}}`;
}

/** An array of numbers that does not fit on one line, filled as prettier fills it: as many per line as fit. */
function fill(items: readonly string[], indent: number): string {
  const inner = indent + 2;
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line === "" ? `${item},` : `${line} ${item},`;
    if (line !== "" && inner + textWidth(next) > PRINT_WIDTH) {
      lines.push(line);
      line = `${item},`;
    } else line = next;
  }
  lines.push(line);
  return `[\n${lines.map((l) => " ".repeat(inner) + l).join("\n")}\n${" ".repeat(indent)}]`;
}

/**
 * `LEFT = VALUE;` as prettier prints a declaration: a string that does not fit moves to the next line, indented;
 * other values are laid out after the `=`. `indent` is the statement's indentation.
 */
export function assignment(left: Code, value: Literal, indent = 0): Code {
  const head = `${" ".repeat(indent)}${left.toString()} =`;
  if (typeof value === "string") {
    const s = str(value).toString();
    return code(textWidth(head) + 1 + textWidth(s) + 1 > PRINT_WIDTH ? `${head}\n${" ".repeat(indent + 2)}${s};` : `${head} ${s};`);
  }
  return code(`${head} ${layoutText(value, { indent, column: textWidth(head) + 1, trailing: 1 })};`);
}
