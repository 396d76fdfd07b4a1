/**
 * oko_import_mapping: what the user chose for a file of a shape (user-table/importer.ts shapeKey), one row
 * per shape. The JSON holds both halves of the «Открыть как таблицу…» dialog:
 *
 *   { sheet, headerRow, tableName, columns: [{source, header, name, type}],   ← «новая таблица»
 *     canonical: { target: 'canonical', table, columns: {"<source>": "<target column>"}, values },
 *     target: 'user' | 'canonical' }                                          ← the last choice
 *
 * Rows stored before the canonical half existed have only the user-table fields (no `target`):
 * they read as `target: 'user'`. Saving one half keeps the other.
 */
import type { Database } from '../../../db.ts';
import { queryValue } from '../../../db.ts';

export interface StoredCanonical {
  target: 'canonical';
  table: string;
  sheet: string;
  headerRow: number;
  /** source column index (as a string key) → target column */
  columns: Record<string, string>;
  /** values for target columns given once for every row («год», «схема») */
  values?: Record<string, string>;
}

export interface StoredMapping {
  sheet?: string;
  headerRow?: number;
  tableName?: string;
  columns?: unknown[];
  canonical?: StoredCanonical;
  target?: 'user' | 'canonical';
}

export function readStoredMapping(db: Database, shape: string): StoredMapping | null {
  const stored = queryValue(db, 'SELECT mapping FROM oko_import_mapping WHERE shape_key = ?', [shape]);
  if (typeof stored !== 'string') return null;
  try {
    const value = JSON.parse(stored) as unknown;
    return value && typeof value === 'object' ? (value as StoredMapping) : null;
  } catch {
    return null;
  }
}

/** Saves one half (`patch`) of the mapping of a shape, keeping the other half. */
export function storeMapping(db: Database, shape: string, patch: StoredMapping, updatedAt: string): void {
  const merged: StoredMapping = { ...(readStoredMapping(db, shape) ?? {}), ...patch };
  db.run(
    `INSERT INTO oko_import_mapping (shape_key, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (shape_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    [shape, JSON.stringify(merged), updatedAt],
  );
}
