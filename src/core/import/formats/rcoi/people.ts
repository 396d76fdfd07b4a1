import type { Database, Statement } from 'sql.js';
import { queryValue } from '../../../db.ts';
import type { PersonFields, PersonKeys } from '../../persons/person-key.ts';
import { hasPerson, loadOrCreateSecret, normalizeName, personKeyer, storeSecret } from '../../persons/person-key.ts';

function splitFullName(fullName: string): [string | null, string | null, string | null] {
  const [surname = null, name = null, ...rest] = fullName.trim().split(/\s+/);
  return [surname, name, rest.length ? rest.join(' ') : null];
}

/**
 * Students of this import by keyed hash. Names and documents reach the database only through
 * person_name, and only when the user asked to keep them (ImportContext.keepNames).
 */
export class People {
  private readonly keyer: (person: PersonFields, schoolCode: string) => PersonKeys;
  private readonly ids = new Map<string, number>();
  private lastId: number;
  private readonly findStudent: Statement;
  private readonly insertStudent: Statement;
  private readonly insertNameKey: Statement;
  private readonly insertName: Statement;

  constructor(
    db: Database,
    private readonly keepNames: boolean,
  ) {
    const secret = loadOrCreateSecret(db);
    // Stored inside the import's savepoint: a failed import leaves no key behind either.
    if (secret.isNew) storeSecret(db, secret.key);
    this.keyer = personKeyer(secret.key);
    this.findStudent = db.prepare('SELECT student_id FROM student WHERE person_key = ?');
    this.insertStudent = db.prepare('INSERT INTO student (student_id, person_key) VALUES (?, ?)');
    this.lastId = Number(queryValue(db, 'SELECT COALESCE(MAX(student_id), 0) FROM student'));
    this.insertNameKey = db.prepare('INSERT OR IGNORE INTO person_name_key (name_key, student_id) VALUES (?, ?)');
    this.insertName = db.prepare(
      `INSERT INTO person_name (student_id, surname, name, patronymic, document) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (student_id) DO UPDATE SET surname = COALESCE(excluded.surname, surname), name = COALESCE(excluded.name, name),
         patronymic = COALESCE(excluded.patronymic, patronymic), document = COALESCE(excluded.document, document)`,
    );
  }

  keys(person: PersonFields, schoolCode: string): PersonKeys {
    return this.keyer(person, schoolCode);
  }

  /** student_id of the person (created on first sight), or null when the row names nobody. */
  studentId(person: PersonFields, schoolCode: string): number | null {
    if (!hasPerson(person)) return null;
    const { personKey, nameKey } = this.keyer(person, schoolCode);
    let id = this.ids.get(personKey);
    if (id === undefined) {
      this.findStudent.bind([personKey]);
      id = this.findStudent.step() ? (this.findStudent.get()[0] as number) : undefined;
      this.findStudent.reset();
      if (id === undefined) {
        id = ++this.lastId;
        this.insertStudent.run([id, personKey]);
      }
      this.ids.set(personKey, id);
      this.insertNameKey.run([nameKey, id]);
    }
    if (this.keepNames) this.keepName(id, person);
    return id;
  }

  private keepName(id: number, person: PersonFields): void {
    const [surname, name, patronymic] = person.fullName !== null ? splitFullName(person.fullName) : [person.surname, person.name, person.patronymic];
    const clean = (text: string | null) => (text === null ? null : normalizeName(text) === '' ? null : text.trim());
    this.insertName.run([id, clean(surname), clean(name), clean(patronymic), clean(person.document)]);
  }

  free(): void {
    this.findStudent.free();
    this.insertStudent.free();
    this.insertNameKey.free();
    this.insertName.free();
  }
}
