/**
 * The playground's source editor: CodeMirror 6 with the Termsheet language mode (language.ts), and the compiler's
 * diagnostics for the edited file shown inline (underlines, gutter markers, hover tooltips with the code, the
 * secondary labels, the notes and the hint); a did-you-mean hint is offered as a one-click fix.
 */
import { closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import type { JsonDiagnostic } from "../../src/index.js";
import { termsheet } from "./language.js";

/** The editor, and how the page hears of edits. */
export interface SourceEditor {
  readonly view: EditorView;
  /** Replaces the whole text (loading an example or a shared link). */
  setText(text: string): void;
  /** Shows the compiler's diagnostics of the edited file. */
  showDiagnostics(diagnostics: readonly JsonDiagnostic[]): void;
  /** Moves the cursor to a 1-based line and column and focuses the editor. */
  reveal(offset: number): void;
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13.5px", backgroundColor: "#fff" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0", color: "#94a3b8" },
  ".cm-activeLine": { backgroundColor: "#f1f5f91a" },
  ".cm-activeLineGutter": { backgroundColor: "#eef2f7", color: "#334155" },
  "&.cm-focused": { outline: "none" },
  ".cm-tooltip.cm-tooltip-lint": { maxWidth: "38rem" },
  ".cm-diagnostic": { padding: "6px 10px", fontFamily: "var(--sans)", fontSize: "13px", lineHeight: "1.45" },
});

/** Creates the editor in `parent`; `onChange` receives the text after each edit. */
export function createEditor(parent: HTMLElement, text: string, onChange: (text: string) => void): SourceEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...completionKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        termsheet(),
        theme,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": "Termsheet source", spellcheck: "false" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next }, selection: { anchor: 0 }, scrollIntoView: true });
    },
    showDiagnostics(diagnostics) {
      view.dispatch(
        setDiagnostics(
          view.state,
          diagnostics.map((d) => toEditorDiagnostic(d, view.state.doc.length)),
        ),
      );
    },
    reveal(offset) {
      const at = Math.min(Math.max(0, offset), view.state.doc.length);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
      view.focus();
    },
  };
}

/** A compiler diagnostic as CodeMirror's: the same span (UTF-16 offsets on both sides), message, code and hint. */
function toEditorDiagnostic(d: JsonDiagnostic, length: number): Diagnostic {
  const from = Math.min(d.start, length);
  const to = Math.min(Math.max(d.end, from), length);
  const fix = /^did you mean `([^`]+)`\??$/.exec(d.hint ?? "");
  return {
    from,
    to,
    severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
    message: `${d.code}: ${d.message}${d.hint === null ? "" : `\nhint: ${d.hint}`}`,
    renderMessage: () => describe(d),
    ...(fix !== null && to > from
      ? {
          actions: [
            {
              name: `Replace with ${fix[1]}`,
              apply: (v: EditorView, a: number, b: number) => v.dispatch({ changes: { from: a, to: b, insert: fix[1]! } }),
            },
          ],
        }
      : {}),
  };
}

/** The tooltip of a diagnostic: code and message, the context path, labels, notes and hint. */
export function describe(d: JsonDiagnostic): HTMLElement {
  const box = element("div", "diag");
  const head = box.appendChild(element("div", "diag-head"));
  head.append(element("span", `code code-${d.severity}`, d.code), " ", element("span", "diag-message", d.message));
  if (d.context.length > 0) box.appendChild(element("div", "diag-context", `in ${d.context.join(" › ")}`));
  for (const l of d.labels) {
    const where = `${l.file === d.file ? "line " : `${l.file}:`}${l.line ?? "?"}${l.file === d.file ? `, column ${l.column ?? "?"}` : `:${l.column ?? "?"}`}`;
    box.appendChild(element("div", "diag-label", `${where}: ${l.message}`));
  }
  for (const n of d.notes) box.appendChild(element("div", "diag-note", `note: ${n}`));
  if (d.hint !== null) box.appendChild(element("div", "diag-hint", `hint: ${d.hint}`));
  return box;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
