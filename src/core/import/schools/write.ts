import type { Database, SqlValue } from '../../db.ts';
import { queryObjects, queryValue } from '../../db.ts';
import type { ParticipantRow } from '../records.ts';
import { regionOfLogin, splitMunicipalityName, twinLogin } from './names.ts';

export interface SchoolFacts {
  login: string;
  name: string | null;
  municipality: string | null;
  rows: number;
}

function numberOrNull(value: SqlValue): number | null {
  return typeof value === 'number' ? value : null;
}

export function schoolsOf(rows: readonly ParticipantRow[]): SchoolFacts[] {
  const byLogin = new Map<string, SchoolFacts>();
  for (const row of rows) {
    const login = row.schoolLogin!;
    const known = byLogin.get(login);
    if (!known) byLogin.set(login, { login, name: row.schoolName, municipality: row.municipalityName, rows: 1 });
    else {
      known.name ??= row.schoolName;
      known.municipality ??= row.municipalityName;
      known.rows++;
    }
  }
  return [...byLogin.values()];
}

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
    if (code && !found.fisoko_code) db.run('UPDATE municipality SET fisoko_code = ? WHERE municipality_id = ?', [code, found.municipality_id]);
    return found.municipality_id;
  }
  db.run('INSERT INTO municipality (region_code, fisoko_code, name) VALUES (?, ?, ?)', [region, code, name]);
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

/** A login may be known through the alias crosswalk, as school.fisoko_login, or in its sch/edu twin spelling. */
export function findSchool(db: Database, login: string): number | null {
  for (const code of [login, twinLogin(login)]) {
    if (!code) continue;
    const viaAlias = numberOrNull(queryValue(db, "SELECT school_id FROM school_code_alias WHERE source = 'fisoko' AND code = ?", [code]));
    if (viaAlias !== null) return viaAlias;
    const direct = numberOrNull(queryValue(db, 'SELECT school_id FROM school WHERE fisoko_login = ?', [code]));
    if (direct !== null) return direct;
  }
  return null;
}

export function upsertSchool(db: Database, school: SchoolFacts, warnings: string[]): number {
  const municipalityId = school.municipality ? upsertMunicipality(db, school.municipality, school.login) : null;
  let id = findSchool(db, school.login);
  if (id !== null) {
    // Names the user corrected in the grid win over the file.
    db.run('UPDATE school SET full_name = COALESCE(full_name, ?), municipality_id = COALESCE(municipality_id, ?) WHERE school_id = ?', [
      school.name,
      municipalityId,
      id,
    ]);
  } else {
    db.run('INSERT INTO school (municipality_id, fisoko_login, full_name) VALUES (?, ?, ?)', [municipalityId, school.login, school.name]);
    id = Number(queryValue(db, 'SELECT last_insert_rowid()'));
    if (!school.name) {
      warnings.push(
        `ОО ${school.login} ещё не было в базе: она добавлена без названия${municipalityId === null ? ' и муниципалитета' : ''}. ` +
          'Название появится после загрузки отчёта ФИС ОКО «Индивидуальные результаты»; его можно ввести и вручную в таблице school.',
      );
    }
  }
  db.run("INSERT OR IGNORE INTO school_code_alias (source, code, name_seen, school_id) VALUES ('fisoko', ?, ?, ?)", [school.login, school.name, id]);
  return id;
}
