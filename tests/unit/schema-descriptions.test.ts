import { describe, expect, it } from 'vitest';
import { queryAll } from '../../src/core/db.ts';
import { SCHEMA_DESCRIPTIONS } from '../../src/core/schema/descriptions.ts';
import { freshDatabase } from './sqlite.ts';

/** Views show columns of the tables they read; their own entry lists only what they add. */
const VIEW_SOURCES: Record<string, string[]> = { v_vpr: ['result'], v_vpr_school: ['agg_result'], v_vpr_score: ['agg_score'], v_vpr_task: ['agg_task'] };

describe('schema descriptions', () => {
  it('describe every table and every column in Russian', () => {
    const db = freshDatabase();
    const missing: string[] = [];
    const tables = queryAll(db, "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'").rows.map((r) => String(r[0]));
    for (const table of tables) {
      const own = SCHEMA_DESCRIPTIONS[table];
      if (!own) {
        missing.push(table);
        continue;
      }
      const known = { ...Object.assign({}, ...(VIEW_SOURCES[table] ?? []).map((t) => SCHEMA_DESCRIPTIONS[t].columns)), ...own.columns };
      for (const row of queryAll(db, `PRAGMA table_info("${table}")`).rows) {
        const column = String(row[1]);
        if (!known[column]) missing.push(`${table}.${column}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describe nothing that is not in the schema', () => {
    const db = freshDatabase();
    const tables = new Set(queryAll(db, 'SELECT name FROM sqlite_master').rows.map((r) => String(r[0])));
    expect(Object.keys(SCHEMA_DESCRIPTIONS).filter((t) => !tables.has(t))).toEqual([]);
  });
});

describe('docs/schema.md', () => {
  it('is generated from the descriptions and up to date (OKO_WRITE_DOCS=1 rewrites it)', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { schemaMarkdown } = await import('../../src/core/schema/descriptions.ts');
    const file = new URL('../../docs/schema.md', import.meta.url);
    if (process.env.OKO_WRITE_DOCS === '1') writeFileSync(file, schemaMarkdown());
    expect(readFileSync(file, 'utf8'), 'docs/schema.md is stale: OKO_WRITE_DOCS=1 npx vitest run --project unit tests/unit/schema-descriptions.test.ts').toBe(
      schemaMarkdown(),
    );
  });
});
