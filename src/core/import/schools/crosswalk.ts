/**
 * The ФИС ОКО ↔ РЦОИ school crosswalk (pure functions over the database; the screen comes later).
 * A РЦОИ protocol that names an unknown «Код ОО» creates a placeholder school (see pipeline/registry.ts);
 * here the user sees those codes, gets suggestions, and merges a placeholder into the real school.
 */
import type { Database, SqlValue } from '../../db.ts';
import { queryObjects, queryValue, quoteIdent, transaction } from '../../db.ts';
import { nameSimilarity, schoolNumbers } from './match.ts';
import { aliasedSchool, deleteSchool, fillSchool, recordAlias } from './write.ts';

export interface UnmatchedCode {
  code: string;
  nameSeen: string | null;
  /** the placeholder school */
  schoolId: number;
  municipality: string | null;
  /** result rows the placeholder holds */
  results: number;
}

/**
 * A placeholder: made by a protocol import — no ФИС ОКО login or alias, and not listed in a school
 * directory (which writes an alias with source 'directory'); known by an 'rcoi' alias.
 */
const PLACEHOLDER = `s.fisoko_login IS NULL AND s.is_active = 1
  AND NOT EXISTS (SELECT 1 FROM school_code_alias f WHERE f.school_id = s.school_id AND f.source IN ('fisoko', 'directory'))`;

export function isPlaceholder(db: Database, schoolId: number): boolean {
  const found = queryValue(
    db,
    `SELECT 1 FROM school s WHERE s.school_id = ? AND ${PLACEHOLDER}
       AND EXISTS (SELECT 1 FROM school_code_alias r WHERE r.school_id = s.school_id AND r.source = 'rcoi')`,
    [schoolId],
  );
  return found === 1;
}

/** РЦОИ codes that still point at a placeholder school, most results first. */
export function unmatchedRcoiCodes(db: Database): UnmatchedCode[] {
  return queryObjects<{ code: string; name_seen: string | null; school_id: number; municipality: string | null; results: number }>(
    db,
    `SELECT a.code, COALESCE(a.name_seen, s.full_name) AS name_seen, s.school_id, m.name AS municipality,
            (SELECT COUNT(*) FROM result r WHERE r.school_id = s.school_id) AS results
     FROM school_code_alias a JOIN school s ON s.school_id = a.school_id
     LEFT JOIN municipality m ON m.municipality_id = s.municipality_id
     WHERE a.source = 'rcoi' AND ${PLACEHOLDER}
     ORDER BY results DESC, a.code`,
  ).map((row) => ({ code: row.code, nameSeen: row.name_seen, schoolId: row.school_id, municipality: row.municipality, results: row.results }));
}

export interface MatchSuggestion {
  schoolId: number;
  login: string | null;
  name: string | null;
  municipality: string | null;
  /** 0…1 */
  score: number;
  /** Russian, for the screen: why this school is suggested */
  reasons: string[];
}

const MIN_SCORE = 0.4;
const SAME_NUMBER_BONUS = 0.1;
const OTHER_NUMBER_FACTOR = 0.5;
const SAME_MUNICIPALITY_BONUS = 0.1;
const CODE_IN_LOGIN_BONUS = 0.5;

interface Candidate {
  school_id: number;
  fisoko_login: string | null;
  full_name: string | null;
  short_name: string | null;
  gia_code: string | null;
  municipality_id: number | null;
  municipality: string | null;
  msu: string | null;
}

// A protocol that names no school gets a made-up name («ОО с кодом РЦОИ 9306», rcoi/schools.ts): it says nothing.
const SYNTHETIC_NAME = /^ОО с кодом РЦОИ /;

/** Real schools that may be the one behind a РЦОИ code: by name similarity and by code. */
export function suggestMatches(db: Database, code: string, limit = 5): MatchSuggestion[] {
  const placeholder = queryObjects<{ school_id: number; name: string | null; municipality_id: number | null; msu: string | null }>(
    db,
    `SELECT s.school_id, COALESCE(a.name_seen, s.full_name) AS name, s.municipality_id, m.gia_msu_code AS msu
     FROM school_code_alias a JOIN school s ON s.school_id = a.school_id LEFT JOIN municipality m ON m.municipality_id = s.municipality_id
     WHERE a.source = 'rcoi' AND a.code = ?`,
    [code],
  )[0];
  const seen = placeholder?.name && !SYNTHETIC_NAME.test(placeholder.name) ? placeholder.name : '';
  const candidates = queryObjects<Candidate>(
    db,
    `SELECT s.school_id, s.fisoko_login, s.full_name, s.short_name, s.gia_code, s.municipality_id, m.name AS municipality, m.gia_msu_code AS msu
     FROM school s LEFT JOIN municipality m ON m.municipality_id = s.municipality_id
     WHERE s.school_id IS NOT ? AND NOT (${PLACEHOLDER})`,
    [placeholder?.school_id ?? null],
  );
  const suggestions: MatchSuggestion[] = [];
  for (const candidate of candidates) {
    const reasons: string[] = [];
    let score = 0;
    const names = [candidate.full_name, candidate.short_name].filter((name): name is string => !!name);
    if (seen && names.length) {
      const similarity = Math.max(...names.map((name) => nameSimilarity(seen, name)));
      score = similarity;
      if (similarity >= MIN_SCORE) reasons.push(`похожее название (${Math.round(similarity * 100)} %)`);
      const ours = schoolNumbers(seen).join(',');
      const theirs = schoolNumbers(names[0]).join(',');
      if (ours && theirs && ours === theirs) {
        score += SAME_NUMBER_BONUS;
        reasons.push('тот же номер в названии');
      } else if (ours && theirs) score *= OTHER_NUMBER_FACTOR;
    }
    if (candidate.gia_code === code) {
      score = Math.max(score, 0.95);
      reasons.push('этот код РЦОИ уже записан у ОО');
    }
    const digits = candidate.fisoko_login?.replace(/^\D+/, '') ?? '';
    if (code.length >= 4 && digits.endsWith(code)) {
      score += CODE_IN_LOGIN_BONUS;
      reasons.push('код РЦОИ совпадает с цифрами логина ФИС ОКО');
    }
    const sameMunicipality =
      (placeholder?.municipality_id != null && placeholder.municipality_id === candidate.municipality_id) ||
      (!!placeholder?.msu && placeholder.msu === candidate.msu);
    if (sameMunicipality) {
      score += SAME_MUNICIPALITY_BONUS;
      reasons.push('тот же муниципалитет');
    }
    if (score < MIN_SCORE) continue;
    suggestions.push({
      schoolId: candidate.school_id,
      login: candidate.fisoko_login,
      name: candidate.full_name ?? candidate.short_name,
      municipality: candidate.municipality,
      score: Math.min(1, Math.round(score * 100) / 100),
      reasons,
    });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.schoolId - b.schoolId).slice(0, limit);
}

