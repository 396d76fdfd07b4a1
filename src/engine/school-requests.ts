/**
 * The engine's requests on the schools of the directory and the user's tables that read no file:
 * «Сопоставление ОО» (РЦОИ codes with no school, the schools they may be, merging) and the names of
 * the user's own tables. Part of the worker's startup code: the catalogue asks for them at once.
 */
import type { Database } from '../core/db.ts';
import { queryObjects } from '../core/db.ts';
import { mergeSchool, suggestMatches, unmatchedRcoiCodes } from '../core/import/schools/crosswalk.ts';
import type { CrosswalkEntry, MergeSchoolOutcome } from './protocol.ts';

export function crosswalk(db: Database): CrosswalkEntry[] {
  return unmatchedRcoiCodes(db).map((code) => ({ ...code, suggestions: suggestMatches(db, code.code) }));
}

export function merge(db: Database, from: number, into: number): MergeSchoolOutcome {
  try {
    const { moved, dropped } = mergeSchool(db, from, into);
    return { ok: true, moved, dropped };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Names of the user's own tables (oko_user_table), for the data panel's «Мои таблицы». */
export function userTableNames(db: Database): Set<string> {
  return new Set(queryObjects<{ table_name: string }>(db, 'SELECT table_name FROM oko_user_table').map((row) => row.table_name));
}
