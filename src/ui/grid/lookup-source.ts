import type { SqlValue } from '../../core/db.ts';
import type { EngineClient } from '../../engine/client.ts';
import { EngineSource, withGridQuery, type EngineSourceOptions } from './engine-source.ts';
import type { EditOutcome, GridColumn, GridDataSource, GridQuery, GridWindow, RowKey, RowStyle } from './types.ts';

/** What a reference to a table reads as: the column header and the SQL giving `id, name` pairs. */
const NAMES: Record<string, { label: string; sql: string }> = {
  school: { label: 'ОО', sql: 'SELECT school_id, COALESCE(short_name, full_name, fisoko_login) FROM school' },
  municipality: { label: 'Муниципалитет', sql: 'SELECT municipality_id, name FROM municipality' },
  subject: { label: 'Предмет', sql: 'SELECT subject_code, name FROM subject' },
  assessment: {
    label: 'Работа',
    sql: `SELECT a.assessment_id,
  CASE a.kind WHEN 'vpr' THEN 'ВПР' WHEN 'oge' THEN 'ОГЭ' WHEN 'gve9' THEN 'ГВЭ-9' WHEN 'ege' THEN 'ЕГЭ' WHEN 'gve11' THEN 'ГВЭ-11' ELSE a.kind END
  || ' ' || a.year || ', ' || COALESCE(sb.name, a.subject_code) || COALESCE(', ' || a.grade || ' класс', '')
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code`,
  },
  import_batch: { label: 'Файл', sql: 'SELECT import_batch_id, file_name FROM import_batch' },
};

/** A reference column of a table and the names of the rows it points to. */
export interface Lookup {
  /** the id column, e.g. school_id */
  column: string;
  label: string;
  names: Map<string, string>;
}

const key = (value: SqlValue | undefined) => (value === null || value === undefined ? '' : String(value));

/**
 * The lookups a table's foreign keys allow (school_id → the school's name, …), read once when
 * the table opens: the referenced tables are small directories.
 */
export async function tableLookups(engine: EngineClient, table: string): Promise<Lookup[]> {
  const keys = await engine.call('query', { sql: 'SELECT "from", "table" FROM pragma_foreign_key_list(:t)', params: { t: table } });
  const lookups: Lookup[] = [];
  for (const [column, target] of keys.rows) {
    const names = NAMES[String(target)];
    if (!names || target === table) continue;
    const rows = (await engine.call('query', { sql: names.sql })).rows;
    lookups.push({ column: String(column), label: names.label, names: new Map(rows.map(([id, name]) => [key(id), key(name)])) });
  }
  return lookups;
}

/**
 * A table's rows with a read-only name column after each id column a lookup covers («ОО»
 * beside school_id). Everything else — windows, sort, filters, edits — is the inner source's;
 * name columns are marked `lookup` and are neither sorted nor filtered.
 */
export class LookupSource implements GridDataSource {
  readonly columns: GridColumn[];
  /** for each shown column, the inner column index it copies, or the lookup it resolves */
  private readonly plan: Array<{ from: number; lookup?: Lookup }>;

  constructor(
    private readonly inner: GridDataSource,
    private readonly lookups: Lookup[],
  ) {
    this.columns = [];
    this.plan = [];
    inner.columns.forEach((column, index) => {
      this.columns.push(column);
      this.plan.push({ from: index });
      const lookup = lookups.find((l) => l.column === column.name);
      if (!lookup) return;
      this.columns.push({ name: `${column.name}:name`, label: lookup.label, format: 'text', lookup: true });
      this.plan.push({ from: index, lookup });
    });
  }

  get rowCount(): number {
    return this.inner.rowCount;
  }

  get query(): GridQuery {
    return this.inner.query;
  }

  get title(): string {
    return this.inner.title;
  }

  private expand(row: SqlValue[]): SqlValue[] {
    return this.plan.map(({ from, lookup }) => (lookup ? (lookup.names.get(key(row[from])) ?? null) : row[from]));
  }

  async fetch(offset: number, limit: number): Promise<GridWindow> {
    const window = await this.inner.fetch(offset, limit);
    return { ...window, rows: window.rows.map((row) => this.expand(row)) };
  }

  async withQuery(query: GridQuery): Promise<LookupSource> {
    return new LookupSource(await this.inner.withQuery(query), this.lookups);
  }

  get edit(): ((rowKey: RowKey, column: string, value: SqlValue) => Promise<EditOutcome>) | undefined {
    return this.inner.edit?.bind(this.inner);
  }

  get rowStyle(): ((row: SqlValue[]) => RowStyle | undefined) | undefined {
    const style = this.inner.rowStyle?.bind(this.inner);
    if (!style) return undefined;
    // the inner styler reads rows without the name columns
    return (row) => style(this.plan.flatMap(({ lookup }, i) => (lookup ? [] : [row[i]])));
  }
}

/**
 * A table's (or view's) rows for its tab, in the sort and filters asked for — counted once, not
 * once plain and again sorted — with a name column beside each id a foreign key explains
 * (school_id → «ОО»).
 */
export async function readTable(engine: EngineClient, name: string, query: GridQuery, options: EngineSourceOptions): Promise<LookupSource> {
  const [rows, lookups] = await Promise.all([EngineSource.create(engine, withGridQuery({ kind: 'table', name }, query), options), tableLookups(engine, name)]);
  return new LookupSource(rows, lookups);
}
