/**
 * A person named in a seed table (medal candidates, term marks) → student_id, with the keys the
 * РЦОИ protocols use (persons/person-key.ts: HMAC with the session's key in oko_secret), so that the
 * same pupil is one student whichever file came first:
 *
 *  1. with a document («Документ», or «Серия» + «Номер»): the key ФИО + document — exactly the
 *     key of a protocol row with that document (ЕГЭ, ГВЭ);
 *  2. the key ФИО + РЦОИ code of the row's ОО — the key of a protocol row without a document
 *     (the ОГЭ «Протокол проверки результатов»); tried for every РЦОИ code of the ОО;
 *  3. without a document only: the ФИО-only key (person_name_key) among students who have a
 *     result in the row's ОО — as the ОГЭ appeal export is matched (rcoi/write-appeal.ts). Two
 *     such students (namesakes in one ОО) → an error asking for the document;
 *  4. nobody found: a new student with the key of step 1 (with a document) or step 2 (the ОО's
 *     first РЦОИ code; an ОО without one gets «oo:<school_id>»), so a protocol loaded later, or
 *     the same table loaded again, finds the same student.
 *
 * ФИО and document reach the database only through person_name, and only with «хранить ФИО»
 * (ImportContext.keepNames); messages and warnings never quote them.
 */
import type { Database } from '../../../db.ts';
import { queryAll, queryValue } from '../../../db.ts';
import type { PersonFields } from '../../persons/person-key.ts';
import { hasPerson, loadOrCreateSecret, normalizeDocument, normalizeName, personKeyer, storeSecret } from '../../persons/person-key.ts';

export type LinkedBy = 'document' | 'school' | 'name' | 'new';

export type LinkOutcome = { studentId: number; by: LinkedBy } | { ambiguous: number } | null;

function splitFullName(fullName: string): [string | null, string | null, string | null] {
  const [surname = null, name = null, ...rest] = fullName.trim().split(/\s+/);
  return [surname, name, rest.length ? rest.join(' ') : null];
}

export class PersonLinker {
  private readonly keyer: ReturnType<typeof personKeyer>;
  private readonly codes = new Map<number, string[]>();

  constructor(
    private readonly db: Database,
    private readonly keepNames: boolean,
  ) {
    const secret = loadOrCreateSecret(db);
    // Inside the import's savepoint: a failed import leaves no key behind.
    if (secret.isNew) storeSecret(db, secret.key);
    this.keyer = personKeyer(secret.key);
  }

  /** РЦОИ codes of the ОО (aliases and gia_code), else «oo:<id>»: the school part of a key without a document. */
  codesOf(schoolId: number): string[] {
    let codes = this.codes.get(schoolId);
    if (!codes) {
      const found = queryAll(
        this.db,
        `SELECT code FROM school_code_alias WHERE source = 'rcoi' AND school_id = ?
         UNION SELECT gia_code FROM school WHERE school_id = ? AND gia_code IS NOT NULL ORDER BY 1`,
        [schoolId, schoolId],
      ).rows.map((row) => String(row[0]));
      codes = [...found, `oo:${schoolId}`];
      this.codes.set(schoolId, codes);
    }
    return codes;
  }

  private studentOf(personKey: string): number | null {
    const id = queryValue(this.db, 'SELECT student_id FROM student WHERE person_key = ?', [personKey]);
    return typeof id === 'number' ? id : null;
  }

  /** student_id of the person, found or created (see the rules above); null when the row names nobody. */
  link(person: PersonFields, schoolId: number): LinkOutcome {
    if (!hasPerson(person)) return null;
    const withDocument = person.document !== null && normalizeDocument(person.document) !== '';
    const noDocument: PersonFields = { ...person, document: null };
    const codes = this.codesOf(schoolId);
    let outcome: { studentId: number; by: LinkedBy } | null = null;
    if (withDocument) {
      const id = this.studentOf(this.keyer(person, '').personKey);
      if (id !== null) outcome = { studentId: id, by: 'document' };
    }
    if (!outcome) {
      for (const code of codes) {
        const id = this.studentOf(this.keyer(noDocument, code).personKey);
        if (id !== null) {
          outcome = { studentId: id, by: 'school' };
          break;
        }
      }
    }
    const { nameKey } = this.keyer(noDocument, codes[0]);
    if (!outcome && !withDocument) {
      const ids = queryAll(
        this.db,
        `SELECT DISTINCT k.student_id FROM person_name_key k
         WHERE k.name_key = ? AND EXISTS (SELECT 1 FROM result r WHERE r.student_id = k.student_id AND r.school_id = ?)
         ORDER BY 1 LIMIT 2`,
        [nameKey, schoolId],
      ).rows.map((row) => Number(row[0]));
      if (ids.length > 1) return { ambiguous: ids.length };
      if (ids.length === 1) outcome = { studentId: ids[0], by: 'name' };
    }
    if (!outcome) {
      const personKey = withDocument ? this.keyer(person, '').personKey : this.keyer(noDocument, codes[0]).personKey;
      this.db.run('INSERT INTO student (person_key) VALUES (?)', [personKey]);
      outcome = { studentId: Number(queryValue(this.db, 'SELECT last_insert_rowid()')), by: 'new' };
    }
    this.db.run('INSERT OR IGNORE INTO person_name_key (name_key, student_id) VALUES (?, ?)', [nameKey, outcome.studentId]);
    if (this.keepNames) this.keepName(outcome.studentId, person);
    return outcome;
  }

  private keepName(id: number, person: PersonFields): void {
    const [surname, name, patronymic] = person.fullName !== null ? splitFullName(person.fullName) : [person.surname, person.name, person.patronymic];
    const clean = (text: string | null) => (text === null ? null : normalizeName(text) === '' ? null : text.trim());
    this.db.run(
      `INSERT INTO person_name (student_id, surname, name, patronymic, document) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (student_id) DO UPDATE SET surname = COALESCE(excluded.surname, surname), name = COALESCE(excluded.name, name),
         patronymic = COALESCE(excluded.patronymic, patronymic), document = COALESCE(excluded.document, document)`,
      [id, clean(surname), clean(name), clean(patronymic), clean(person.document)],
    );
  }
}

/**
 * The person columns of a row (layouts.ts PERSON_COLUMNS). «Серия» + «Номер» count together; a
 * number alone only under the header «Номер документа» (a bare «Номер» may be the row number).
 */
export function personOf(values: Record<string, string | number | null>, numberAlone = false): PersonFields {
  const text = (key: string) => {
    const value = values[key];
    return value === null || value === undefined || String(value).trim() === '' ? null : String(value).trim();
  };
  const series = text('series');
  const number = text('number');
  const document = text('document') ?? (series !== null && number !== null ? `${series} ${number}` : numberAlone ? number : null);
  return { surname: text('surname'), name: text('name'), patronymic: text('patronymic'), fullName: text('full_name'), document };
}
