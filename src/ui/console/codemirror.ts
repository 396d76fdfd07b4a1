/**
 * The console's SQL editor: CodeMirror 6 with SQLite highlighting and completion of the
 * session's tables and columns (with their Russian descriptions). Loaded on demand, by a
 * dynamic import from SqlEditor.svelte, so the first screen does not pay for it.
 *
 * CSP: CodeMirror evaluates no code; it injects its styles through style elements / adopted
 * style sheets, which our policy allows (`style-src 'unsafe-inline'`).
 *
 * Test contract: `data-testid="sql-editor"` sits on CodeMirror's contenteditable `.cm-content`,
 * so `page.fill('[data-testid=sql-editor]', 'SELECT 1')` replaces the text and
 * `click` + `keyboard.type` types into it, as a user would.
 */
import {
  acceptCompletion,
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { sql, SQLite } from '@codemirror/lang-sql';
import { Compartment, EditorSelection, EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { columnOptions, sqlNamespace } from './completion.ts';
import type { TableDoc } from './schema-docs.ts';

export interface SqlEditorOptions {
  doc: string;
  schema: readonly TableDoc[];
  placeholder: string;
  label: string;
  onChange: (text: string) => void;
  onRun: () => void;
}

export interface SqlEditorHandle {
  getText(): string;
  /** replaces the whole text (history restore, «Открыть в консоли») */
  setText(text: string): void;
  /** inserts at the cursor, replacing the selection (schema browser clicks) */
  insert(text: string): void;
  /** underlines [offset, offset + length) and puts the cursor there */
  markError(offset: number, length: number): void;
  clearError(): void;
  setSchema(schema: readonly TableDoc[]): void;
  focus(): void;
  destroy(): void;
}

const setError = StateEffect.define<{ from: number; to: number } | null>();

/** The place of the last SQL error, until the text changes. */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) marks = Decoration.none;
    for (const effect of tr.effects) {
      if (!effect.is(setError)) continue;
      if (!effect.value) marks = Decoration.none;
      else {
        const { from, to } = effect.value;
        const line = tr.state.doc.lineAt(from);
        marks = Decoration.set(
          [
            Decoration.line({ class: 'cm-sql-error-line' }).range(line.from),
            ...(to > from ? [Decoration.mark({ class: 'cm-sql-error', attributes: { title: 'Здесь ошибка' } }).range(from, to)] : []),
          ],
          true,
        );
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', height: '100%', backgroundColor: '#fff' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { padding: '6px 0', minHeight: '100%' },
  '.cm-gutters': { backgroundColor: '#f7f8fa', color: '#646b78', borderRight: '1px solid var(--line)' },
  '.cm-sql-error': { textDecoration: 'underline wavy #b3261e', textUnderlineOffset: '3px', backgroundColor: '#fdecea' },
  '.cm-sql-error-line': { backgroundColor: '#fff6f5' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--mono)', maxHeight: '16em' },
  '.cm-completionInfo': { fontFamily: 'var(--font)', maxWidth: '340px', whiteSpace: 'normal' },
  '.cm-completionDetail': { color: '#646b78', marginLeft: '1em', fontStyle: 'normal' },
  // 5.3:1 on white, like every muted text (WCAG AA asks 4.5:1)
  '.cm-placeholder': { color: '#646b78' },
});

/** Russian for CodeMirror's own words (screen readers, tooltips). */
const phrases = EditorState.phrases.of({
  'Control character': 'Управляющий символ',
  Completions: 'Подсказки',
  'Folded lines': 'Свёрнутые строки',
  'Unfolded lines': 'Развёрнутые строки',
  to: 'до',
  'folded code': 'свёрнутый код',
  unfold: 'развернуть',
  'Fold line': 'Свернуть строку',
  'Unfold line': 'Развернуть строку',
});

function schemaExtensions(schema: readonly TableDoc[]) {
  const language = sql({ dialect: SQLite, schema: sqlNamespace(schema), upperCaseKeywords: true });
  // Bare column names (lang-sql completes columns only after `table.`): columns of the tables
  // the query names first, else every column.
  const bareColumns = (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[\p{L}\p{N}_$]+/u);
    if (!word && !context.explicit) return null;
    const from = word ? word.from : context.pos;
    const before = context.state.sliceDoc(Math.max(0, from - 1), from);
    if (before === '.' || before === ':' || before === '@' || before === '$') return null;
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (/String|Comment|QuotedIdentifier/.test(node.name)) return null;
    return { from, options: columnOptions(schema, context.state.doc.toString()), validFor: /^[\p{L}\p{N}_$]*$/u };
  };
  return [language, SQLite.language.data.of({ autocomplete: bareColumns })];
}

export function createSqlEditor(parent: HTMLElement, options: SqlEditorOptions): SqlEditorHandle {
  const schemaSlot = new Compartment();
  let silent = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({ icons: false, activateOnTypingDelay: 80 }),
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: () => (options.onRun(), true), preventDefault: true },
            { key: 'Tab', run: acceptCompletion },
          ]),
        ),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
        schemaSlot.of(schemaExtensions(options.schema)),
        errorField,
        placeholder(options.placeholder),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          'data-testid': 'sql-editor',
          'aria-label': options.label,
          'aria-multiline': 'true',
          spellcheck: 'false',
          autocapitalize: 'off',
          translate: 'no',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !silent) options.onChange(update.state.doc.toString());
        }),
        phrases,
        theme,
      ],
    }),
  });

  return {
    getText: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      silent = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(text.length) });
      } finally {
        silent = false;
      }
    },
    insert(text) {
      view.dispatch(view.state.replaceSelection(text), { scrollIntoView: true });
      view.focus();
    },
    markError(offset, length) {
      const size = view.state.doc.length;
      const from = Math.max(0, Math.min(offset, size));
      const to = Math.max(from, Math.min(from + length, size));
      view.dispatch({ effects: [setError.of({ from, to }), EditorView.scrollIntoView(from, { y: 'center' })], selection: EditorSelection.cursor(from) });
    },
    clearError() {
      view.dispatch({ effects: setError.of(null) });
    },
    setSchema(schema) {
      view.dispatch({ effects: schemaSlot.reconfigure(schemaExtensions(schema)) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
