import initSqlJs from '../../wasm/node.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryAll } from '../../src/core/db.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import { previewSheet } from '../../src/core/import/index.ts';
import { personKeyer, type PersonFields } from '../../src/core/import/persons/person-key.ts';
import { readSecret } from '../../src/core/session-file/copies.ts';
import { parseWrappedKey, unwrapKey, wrapKey } from '../../src/core/session-file/key-wrap.ts';
import { Engine } from '../../src/engine/engine.ts';
import * as F from '../fixtures/generate.ts';
import * as R from '../fixtures/rcoi.ts';
import * as S from '../fixtures/seed-tables.ts';

const SQL = await initSqlJs();

const payload = (f: ImportFile, keepNames = true) => ({ name: f.name, bytes: f.bytes, context: { keepNames } });

const values = (db: Database, sql: string) => queryAll(db, sql).rows;
const single = (db: Database, sql: string) => values(db, sql)[0][0];

/**
 * A session a methodist might download: ЕГЭ and ОГЭ protocols and medal candidates imported with
 * «Хранить ФИО» on, a list of pupils opened «как таблицу», a table of names made in the console,
 * a name typed into a cell (the edit log), a console query that quotes a name (the workspace).
 */
async function sessionWithNames(): Promise<{ engine: Engine; people: Person[] }> {
  const engine = new Engine(SQL);
  const outcomes = await engine.importFiles({
    files: [payload(R.egeRusCsv()), payload(R.ogeTwoBlockXlsx()), payload(R.ogeMathXls()), payload(S.medalCandidates())],
  });
  expect(outcomes.every((o) => o.ok)).toBe(true);
  const list = F.unknownTable(); // «Фамилия», «Имя», «Класс», «Оценка»: Иванов Иван
  const sheet = previewSheet(list).sheets[0];
  expect(
    await engine.importUserTable({ ...list, sheet: sheet.name, headerRow: sheet.suggestedHeaderRow, tableName: 'список', columns: sheet.columns }),
  ).toMatchObject({ ok: true });
  // the attacker's list holds the real names: taken before the edit below
  const people = nameList(engine.database);
  engine.runSql({ sql: 'CREATE TABLE мои_фио AS SELECT surname, name, document FROM person_name' });
  engine.runSql({ sql: 'CREATE VIEW фио_и_отметки AS SELECT p.surname, r.mark FROM person_name p JOIN result r USING (student_id)' });
  const rowKey = Number(single(engine.database, "SELECT rowid FROM person_name WHERE surname = 'Мусаева'"));
  expect(engine.updateCell({ table: 'person_name', rowKey, column: 'surname', value: 'Мусаева-Козлова' })).toMatchObject({ ok: true });
  engine.setWorkspace({ key: 'ui', value: JSON.stringify({ tabs: [], active: -1, sql: "SELECT * FROM person_name WHERE surname = 'Бисултанов'" }) });
  return { engine, people };
}

interface Person extends PersonFields {
  label: string;
}

/** The attacker's name list: every person of the fixtures, with their documents (as the session kept them). */
function nameList(db: Database): Person[] {
  return values(db, 'SELECT surname, name, patronymic, document FROM person_name ORDER BY student_id').map(([surname, name, patronymic, document]) => ({
    label: `${surname} ${name}`,
    surname: surname as string | null,
    name: name as string | null,
    patronymic: patronymic as string | null,
    fullName: null,
    document: document as string | null,
  }));
}

/** Every 64-hex-digit window of every run of hex digits: values may sit next to hex-looking bytes («…hmac» + key). */
function hex64(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/[0-9a-f]{64,}/g) ?? []) for (let i = 0; i + 64 <= run.length; i++) out.add(run.slice(i, i + 64));
  return out;
}
const BASE64_32 = /[A-Za-z0-9+/]{43}=/g;

/**
 * The name-list attack of issue 9 (finding 5) on a downloaded file: take every value in the file
 * that could be the key (64 hex digits anywhere in it, 32-byte blobs, 32 bytes in base64), HMAC
 * every person of the list with it — with the document, with every school code of the file, and
 * the ФИО alone — and count the people whose person key or ФИО key is in the file.
 */
