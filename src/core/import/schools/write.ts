/**
 * The one writer of `school`, `school_code_alias` and `municipality`: every format, the mapping
 * «в таблицу Око» and the crosswalk go through these functions, so a school is found, added and
 * named by one set of rules.
 *
 * Names seen (school_code_alias.name_seen): the latest name a file gives for a code wins, and a
 * file that gives no name keeps the one known (docs/formats.md, «Справочник ОО»). The name is
 * what the crosswalk shows for a РЦОИ code and one of the spellings a school is found by in a
 * table of Око or a table for indicators; a blank must not erase it, and the newest spelling is the
 * one the next file is likely to use.
 */
import type { Database, SqlValue } from '../../db.ts';
import { queryObjects, queryValue, run } from '../../db.ts';
import { regionOfLogin, splitMunicipalityName, twinLogin } from './names.ts';

export type AliasSource = 'fisoko' | 'rcoi' | 'directory';

/** What a ФИС ОКО file says of a school it names by login. */
export interface SchoolFacts {
  login: string;
  name: string | null;
  municipality: string | null;
  rows: number;
}

export interface NewSchool {
  login: string | null;
  name: string | null;
  municipalityId?: number | null;
  giaCode?: string | null;
}

function numberOrNull(value: SqlValue): number | null {
  return typeof value === 'number' ? value : null;
}

