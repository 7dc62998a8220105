/**
 * The Termsheet language mode of the playground's editor: a CodeMirror 6 stream tokenizer with the lexer's token
 * shapes (comments, strings, dates, times, ordinals, percentages, scaled numbers, numbers, time-zone names, words)
 * and, for words, the compiler's own vocabulary (keywords, enumerated words, units) read at build time; a word after
 * a top-level declaration keyword or `import` is the name being declared. Also the completion of that vocabulary.
 * Highlighting only: every diagnostic comes from the compiler in the worker.
 */
import { autocompletion, completeFromList, type Completion } from "@codemirror/autocomplete";
import { HighlightStyle, LanguageSupport, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import vocabulary from "virtual:termsheet-vocabulary";

const KEYWORDS = new Set(vocabulary.keywords);
const ENUM_WORDS = new Set(vocabulary.enumWords);
const UNITS = new Set(vocabulary.units);
const DECLARATIONS = new Set(["calendar", "index", "future", "option", "spread", "import"]);

interface State {
  /** Inside a block comment that has not closed yet. */
  comment: boolean;
  /** The previous word was a top-level declaration keyword: this word is the declared name. */
  declaring: boolean;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/;
const ZONE = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z0-9_+-]+)+/;

function token(stream: StringStream, state: State): string | null {
  if (state.comment) {
    state.comment = !stream.skipTo("*/");
    if (state.comment) stream.skipToEnd();
    else stream.pos += 2;
    return "comment";
  }
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match("/*")) {
    state.comment = true;
    return token(stream, state) ?? "comment";
  }
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
  if (stream.match(/^\d{4}-\d{2}-\d{2}(?![\w-])/)) return "date";
  if (stream.match(/^\d{1,2}:\d{2}(?::\d{2})?(?![\w:])/)) return "date";
  if (stream.match(/^\d+(?:st|nd|rd|th)(?![\w-])/)) return "number";
  if (stream.match(/^-?\d[\d_]*(?:\.[\d_]+)?%/)) return "number";
  if (stream.match(/^\d[\d_]*[KMB](?![\w-])/)) return "number";
  if (stream.match(/^-?\d[\d_]*(?:\.[\d_]+)?(?!\w)/)) return "number";
  if (stream.match(ZONE)) return "zone";
  const word = stream.match(WORD) as RegExpMatchArray | null;
  if (word) {
    const w = word[0];
    if (state.declaring) {
      state.declaring = false;
      return "declaration";
    }
    if (KEYWORDS.has(w)) {
      // `index` names a declaration only at the start of a top-level line, not in `underlying index X`.
      state.declaring = DECLARATIONS.has(w) && stream.start === 0;
      return "keyword";
    }
    if (ENUM_WORDS.has(w)) return "enum";
    if (UNITS.has(w)) return "unit";
    return /^[A-Z][A-Z0-9_]*$/.test(w) ? "name" : "word";
  }
  if (stream.match(/^[{}]/)) return "brace";
  if (stream.match(/^[,:.]/)) return "punctuation";
  stream.next();
  return null;
}

/** The stream language, with its token names mapped to highlighting tags. */
export const termsLanguage = StreamLanguage.define<State>({
  name: "termsheet",
  startState: () => ({ comment: false, declaring: false }),
  copyState: (s) => ({ ...s }),
  token,
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } }, closeBrackets: { brackets: ["{", '"'] } },
  tokenTable: {
    comment: t.comment,
    string: t.string,
    date: t.literal,
    number: t.number,
    zone: t.special(t.string),
    keyword: t.keyword,
    declaration: t.definition(t.typeName),
    enum: t.atom,
    unit: t.unit,
    name: t.typeName,
    word: t.variableName,
    brace: t.brace,
    punctuation: t.punctuation,
  },
});

/** Colours of the highlighting tags, chosen for contrast on white (all above 4.5:1). */
export const termsHighlight = HighlightStyle.define([
  { tag: t.comment, color: "#5f6b7a", fontStyle: "italic" },
  { tag: t.keyword, color: "#6d28d9" },
  { tag: t.definition(t.typeName), color: "#9a3412", fontWeight: "600" },
  { tag: t.typeName, color: "#9a3412" },
  { tag: t.string, color: "#0f766e" },
  { tag: t.special(t.string), color: "#0f766e", fontStyle: "italic" },
  { tag: t.literal, color: "#1d4ed8" },
  { tag: t.number, color: "#1d4ed8" },
  { tag: t.atom, color: "#a21caf" },
  { tag: t.unit, color: "#0e7490" },
  { tag: t.punctuation, color: "#475569" },
  { tag: t.brace, color: "#475569" },
]);

const completions: Completion[] = [
  ...vocabulary.keywords.map((label) => ({ label, type: "keyword" })),
  ...vocabulary.enumWords.map((label) => ({ label, type: "enum" })),
  ...vocabulary.units.map((label) => ({ label, type: "constant", detail: "unit" })),
];

/** The language with its highlighting and the completion of its vocabulary. */
export function termsheet(): LanguageSupport {
  return new LanguageSupport(termsLanguage, [
    syntaxHighlighting(termsHighlight),
    autocompletion({ override: [completeFromList(completions)] }),
  ]);
}