export interface MergeOutcome {
  /** rows moved to the kept school, per table */
  moved: Record<string, number>;
  /** rows dropped because the kept school already had the same key (its value wins), per table */
  dropped: Record<string, number>;
}

const FILLED_FROM_MERGED = ['municipality_id', 'gia_code', 'full_name', 'short_name', 'settlement_type', 'school_type', 'ownership'];

/** Every table with a school_id column, except school itself and the user's own tables. */
/** Tables whose rows belong to an ОО; the aggregates (agg_*) are not moved but recomputed from the moved results. */
function tablesWithSchool(db: Database): string[] {
  const tables = queryObjects<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'school'
       AND name NOT LIKE 'agg\\_%' ESCAPE '\\' AND name NOT LIKE 'oko\\_agg\\_%' ESCAPE '\\'
       AND name NOT IN (SELECT table_name FROM oko_user_table) ORDER BY name`,
  );
  return tables
    .map((table) => table.name)
    .filter((name) => queryObjects<{ name: string }>(db, `PRAGMA table_info(${quoteIdent(name)})`).some((column) => column.name === 'school_id'));
}

function schoolRow(db: Database, id: number): Record<string, SqlValue> | undefined {
  return queryObjects<Record<string, SqlValue>>(db, 'SELECT * FROM school WHERE school_id = ?', [id])[0];
}

/**
 * Moves everything of `fromSchoolId` (results, aliases, flags, clusters, attributes, …) to
 * `intoSchoolId` and deletes the former, in one transaction. Fails, changing nothing, when both
 * hold a result for the same participant of the same work.
 */
export function mergeSchool(db: Database, fromSchoolId: number, intoSchoolId: number): MergeOutcome {
  return transaction(db, () => {
    const from = schoolRow(db, fromSchoolId);
    const into = schoolRow(db, intoSchoolId);
    if (!from || !into) throw new Error(`ОО с номером ${!from ? fromSchoolId : intoSchoolId} нет в базе — объединять нечего.`);
    if (fromSchoolId === intoSchoolId) throw new Error('Нельзя объединить ОО саму с собой.');
    const clashes = Number(
      queryValue(
        db,
        `SELECT COUNT(*) FROM result a JOIN result b ON b.assessment_id = a.assessment_id AND b.participant_code = a.participant_code
         WHERE a.school_id = ? AND b.school_id = ?`,
        [fromSchoolId, intoSchoolId],
      ),
    );
    if (clashes > 0) {
      throw new Error(
        `ОО не объединены: у обеих есть результаты участников с одинаковыми кодами в одних и тех же работах (${clashes}). ` +
          'Возможно, один и тот же протокол загружен дважды под разными кодами ОО. Удалите лишнюю загрузку и повторите.',
      );
    }
    const moved: Record<string, number> = {};
    const dropped: Record<string, number> = {};
    for (const table of tablesWithSchool(db)) {
      const t = quoteIdent(table);
      db.run(`UPDATE OR IGNORE ${t} SET school_id = ? WHERE school_id = ?`, [intoSchoolId, fromSchoolId]);
      const n = db.getRowsModified();
      if (n) moved[table] = n;
      db.run(`DELETE FROM ${t} WHERE school_id = ?`, [fromSchoolId]);
      const d = db.getRowsModified();
      if (d) dropped[table] = d;
    }
    const fromLogin = typeof from.fisoko_login === 'string' ? from.fisoko_login : null;
    const intoLogin = typeof into.fisoko_login === 'string' ? into.fisoko_login : null;
    if (fromLogin && intoLogin) {
      db.run("UPDATE OR IGNORE fisoko_agg SET entity = ? WHERE level = 'school' AND entity = ?", [intoLogin, fromLogin]);
      db.run("DELETE FROM fisoko_agg WHERE level = 'school' AND entity = ?", [fromLogin]);
    }
    deleteSchool(db, fromSchoolId);
    const filled = Object.fromEntries(
      FILLED_FROM_MERGED.map((column) => [column, column === 'full_name' && SYNTHETIC_NAME.test(String(from[column] ?? '')) ? null : (from[column] ?? null)]),
    );
    fillSchool(db, intoSchoolId, { ...filled, fisoko_login: fromLogin });
    // The merged school's login now names the kept one (unless an alias of that login came over with the rows above).
    if (fromLogin && aliasedSchool(db, 'fisoko', fromLogin) === null) {
      recordAlias(db, 'fisoko', fromLogin, typeof from.full_name === 'string' ? from.full_name : null, intoSchoolId);
    }
    return { moved, dropped };
  });
}