function attack(bytes: Uint8Array, people: Person[]): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const stored = hex64(text);
  const candidates = new Set<string>(stored);
  for (const b64 of text.match(BASE64_32) ?? []) candidates.add(Buffer.from(b64, 'base64').toString('hex'));
  const db = new SQL.Database(bytes);
  const codes: string[] = [];
  try {
    for (const [table] of values(db, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
      for (const row of values(db, `SELECT * FROM "${String(table)}"`)) {
        for (const value of row) if (value instanceof Uint8Array && value.length === 32) candidates.add(Buffer.from(value).toString('hex'));
      }
    }
    codes.push(
      ...values(
        db,
        "SELECT gia_code FROM school WHERE gia_code IS NOT NULL UNION SELECT code FROM school_code_alias UNION SELECT 'oo:' || school_id FROM school",
      ).map((r) => String(r[0])),
    );
  } finally {
    db.close();
  }
  const recovered = new Set<string>();
  for (const candidate of candidates) {
    const keyer = personKeyer(Uint8Array.from(Buffer.from(candidate, 'hex')));
    for (const person of people) {
      const tries = [keyer(person, ''), ...codes.map((code) => keyer({ ...person, document: null }, code))];
      if (tries.some((keys) => stored.has(keys.personKey) || stored.has(keys.nameKey))) recovered.add(person.label);
    }
  }
  return [...recovered];
}

/** Every surname, name, patronymic and document of the fixtures, in the case forms a file could hold. */
function nameTexts(people: Person[]): string[] {
  const texts = new Set<string>([...R.SURNAMES, ...S.SEED_SURNAMES, 'Мусаева-Козлова']);
  for (const person of people)
    for (const part of [person.surname, person.name, person.patronymic, person.document]) if (part && part.length >= 4) texts.add(part);
  expect(texts.size).toBeGreaterThan(30);
  return [...texts].flatMap((t) => [t, t.toUpperCase(), t.toLowerCase()]);
}

function found(bytes: Uint8Array, texts: string[]): string[] {
  const buffer = Buffer.from(bytes);
  return texts.filter((t) => buffer.includes(Buffer.from(t, 'utf8')));
}

