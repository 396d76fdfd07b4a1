import { expect } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { ImportError, importFile } from '../../src/core/import/index.ts';
import * as F from '../fixtures/generate.ts';
import { NOW } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/** A database with a Ф1 in it, so that «nothing lost» means something. */
export async function loadedDatabase(): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, F.f1Municipal(), { now: NOW });
  return db;
}

/** `attempt` must throw an ImportError and leave the database byte for byte as it was. */
export async function failsCleanly(attempt: (db: Database) => unknown): Promise<ImportError> {
  const db = await loadedDatabase();
  const before = db.export();
  let caught: unknown;
  try {
    await attempt(db);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'an ImportError was expected').toBeInstanceOf(ImportError);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return caught as ImportError;
}
