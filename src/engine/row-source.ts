import type { SqlValue } from '../core/db.ts';
import { quoteIdent } from '../core/db.ts';
import { keySelectList } from '../core/edit/row-key.ts';
import type { FilterSpec, RowSource, SortSpec } from './protocol.ts';

export interface BuiltSql {
  sql: string;
  params: Record<string, SqlValue>;
}

/** Named parameters as sql.js binds them: with their colon. */
export function bindable(params: Record<string, SqlValue> | undefined): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params ?? {})) out[/^[:@$]/.test(name) ? name : `:${name}`] = value;
  return out;
}

/** A user's SELECT as a subquery: a trailing semicolon would end the outer statement early. */
export function stripTrailingSemicolons(sql: string): string {
  return sql.trim().replace(/;+\s*$/, '');
}

function filterClause(filters: FilterSpec[] | undefined, params: Record<string, SqlValue>): string {
  if (!filters?.length) return '';
  const parts = filters.map((filter, i) => {
    const column = quoteIdent(filter.column);
    const name = `:oko_f${i}`;
    switch (filter.op) {
      case 'empty':
        return `(${column} IS NULL OR ${column} = '')`;
      case 'not-empty':
        return `(${column} IS NOT NULL AND ${column} <> '')`;
      case 'contains':
        params[name] = String(filter.value ?? '');
        return `CAST(${column} AS TEXT) LIKE '%' || ${name} || '%'`;
      default:
        params[name] = filter.value ?? null;
        return `${column} ${filter.op} ${name}`;
    }
  });
  return ` WHERE ${parts.join(' AND ')}`;
}

function orderClause(sort: SortSpec | undefined, fallback: string): string {
  if (!sort) return fallback;
  return ` ORDER BY ${quoteIdent(sort.column)} ${sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
}

/**
 * The rows of a source in display order. For a table whose rows are named (`keyColumns`, see
 * src/core/edit/row-key.ts) the first columns are the row's key, which edits address; views and
 * queries have none.
 */
export function sourceSelect(source: RowSource, keyColumns: readonly string[] | null): BuiltSql {
  const params: Record<string, SqlValue> = { ...(source.kind === 'query' ? (source.params ?? {}) : {}) };
  if (source.kind === 'table') {
    const from = quoteIdent(source.name);
    const head = keyColumns ? `SELECT ${keySelectList(keyColumns)}, * FROM ${from}` : `SELECT * FROM ${from}`;
    const where = filterClause(source.filters, params);
    const keyOrder = keyColumns ? ` ORDER BY ${keyColumns.map((_, i) => `oko_key_${i}`).join(', ')}` : '';
    return { sql: head + where + orderClause(source.sort, keyOrder), params };
  }
  const inner = stripTrailingSemicolons(source.sql);
  const where = filterClause(source.filters, params);
  return { sql: `SELECT * FROM (${inner})${where}${orderClause(source.sort, '')}`, params };
}

export function sourceCount(source: RowSource): BuiltSql {
  if (source.kind === 'table' && !source.filters?.length) {
    return { sql: `SELECT COUNT(*) FROM ${quoteIdent(source.name)}`, params: {} };
  }
  const { sql, params } = sourceSelect({ ...source, sort: undefined }, null);
  return { sql: `SELECT COUNT(*) FROM (${sql})`, params };
}

/** Stable cache key of a source: same key, same rows in the same order. */
export function sourceKey(source: RowSource): string {
  return JSON.stringify(source);
}
