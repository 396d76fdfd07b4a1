import type { Database } from '../../db.ts';
import { queryValue } from '../../db.ts';
import { createHmac } from './hmac.ts';

/** What a protocol row says about a person; every part may be missing. */
export interface PersonFields {
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  /** «ФИО» in one cell (the ОГЭ appeal export) */
  fullName: string | null;
  /** «Документ», or «Серия» + «Номер» */
  document: string | null;
}

export interface PersonKeys {
  /** student.person_key */
  personKey: string;
  /** person_name_key.name_key: the ФИО alone, to find a person in exports that omit the document */
  nameKey: string;
}

/** oko_secret.name of the HMAC key (64 hex digits) */
export const SECRET_NAME = 'person_key_hmac';

/** Upper case, ё→Ё→Е, single spaces: «  иванов  Пётр » and «ИВАНОВ ПЕТР» are one person. */
export function normalizeName(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .trim()
    .toUpperCase()
    .replace(/Ё/g, 'Е')
    .replace(/\s+/g, ' ');
}

/** Series and number however they were typed: «96 23 123456», «9623 123456», «9623123456». */
export function normalizeDocument(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-ZА-ЯЁ]/g, '');
}

export function fullNameOf(person: PersonFields): string {
  const parts = person.fullName !== null ? [person.fullName] : [person.surname, person.name, person.patronymic];
  return normalizeName(parts.filter((part) => part !== null).join(' '));
}

export function hasPerson(person: PersonFields): boolean {
  return fullNameOf(person) !== '';
}

/**
 * Marks the key as public: the prebuilt demo session's key (src/engine/demo-session.ts) is fixed so
 * that its file is byte-identical between builds, and anyone can compute it. Such a key is never
 * used for new data: the first import that needs a person key replaces it by a random one
 * (loadOrCreateSecret), so whatever a user adds to a demo session depends on a secret nobody else
 * has. The demo's invented people keep the keys they were built with, so their links stay.
 */
const PUBLIC_MARK = 'person_key_hmac_public';

/** The key is the prebuilt demo's public one (see PUBLIC_MARK): nothing to keep secret. */
export function isSecretPublic(db: Database): boolean {
  return queryValue(db, 'SELECT 1 FROM oko_secret WHERE name = ?', [PUBLIC_MARK]) !== null;
}

/** The session's key, or a fresh one (not yet stored: storeSecret() writes it with the import). */
export function loadOrCreateSecret(db: Database): { key: Uint8Array; isNew: boolean } {
  const stored = queryValue(db, 'SELECT value FROM oko_secret WHERE name = ?', [SECRET_NAME]);
  if (!isSecretPublic(db) && typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) {
    return { key: Uint8Array.from(stored.match(/../g)!, (byte) => parseInt(byte, 16)), isNew: false };
  }
  return { key: globalThis.crypto.getRandomValues(new Uint8Array(32)), isNew: true };
}

export function storeSecret(db: Database, key: Uint8Array): void {
  const hex = Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
  db.run('INSERT OR REPLACE INTO oko_secret (name, value) VALUES (?, ?)', [SECRET_NAME, hex]);
  db.run('DELETE FROM oko_secret WHERE name = ?', [PUBLIC_MARK]);
}

/** After the prebuilt demo's files are imported: its fixed key is public from now on (see PUBLIC_MARK). */
export function markSecretPublic(db: Database): void {
  db.run("INSERT OR REPLACE INTO oko_secret (name, value) VALUES (?, '1')", [PUBLIC_MARK]);
}

/**
 * Keyed hashes of a person. With a document the key is ФИО + document. Without one (the ОГЭ
 * «Протокол проверки результатов» has none) it is ФИО + РЦОИ school code: one person's exams in
 * a year come from one ОО, and namesakes in different ОО stay apart.
 */
export function personKeyer(key: Uint8Array): (person: PersonFields, schoolCode: string) => PersonKeys {
  const hmac = createHmac(key);
  return (person, schoolCode) => {
    const name = fullNameOf(person);
    const document = person.document === null ? '' : normalizeDocument(person.document);
    const material = document ? `doc\u001f${name}\u001f${document}` : `school\u001f${name}\u001f${schoolCode}`;
    return { personKey: hmac(material), nameKey: hmac(`name\u001f${name}`) };
  };
}