function snapshot(engine: Engine): string {
  return JSON.stringify(
    values(engine.database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(([t]) => [
      t,
      values(engine.database, `SELECT * FROM "${String(t)}"`),
    ]),
  );
}

describe('the two downloads: the key never travels in clear, the share copy links nobody', () => {
  let engine: Engine;
  let people: Person[];
  let plain: Uint8Array;

  beforeAll(async () => {
    ({ engine, people } = await sessionWithNames());
    plain = engine.exportDatabase();
  });

  it('the attack works: on the whole session as it is stored in the browser it recovers everyone', () => {
    expect(people.length).toBe(Number(single(engine.database, 'SELECT COUNT(*) FROM person_name')));
    expect(people.length).toBe(8);
    expect(attack(plain, people).sort()).toEqual(people.map((p) => p.label).sort());
    expect(found(plain, nameTexts(people)).length).toBeGreaterThan(0);
  });

  it('«Для передачи коллеге»: no key, no person keys, no names, no own tables — the results keep their rows', async () => {
    // a справка whose text the user wrote with a pupil's name in it
    const surname = String(people[0].surname);
    await engine.appendSection({ section: { id: 'new', kind: 'text', title: 'Заметки', paragraph: `Поговорить с ${surname}.`, drafted: '', notes: [] } });
    expect(found(engine.exportDatabase(), [surname])).toEqual([surname]);
    const before = snapshot(engine);
    const revision = engine.saveRevision();
    const share = await engine.exportShare();
    expect(snapshot(engine)).toBe(before); // the open session is untouched
    expect(engine.saveRevision()).toBe(revision);

    expect(found(share, nameTexts(people))).toEqual([]);
    expect(attack(share, people)).toEqual([]);
    const personKeys = values(engine.database, 'SELECT person_key FROM student UNION ALL SELECT name_key FROM person_name_key').map((r) => String(r[0]));
    expect(personKeys.length).toBeGreaterThan(0);
    expect(personKeys.filter((key) => Buffer.from(share).includes(Buffer.from(key, 'latin1')))).toEqual([]);

    const copy = new SQL.Database(share);
    const count = (sql: string) => Number(single(copy, sql));
    expect(count('SELECT COUNT(*) FROM oko_secret')).toBe(0);
    expect(count('SELECT COUNT(*) FROM student WHERE person_key IS NOT NULL')).toBe(0);
    expect(count('SELECT COUNT(*) FROM person_name_key')).toBe(0);
    expect(count('SELECT COUNT(*) FROM person_name')).toBe(0);
    expect(count('SELECT COUNT(*) FROM oko_edit_log')).toBe(0);
    expect(count('SELECT COUNT(*) FROM oko_report')).toBe(0);
    expect(count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('список', 'мои_фио', 'фио_и_отметки')")).toBe(0);
    expect(count("SELECT COUNT(*) FROM import_batch WHERE detected_format = 'user_table'")).toBe(0);
    expect(values(copy, 'SELECT key FROM oko_workspace')).toEqual([['file']]);
    expect(JSON.parse(String(single(copy, "SELECT value FROM oko_workspace WHERE key = 'file'")))).toMatchObject({ kind: 'share' });
    // the results keep their rows, and one pupil's exams still go together (student_id without a key)
    const same = (sql: string) => expect(values(copy, sql)).toEqual(values(engine.database, sql));
    same('SELECT result_id, assessment_id, school_id, student_id, mark, primary_score, test_score FROM result ORDER BY 1');
    same('SELECT COUNT(*) FROM task_score');
    same('SELECT student_id, year, degree FROM medal_candidate ORDER BY 1');
    expect(count('SELECT COUNT(*) FROM result')).toBe(3 + 3 + 2);
    copy.close();
  });

  it('«Резервная копия» without a passphrase: the key stays behind, the person links within the file stay', async () => {
    const backup = await engine.exportBackup({});
    expect(attack(backup, people)).toEqual([]);
    const copy = new SQL.Database(backup);
    expect(values(copy, 'SELECT COUNT(*) FROM oko_secret')).toEqual([[0]]);
    // everything else is there: person keys, names kept by choice, own tables, the edit log, the workspace
    for (const table of ['student', 'person_name_key', 'person_name', 'result', 'task_score', 'список', 'мои_фио', 'oko_edit_log', 'oko_report']) {
      expect(values(copy, `SELECT * FROM "${table}"`)).toEqual(values(engine.database, `SELECT * FROM "${table}"`));
    }
    expect(JSON.parse(String(single(copy, "SELECT value FROM oko_workspace WHERE key = 'file'")))).toMatchObject({ kind: 'backup' });
    copy.close();

    const opened = new Engine(SQL);
    opened.open({ bytes: backup });
    expect(opened.sessionKey()).toEqual({ state: 'absent', people: 8, kind: 'backup' });
    // a new key: a pupil of the session in a new file is a new student
    expect(await opened.importFiles({ files: [payload(R.baseMathCsv())] })).toMatchObject([{ ok: true }]);
    expect(single(opened.database, 'SELECT COUNT(*) FROM student')).toBe(8 + 2);
  });

  it('«Резервная копия» with a passphrase: the key is wrapped; the right passphrase restores linking, a wrong one does not', async () => {
    const key = readSecret(engine.database)!;
    const backup = await engine.exportBackup({ passphrase: 'весна-2026 ОГЭ' });
    expect(attack(backup, people)).toEqual([]);
    expect(Buffer.from(backup).includes(Buffer.from(Buffer.from(key).toString('hex'), 'latin1'))).toBe(false);

    const opened = new Engine(SQL);
    opened.open({ bytes: backup });
    expect(opened.sessionKey()).toEqual({ state: 'wrapped', people: 8, kind: 'backup' });
    expect(await opened.unlockPersonKey({ passphrase: 'весна-2025 ОГЭ' })).toEqual({
      ok: false,
      wrongPassphrase: true,
      message: 'Пароль не подходит — ключ участников не расшифрован. Проверьте раскладку и Caps Lock или продолжите без ключа.',
    });
    expect(opened.sessionKey().state).toBe('wrapped');
    expect(await opened.unlockPersonKey({ passphrase: 'весна-2026 ОГЭ' })).toEqual({ ok: true, linked: true });
    expect(opened.sessionKey().state).toBe('present');
    expect(readSecret(opened.database)).toEqual(key);
    expect(values(opened.database, 'SELECT name FROM oko_secret')).toEqual([['person_key_hmac']]);
    // Петрова (ЕГЭ русский, same document) is found again; only Сидоров is new
    expect(await opened.importFiles({ files: [payload(R.baseMathCsv())] })).toMatchObject([{ ok: true }]);
    expect(single(opened.database, 'SELECT COUNT(*) FROM student')).toBe(8 + 1);

    const skipped = new Engine(SQL);
    skipped.open({ bytes: backup });
    expect(await skipped.unlockPersonKey({ passphrase: null })).toEqual({ ok: true, linked: false });
    expect(skipped.sessionKey().state).toBe('present');
    expect(readSecret(skipped.database)).not.toEqual(key);
    expect(values(skipped.database, 'SELECT name FROM oko_secret')).toEqual([['person_key_hmac']]);
    await skipped.importFiles({ files: [payload(R.baseMathCsv())] });
    expect(single(skipped.database, 'SELECT COUNT(*) FROM student')).toBe(8 + 2);
  });

  it('a trigger made in the console stays out of the backup, so the backup opens', async () => {
    const session = new Engine(SQL);
    session.runSql({ sql: 'CREATE TRIGGER mine AFTER INSERT ON result BEGIN UPDATE result SET mark = 5 WHERE result_id = NEW.result_id; END' });
    const backup = await session.exportBackup({});
    expect(values(new SQL.Database(backup), "SELECT name FROM sqlite_master WHERE type = 'trigger'")).toEqual([]);
    expect(() => new Engine(SQL).open({ bytes: backup })).not.toThrow();
  });

  it('a short passphrase is refused before anything is made', async () => {
    await expect(engine.exportBackup({ passphrase: 'ключ' })).rejects.toThrow('Пароль слишком короткий: нужно не меньше 8 знаков.');
  });
});

describe('wrapping the key (PBKDF2 + AES-GCM)', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

  it('unwraps with the passphrase only; a changed byte of the record is a wrong passphrase too', async () => {
    const wrapped = await wrapKey(key, 'правильный пароль');
    expect(wrapped).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA-256', iterations: 600_000 });
    expect(await unwrapKey(wrapped, 'правильный пароль')).toEqual(key);
    expect(await unwrapKey(wrapped, 'неправильный пароль')).toBeNull();
    const data = Buffer.from(wrapped.data, 'base64');
    data[0] ^= 1;
    expect(await unwrapKey({ ...wrapped, data: data.toString('base64') }, 'правильный пароль')).toBeNull();
    // two wraps of one key share nothing: fresh salt and IV each time
    const again = await wrapKey(key, 'правильный пароль');
    expect(again.salt).not.toBe(wrapped.salt);
    expect(again.data).not.toBe(wrapped.data);
  });

  it('a stored record that is not ours, or asks for a weak or endless derivation, is no key at all', async () => {
    const wrapped = await wrapKey(key, 'правильный пароль');
    expect(parseWrappedKey(JSON.stringify(wrapped))).toEqual(wrapped);
    expect(parseWrappedKey(JSON.stringify({ ...wrapped, iterations: 1000 }))).toBeNull();
    expect(parseWrappedKey(JSON.stringify({ ...wrapped, iterations: 1e9 }))).toBeNull();
    expect(parseWrappedKey('<b>не JSON</b>')).toBeNull();
  });
});
