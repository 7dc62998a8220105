/**
 * Generates the language specification files in grammar/ from the one parser and lexer: `termsheet.ebnf`
 * (W3C-style EBNF walked from chevrotain's grammar AST, plus a lexical section built from the token
 * definitions) and `diagrams.html` (chevrotain's railroad diagrams with their scripts inlined, so the page
 * works offline). The text is a pure function of the grammar and of the installed chevrotain diagram
 * resources, so it is byte-stable; scripts/gen-grammar.ts writes it and test/grammar/ebnf.test.ts checks
 * that the committed files are current.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  Alternation,
  Alternative,
  createSyntaxDiagramsCode,
  Lexer,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  type IProduction,
  type TokenType,
} from "chevrotain";
import { parserInstance } from "../src/syntax/parser.js";
import * as T from "../src/syntax/tokens.js";

/** Output width the EBNF pretty-printer aims for. */
const WIDTH = 100;

// ------------------------------------------------------------------------------------------------ a tiny Wadler printer

type Doc =
  | string
  | { readonly t: "cat"; readonly parts: readonly Doc[] }
  | { readonly t: "line" }
  | { readonly t: "group"; readonly d: Doc }
  | { readonly t: "nest"; readonly n: number; readonly d: Doc };

const line: Doc = { t: "line" };
const cat = (...parts: Doc[]): Doc => ({ t: "cat", parts });
const group = (d: Doc): Doc => ({ t: "group", d });
const nest = (n: number, d: Doc): Doc => ({ t: "nest", n, d });

type Mode = "flat" | "break";
type Cmd = readonly [indent: number, mode: Mode, doc: Doc];

/** Whether the commands fit in `width` columns up to the next line break of a broken group. */
function fits(next: Cmd, rest: readonly Cmd[], width: number): boolean {
  const stack: Cmd[] = [next];
  let restIdx = rest.length;
  let w = width;
  while (w >= 0) {
    if (stack.length === 0) {
      if (restIdx === 0) return true;
      stack.push(rest[--restIdx]!);
      continue;
    }
    const [ind, mode, d] = stack.pop()!;
    if (typeof d === "string") w -= d.length;
    else if (d.t === "cat") for (let i = d.parts.length - 1; i >= 0; i--) stack.push([ind, mode, d.parts[i]!]);
    else if (d.t === "nest") stack.push([ind + d.n, mode, d.d]);
    else if (d.t === "group") stack.push([ind, mode, d.d]);
    else if (mode === "break") return true;
    else w -= 1;
  }
  return false;
}

/** Lays a document out in `width` columns: a group is flat when it fits on the line, broken otherwise. */
function layout(doc: Doc, width: number): string {
  let out = "";
  let col = 0;
  const stack: Cmd[] = [[0, "break", doc]];
  while (stack.length > 0) {
    const [ind, mode, d] = stack.pop()!;
    if (typeof d === "string") {
      out += d;
      col += d.length;
    } else if (d.t === "cat") {
      for (let i = d.parts.length - 1; i >= 0; i--) stack.push([ind, mode, d.parts[i]!]);
    } else if (d.t === "nest") {
      stack.push([ind + d.n, mode, d.d]);
    } else if (d.t === "group") {
      const flat: Cmd = [ind, "flat", d.d];
      stack.push(mode === "flat" || fits(flat, stack, width - col) ? flat : [ind, "break", d.d]);
    } else if (mode === "flat") {
      out += " ";
      col += 1;
    } else {
      out += "\n" + " ".repeat(ind);
      col = ind;
    }
  }
  return out.replace(/[ \t]+$/gm, "");
}

// ------------------------------------------------------------------------------------------------ terminals

/** Keyword spellings by token type. */
const keywordWord = new Map<TokenType, string>();
for (const w of T.keywords) {
  const tt = T.keywordOf(w);
  if (tt) keywordWord.set(tt, w);
}

/**
 * The words lexed as OrdinalWord. tokens.ts does not export them as a list, so the generator asks the
 * keyword table about the English ordinals; a new ordinal word beyond `tenth` would need adding here.
 */
const ordinalWords = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"].filter(
  (w) => T.keywordOf(w) === T.OrdinalWord,
);