function lastId(db: Database): number {
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

// ---------- finding ----------

/** The school a code of this source names, if any. */
export function aliasedSchool(db: Database, source: AliasSource, code: string): number | null {
  return numberOrNull(queryValue(db, 'SELECT school_id FROM school_code_alias WHERE source = ? AND code = ?', [source, code]));
}

/** A login may be known through the alias crosswalk, as school.fisoko_login, or in its sch/edu twin spelling. */
export function findSchool(db: Database, login: string): number | null {
  for (const code of [login, twinLogin(login)]) {
    if (!code) continue;
    const viaAlias = aliasedSchool(db, 'fisoko', code);
    if (viaAlias !== null) return viaAlias;
    const direct = numberOrNull(queryValue(db, 'SELECT school_id FROM school WHERE fisoko_login = ?', [code]));
    if (direct !== null) return direct;
  }
  return null;
}

/** A РЦОИ «Код ОО»: its 'rcoi' alias, else the first school with that gia_code. */
export function schoolByRcoiCode(db: Database, code: string): number | null {
  const viaAlias = aliasedSchool(db, 'rcoi', code);
  if (viaAlias !== null) return viaAlias;
  return numberOrNull(queryValue(db, 'SELECT school_id FROM school WHERE gia_code = ? ORDER BY school_id LIMIT 1', [code]));
}

// ---------- writing ----------

/** A new school, active (the schema's default). */
export function insertSchool(db: Database, school: NewSchool): number {
  run(db, 'INSERT INTO school (municipality_id, fisoko_login, gia_code, full_name) VALUES (?, ?, ?, ?)', [
    school.municipalityId ?? null,
    school.login,
    school.giaCode ?? null,
    school.name,
  ]);
  return lastId(db);
}

/**
 * Records that a file names school `schoolId` by `code` (a login, a РЦОИ code, or a directory
 * row's login or code); the code now means this school. Names seen: the rule at the top.
 */
export function recordAlias(db: Database, source: AliasSource, code: string, nameSeen: string | null, schoolId: number): void {
  run(
    db,
    `INSERT INTO school_code_alias (source, code, name_seen, school_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (source, code) DO UPDATE SET name_seen = COALESCE(excluded.name_seen, name_seen), school_id = excluded.school_id`,
    [source, code, nameSeen, schoolId],
  );
}

/** A column of school the user corrected in the grid keeps the user's value. */
function editedByUser(db: Database, schoolId: number, column: string): boolean {
  return queryValue(db, "SELECT 1 FROM oko_edit_log WHERE table_name = 'school' AND row_id = ? AND column_name = ? LIMIT 1", [schoolId, column]) === 1;
}

/**
 * Sets the given columns of a school; null leaves a column as it is. `keepUserEdits`: a column the
 * user corrected in the grid keeps the user's value (a school directory); a mapping the user
 * confirmed column by column («в таблицу Око») overwrites.
 */
export function updateSchool(db: Database, schoolId: number, values: Record<string, SqlValue>, options: { keepUserEdits: boolean }): void {
  const entries = Object.entries(values).filter(([column, value]) => value !== null && !(options.keepUserEdits && editedByUser(db, schoolId, column)));
  if (entries.length === 0) return;
  run(db, `UPDATE school SET ${entries.map(([column]) => `${column} = ?`).join(', ')} WHERE school_id = ?`, [...entries.map(([, value]) => value), schoolId]);
}

/** Fills only the columns of a school that are still empty (a merge: the kept school's values win). */
export function fillSchool(db: Database, schoolId: number, values: Record<string, SqlValue>): void {
  const entries = Object.entries(values);
  run(db, `UPDATE school SET ${entries.map(([column]) => `"${column}" = COALESCE("${column}", ?)`).join(', ')} WHERE school_id = ?`, [
    ...entries.map(([, value]) => value),
    schoolId,
  ]);
}

export function deleteSchool(db: Database, schoolId: number): void {
  run(db, 'DELETE FROM school WHERE school_id = ?', [schoolId]);
}

/**
 * A ФИС ОКО file's school: found by login (or added, with a warning when the file has no name for
 * it), its empty name and municipality filled — names the user corrected in the grid win over the
 * file — and the login recorded as its 'fisoko' alias.
 */
export function upsertSchool(db: Database, school: SchoolFacts, warnings: string[]): number {
  const municipalityId = school.municipality ? upsertMunicipality(db, school.municipality, school.login) : null;
  let id = findSchool(db, school.login);
  if (id !== null) {
    fillSchool(db, id, { full_name: school.name, municipality_id: municipalityId });
  } else {
    id = insertSchool(db, { municipalityId, login: school.login, name: school.name });
    if (!school.name) {
      warnings.push(
        `ОО ${school.login} ещё не было в базе: она добавлена без названия${municipalityId === null ? ' и муниципалитета' : ''}. ` +
          'Название появится после загрузки отчёта ФИС ОКО «Индивидуальные результаты»; его можно ввести и вручную в таблице school.',
      );
    }
  }
  recordAlias(db, 'fisoko', school.login, school.name, id);
  return id;
}

// ---------- municipalities ----------

/** «Урус-Мартановский район(reg20_m012)»: by ФИС ОКО code, else by region and name, else added. */
export function upsertMunicipality(db: Database, written: string, login: string): number {
  const { name, code, region: regionOfCode } = splitMunicipalityName(written);
  const region = regionOfCode ?? regionOfLogin(login);
  if (code) {
    const id = numberOrNull(queryValue(db, 'SELECT municipality_id FROM municipality WHERE fisoko_code = ?', [code]));
    if (id !== null) return id;
  }
  // Without a region (a directory row with only a РЦОИ code) the name alone decides, if it is unique.
  const sameName = queryObjects<{ municipality_id: number; fisoko_code: string | null }>(
    db,
    region === null
      ? 'SELECT municipality_id, fisoko_code FROM municipality WHERE name = ?'
      : 'SELECT municipality_id, fisoko_code FROM municipality WHERE region_code IS ? AND name = ?',
    region === null ? [name] : [region, name],
  );
  const found = sameName.length === 1 ? sameName[0] : undefined;
  if (found) {
    if (code && !found.fisoko_code) run(db, 'UPDATE municipality SET fisoko_code = ? WHERE municipality_id = ?', [code, found.municipality_id]);
    return found.municipality_id;
  }
  run(db, 'INSERT INTO municipality (region_code, fisoko_code, name) VALUES (?, ?, ?)', [region, code, name]);
  return lastId(db);
}

/** A directory's «Код МСУ» for a municipality. */
export function setMsuCode(db: Database, municipalityId: number, msuCode: string): void {
  run(db, 'UPDATE municipality SET gia_msu_code = ? WHERE municipality_id = ?', [msuCode, municipalityId]);
}

/** A РЦОИ municipality by «Код МСУ» (gia_msu_code) in the region, else added as «МСУ с кодом РЦОИ NNN». */
export function municipalityOfMsuCode(db: Database, msuCode: string, regionCode: string | null): number {
  const found = numberOrNull(
    queryValue(
      db,
      'SELECT municipality_id FROM municipality WHERE gia_msu_code = ? AND (? IS NULL OR region_code IS NULL OR region_code = ?) ORDER BY municipality_id LIMIT 1',
      [msuCode, regionCode, regionCode],
    ),
  );
  if (found !== null) return found;
  run(db, 'INSERT INTO municipality (region_code, gia_msu_code, name) VALUES (?, ?, ?)', [regionCode, msuCode, `МСУ с кодом РЦОИ ${msuCode}`]);
  return lastId(db);
}

/** The region's municipality of that name (a protocol without «Код МСУ»: «Не указан»), added if missing. */
export function municipalityNamed(db: Database, name: string, regionCode: string | null): number {
  const found = numberOrNull(queryValue(db, 'SELECT municipality_id FROM municipality WHERE region_code IS ? AND name = ?', [regionCode, name]));
  if (found !== null) return found;
  run(db, 'INSERT INTO municipality (region_code, name) VALUES (?, ?)', [regionCode, name]);
  return lastId(db);
}
