import type { Database } from '../db.ts';
import { queryObjects, queryValue } from '../db.ts';

/** A subject given by its code ('rus') or by any name in subject_code_alias ('Русский язык'). */
export function findSubjectCode(db: Database, nameOrCode: string): string | null {
  const text = nameOrCode.trim();
  const byCode = queryValue(db, 'SELECT subject_code FROM subject WHERE subject_code = ?', [text]);
  if (typeof byCode === 'string') return byCode;
  const folded = text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  const byName = queryValue(
    db,
    "SELECT subject_code FROM subject_code_alias WHERE source = 'name' AND replace(code, 'ё', 'е') = ? ORDER BY subject_code LIMIT 1",
    [folded],
  );
  return typeof byName === 'string' ? byName : null;
}

export function subjectName(db: Database, code: string): string {
  const name = queryValue(db, 'SELECT name FROM subject WHERE subject_code = ?', [code]);
  return typeof name === 'string' ? name : code;
}

/** The subject named in free text (a file name): the longest known name it contains. */
export function guessSubjectCode(db: Database, text: string): string | undefined {
  const folded = text.toLowerCase().replace(/ё/g, 'е');
  const names = queryObjects<{ code: string; subject_code: string }>(
    db,
    "SELECT code, subject_code FROM subject_code_alias WHERE source = 'name' ORDER BY length(code) DESC, code",
  );
  return names.find((alias) => folded.includes(alias.code.replace(/ё/g, 'е')))?.subject_code;
}