/** A token class name in the EBNF: `DateLiteral` → `DATE`, `ZoneName` → `ZONE_NAME`. */
function className(t: TokenType): string {
  return t.name
    .replace(/Literal$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase();
}

function quote(s: string): string {
  return s.includes('"') ? `'${s}'` : `"${s}"`;
}

/** The literal text a punctuation token matches, when its pattern is a single character (a string or a regexp). */
function punctuation(t: TokenType): string | undefined {
  const p = t.PATTERN;
  if (typeof p === "string") return /^[^A-Za-z0-9]$/.test(p) ? p : undefined;
  if (!(p instanceof RegExp)) return undefined;
  const m = /^\\?([^\\A-Za-z0-9])$/.exec(p.source);
  return m ? m[1] : undefined;
}

/** How a terminal reads in the EBNF: keywords and punctuation quoted, token classes in capitals. */
function terminalText(t: TokenType): string {
  const kw = keywordWord.get(t);
  if (kw !== undefined) return quote(kw);
  const p = punctuation(t);
  if (p !== undefined) return quote(p);
  return className(t);
}

// ------------------------------------------------------------------------------------------------ productions

function isCompound(p: IProduction): boolean {
  return (
    !(p instanceof Terminal || p instanceof NonTerminal) &&
    !(p instanceof Alternative && p.definition.length === 1 && !isCompound(p.definition[0]!))
  );
}

/** A sequence: simple items joined by spaces; a compound item may start a new line when the sequence breaks. */
function seq(items: readonly IProduction[]): Doc {
  if (items.length === 0) return "";
  const parts: Doc[] = [];
  items.forEach((p, i) => {
    if (i > 0) parts.push(isCompound(p) || isCompound(items[i - 1]!) ? line : " ");
    parts.push(prod(p));
  });
  return group(cat(...parts));
}

/** `( a | b )` flat, or one alternative per line with leading bars when broken. */
function alternation(alts: readonly Alternative[], suffix: string): Doc {
  const parts: Doc[] = ["( "];
  alts.forEach((a, i) => {
    if (i > 0) parts.push(line, "| ");
    parts.push(nest(2, a.definition.length === 0 ? "/* nothing */" : seq(a.definition)));
  });
  parts.push(line, ")" + suffix);
  return group(cat(...parts));
}

/** A bracketed body with a postfix operator: `x?` for one simple item, `( a b )?` otherwise. */
function postfix(items: readonly IProduction[], op: string): Doc {
  if (items.length === 1) {
    const only = items[0]!;
    if (only instanceof Terminal || only instanceof NonTerminal) return cat(prod(only), op);
    if (only instanceof Alternation) return alternation(only.definition as Alternative[], op);
  }
  return group(cat("( ", nest(2, seq(items)), line, ")" + op));
}

function prod(p: IProduction): Doc {
  if (p instanceof Terminal) return terminalText(p.terminalType);
  if (p instanceof NonTerminal) return p.nonTerminalName;
  if (p instanceof Alternative) return seq(p.definition);
  if (p instanceof Alternation) return alternation(p.definition as Alternative[], "");
  if (p instanceof Option) return postfix(p.definition, "?");
  if (p instanceof Repetition) return postfix(p.definition, "*");
  if (p instanceof RepetitionMandatory) return postfix(p.definition, "+");
  if (p instanceof RepetitionMandatoryWithSeparator) {
    const sep = new Terminal({ terminalType: p.separator });
    return seq([...p.definition, new Repetition({ definition: [sep, ...p.definition] })]);
  }
  if (p instanceof RepetitionWithSeparator) {
    const sep = new Terminal({ terminalType: p.separator });
    return postfix([...p.definition, new Repetition({ definition: [sep, ...p.definition] })], "?");
  }
  throw new Error(`grammar-gen: unknown production ${p.constructor.name}`);
}

/** `name ::= body`; a body that is one alternation puts each alternative on its own line when long. */
function rule(r: Rule): string {
  const head = `${r.name} ::= `;
  const def = r.definition;
  let body: Doc;
  const only = def.length === 1 ? def[0] : undefined;
  if (only instanceof Alternation) {
    const parts: Doc[] = [];
    (only.definition as Alternative[]).forEach((a, i) => {
      if (i > 0) parts.push(line, "| ");
      parts.push(nest(2, seq(a.definition)));
    });
    body = group(nest(head.length - 2, cat(...parts)));
  } else {
    body = nest(head.length, seq(def));
  }
  return layout(cat(head, body), WIDTH);
}

/**
 * Constraints the grammar enforces with gates (semantic predicates) that EBNF cannot show, by rule name.
 * Keep these in step with the GATEs in src/syntax/parser.ts.
 */
const gateNotes: Readonly<Record<string, string>> = {
  holidayDate: "a comma continues the list of dates only when a date follows it",
  unitTerm: "the words of a unit are on one line: a word on the next line starts the next statement",
};

// ------------------------------------------------------------------------------------------------ lexical section

function lexicalSection(): string {
  const out: string[] = [];
  const lexerTokens = T.allTokens.filter(
    (t) => t.PATTERN instanceof RegExp && t.PATTERN !== Lexer.NA && !t.name.startsWith("Unterminated"),
  );
  for (const t of lexerTokens) {
    if (punctuation(t) !== undefined) continue;
    const re = t.PATTERN as RegExp;
    const group = t.GROUP === Lexer.SKIPPED ? "skipped" : typeof t.GROUP === "string" ? "a comment, kept for the formatter" : undefined;
    const label = t.LABEL && t.LABEL !== t.name ? t.LABEL : undefined;
    const notes = [label, group].filter((x): x is string => x !== undefined).map((s) => s.replaceAll("*/", "* /"));
    out.push(`${className(t)} ::= /${re.source}/${notes.length > 0 ? `  /* ${notes.join("; ")} */` : ""}`);
  }
  out.push("");
  out.push(`${className(T.OrdinalWord)} ::= ${ordinalWords.map(quote).join(" | ")}`);
  out.push("");
  out.push("/* Reserved words: an IDENTIFIER spelled exactly like one of these is that keyword. */");
  const words = [...T.keywords].sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  out.push(fillLines("KEYWORD ::= ", words.map(quote), " | ", WIDTH));
  return out.join("\n");
}

/** Words packed onto lines of at most `width` columns, continuation lines aligned under the first word. */
function fillLines(head: string, items: readonly string[], sep: string, width: number): string {
  const lines: string[] = [];
  let cur = head;
  const pad = " ".repeat(head.length - 2);
  items.forEach((it, i) => {
    const piece = i === 0 ? it : sep + it;
    if (i > 0 && cur.length + piece.length > width) {
      lines.push(cur);
      cur = pad + "| " + it;
    } else cur += piece;
  });
  lines.push(cur);
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------------ public API

const HEADER = `/*
 * Termsheet grammar, in W3C-style EBNF.
 * Generated from src/syntax/parser.ts and src/syntax/tokens.ts by scripts/gen-grammar.ts: do not edit;
 * run \`npm run grammar\` after changing the parser. Rule names are the parser's rule names.
 *
 * Notation: "word" is a keyword or punctuation; UPPER names are token classes (see the lexical section);
 * a? is optional, a* repeats zero or more times, a+ one or more; ( … ) groups; | separates alternatives.
 * Lexical rules are JavaScript regular expressions, tried in the order listed: the first that matches
 * at a position wins (not the longest). Between tokens, whitespace and comments are skipped.
 * Enumerated words (weekdays, months, rounding modes, conventions, aggregation methods, …) are plain
 * IDENTIFIERs here; the checker validates them. See grammar/README.md for their meaning.
 */`;

/** The text of grammar/termsheet.ebnf. */
export function generateEbnf(): string {
  const rules = Object.values(parserInstance.getGAstProductions());
  const parts: string[] = [HEADER, "", "/* ---------------------------------------------------------------- Syntax */", ""];
  for (const r of rules) {
    const note = gateNotes[r.name];
    if (note !== undefined) parts.push(`/* ${note} */`);
    parts.push(rule(r), "");
  }
  parts.push("/* ---------------------------------------------------------------- Lexical structure */", "", lexicalSection(), "");
  return parts.join("\n");
}

/** The chevrotain diagram resources the HTML loads, relative to the chevrotain package's diagrams/ folder. */
const DIAGRAM_SCRIPTS = ["vendor/railroad-diagrams.js", "src/diagrams_builder.js", "src/diagrams_behavior.js", "src/main.js"] as const;

/** Reads a file of chevrotain's diagrams/ folder (the package that the parser uses). */
export function readDiagramResource(rel: string): string {
  // chevrotain does not export its package.json, so walk up from its entry to the package folder.
  let dir = dirname(createRequire(import.meta.url).resolve("chevrotain"));
  while (!existsSync(join(dir, "diagrams", "diagrams.css")) && dirname(dir) !== dir) dir = dirname(dir);
  return readFileSync(join(dir, "diagrams", rel), "utf8");
}

const RESOURCE_MARK = "@@TERMSHEET_RESOURCE@@/";
const CSS_MARK = "@@TERMSHEET_CSS@@";

/**
 * The text of grammar/diagrams.html: chevrotain's page with its stylesheet and scripts inlined instead of
 * loaded from a CDN. `read` returns a chevrotain diagrams resource by relative path (injected for testing).
 */
export function generateDiagramsHtml(read: (rel: string) => string = readDiagramResource): string {
  const page = createSyntaxDiagramsCode(parserInstance.getSerializedGastProductions(), { resourceBase: RESOURCE_MARK, css: CSS_MARK });
  const inline = (s: string) =>
    s
      .replace(/<\/(script|style)/gi, "<\\/$1")
      .replace(/\r\n/g, "\n")
      .replace(/\s+$/, "");
  let html = page.replace(`<link rel='stylesheet' href='${CSS_MARK}'>`, () => `<style>\n${inline(read("diagrams.css"))}\n</style>`);
  for (const rel of DIAGRAM_SCRIPTS) {
    html = html.replace(`<script src='${RESOURCE_MARK}${rel}'></script>`, () => `<script>\n${inline(read(rel))}\n</script>`);
  }
  if (html.includes(RESOURCE_MARK) || html.includes(CSS_MARK)) throw new Error("grammar-gen: chevrotain's diagram page changed shape");
  html = html.replace(
    "<!-- This is a generated file -->",
    "<!-- Generated by scripts/gen-grammar.ts from src/syntax/parser.ts: do not edit; run `npm run grammar`. -->",
  );
  html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<title>Termsheet grammar: railroad diagrams</title>');
  return html
    .replace(/^\s+/, "")
    .replace(/[ \t]+$/gm, "")
    .replace(/\s*$/, "\n");
}

/** Every generated grammar file, by path relative to the repository root. */
export function generateGrammarFiles(): { path: string; content: string }[] {
  return [
    { path: "grammar/termsheet.ebnf", content: generateEbnf() },
    { path: "grammar/diagrams.html", content: generateDiagramsHtml() },
  ];
}
