import { SCHEMA_DESCRIPTIONS } from '../../core/schema/descriptions.ts';
import type { TableInfo } from '../../engine/protocol.ts';

export interface ColumnDoc {
  name: string;
  /** declared SQLite type, '' for views */
  type: string;
  /** Russian description; '' when the schema has none (a user's own table) */
  description: string;
}

export interface TableDoc {
  name: string;
  kind: 'table' | 'view';
  group: TableInfo['group'];
  /** null for a view (not counted: see TableInfo) */
  rowCount: number | null;
  /** Russian title; '' for a user's own table */
  title: string;
  columns: ColumnDoc[];
}

/**
 * Views carry their base tables' columns: v_vpr is `result` plus a few columns of
 * `assessment` and `school`, so a column the view does not describe is looked up there.
 */
const VIEW_FALLBACKS: Record<string, string[]> = {
  v_vpr: ['result', 'assessment', 'school'],
  v_vpr_school: ['agg_result', 'assessment', 'school'],
  v_vpr_score: ['agg_score', 'assessment', 'school'],
  v_vpr_task: ['agg_task', 'assessment', 'school'],
};

function describeColumn(table: string, column: string): string {
  const own = SCHEMA_DESCRIPTIONS[table]?.columns[column];
  if (own) return own;
  for (const base of VIEW_FALLBACKS[table] ?? []) {
    const text = SCHEMA_DESCRIPTIONS[base]?.columns[column];
    if (text) return text;
  }
  // A reference column named after its table (import_batch_id → import_batch): say where it points.
  const home = column.replace(/_id$/, '');
  if (home !== column && SCHEMA_DESCRIPTIONS[home]) return `${SCHEMA_DESCRIPTIONS[home].title} → ${home}`;
  return '';
}

/** Every table and view the engine reports, with the Russian descriptions of the schema. */
export function schemaDocs(tables: readonly TableInfo[]): TableDoc[] {
  return tables.map((t) => ({
    name: t.name,
    kind: t.kind,
    group: t.group,
    rowCount: t.rowCount,
    title: SCHEMA_DESCRIPTIONS[t.name]?.title ?? '',
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: describeColumn(t.name, c.name) })),
  }));
}

function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

/** Tables whose name, title or any column (name or description) contains every word of `search`. */
export function filterDocs(docs: readonly TableDoc[], search: string): TableDoc[] {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (!words.length) return [...docs];
  return docs.filter((doc) => {
    const text = fold([doc.name, doc.title, ...doc.columns.flatMap((c) => [c.name, c.description])].join(' '));
    return words.every((w) => text.includes(w));
  });
}
