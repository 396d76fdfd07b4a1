import type { Database } from '../db.ts';
import { queryObjects } from '../db.ts';
import type { Addressee } from './generate.ts';

/**
 * How a form names its school across sessions: the ФИС ОКО login, else «РЦОИ <код>», else
 * «ОО № <internal id>» (only meaningful in the session that made the form).
 */
export function schoolKey(school: { school_id: number; fisoko_login: string | null; gia_code: string | null }): string {
  if (school.fisoko_login) return school.fisoko_login;
  if (school.gia_code) return `РЦОИ ${school.gia_code}`;
  return `ОО № ${school.school_id}`;
}

const SCHOOL_NAME = 'COALESCE(short_name, full_name, fisoko_login)';

/** The addressees with these school ids, in name order. */
export function addresseesOf(db: Database, schoolIds: readonly number[]): Addressee[] {
  if (!schoolIds.length) return [];
  const rows = queryObjects<{ school_id: number; fisoko_login: string | null; gia_code: string | null; name: string }>(
    db,
    `SELECT school_id, fisoko_login, gia_code, ${SCHOOL_NAME} AS name FROM school WHERE school_id IN (${schoolIds.map(() => '?').join(', ')}) ORDER BY name, school_id`,
    [...schoolIds],
  );
  return rows.map((r) => ({ schoolId: r.school_id, key: schoolKey(r), name: r.name ?? schoolKey(r) }));
}

/** The school a key names in this session, or null. */
export function resolveSchoolKey(db: Database, key: string): Addressee | null {
  const text = key.trim();
  let rows: Array<{ school_id: number }> = [];
  const rcoi = /^РЦОИ\s+(.+)$/.exec(text);
  const internal = /^ОО № (\d+)$/.exec(text);
  if (rcoi) rows = queryObjects(db, 'SELECT school_id FROM school WHERE gia_code = ? ORDER BY school_id', [rcoi[1]]);
  else if (internal) rows = queryObjects(db, 'SELECT school_id FROM school WHERE school_id = ?', [Number(internal[1])]);
  else if (text) rows = queryObjects(db, 'SELECT school_id FROM school WHERE lower(fisoko_login) = lower(?) ORDER BY school_id', [text]);
  return rows.length === 1 ? addresseesOf(db, [rows[0].school_id])[0] : null;
}

/** Active schools of a municipality (default addressees of a new cycle). */
export function municipalitySchools(db: Database, municipalityId: number): Addressee[] {
  const ids = queryObjects<{ school_id: number }>(db, 'SELECT school_id FROM school WHERE municipality_id = ? AND is_active = 1', [municipalityId]).map(
    (r) => r.school_id,
  );
  return addresseesOf(db, ids);
}
