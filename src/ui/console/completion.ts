import type { Completion } from '@codemirror/autocomplete';
import type { TableDoc } from './schema-docs.ts';

/** lang-sql's schema shape: table → columns, each with its Russian description as `info`. */
export type SqlNamespace = Record<string, { self: Completion; children: Completion[] }>;

function tableInfo(doc: TableDoc): string {
  const what = doc.kind === 'view' ? 'представление' : 'таблица';
  return doc.title ? `${doc.title} (${what})` : what;
}

function columnCompletion(doc: TableDoc, column: TableDoc['columns'][number], boost = 0): Completion {
  return {
    label: column.name,
    type: 'property',
    detail: column.type ? `${doc.name} · ${column.type}` : doc.name,
    info: column.description || undefined,
    boost,
  };
}

/**
 * For lang-sql's `schema` option: tables complete at the top level and columns after
 * `table.` or `alias.` (lang-sql resolves aliases of the FROM clause itself).
 */
export function sqlNamespace(docs: readonly TableDoc[]): SqlNamespace {
  const namespace: SqlNamespace = {};
  for (const doc of docs) {
    namespace[doc.name] = {
      self: { label: doc.name, type: doc.kind === 'view' ? 'class' : 'type', info: tableInfo(doc), detail: doc.kind === 'view' ? 'представление' : 'таблица' },
      children: doc.columns.map((c) => columnCompletion(doc, c)),
    };
  }
  return namespace;
}

const LITERALS_AND_COMMENTS = /'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g;

/** Names of known tables the SQL text mentions (outside string literals and comments). */
export function mentionedTables(docs: readonly TableDoc[], sql: string): string[] {
  const code = sql.replace(LITERALS_AND_COMMENTS, ' ').toLowerCase();
  const words = new Set(code.match(/[a-z_][a-z0-9_]*/g) ?? []);
  for (const quoted of code.matchAll(/"((?:[^"]|"")+)"/g)) words.add(quoted[1].replace(/""/g, '"'));
  return docs.filter((d) => words.has(d.name.toLowerCase())).map((d) => d.name);
}

/**
 * Bare column names (no `table.` before them): the columns of the tables the query already
 * names come first; with none named yet, every column of the schema is offered, so
 * `SELECT short_na…` completes before the FROM is written. One option per column name.
 */
export function columnOptions(docs: readonly TableDoc[], sql: string): Completion[] {
  const named = new Set(mentionedTables(docs, sql));
  const seen = new Map<string, Completion>();
  const ordered = [...docs].sort((a, b) => Number(named.has(b.name)) - Number(named.has(a.name)));
  for (const doc of ordered) {
    if (named.size && !named.has(doc.name) && doc.group === 'workspace') continue;
    for (const column of doc.columns) {
      if (seen.has(column.name)) continue;
      seen.set(column.name, columnCompletion(doc, column, named.has(doc.name) ? 2 : -1));
    }
  }
  return [...seen.values()];
}
