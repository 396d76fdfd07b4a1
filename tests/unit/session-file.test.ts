import initSqlJs from '../../wasm/node.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { MAX_SESSION_BYTES, sessionSizeError } from '../../src/core/schema/session-file.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/core/schema/migrations.ts';
import { Engine } from '../../src/engine/engine.ts';

const SQL = await initSqlJs();

/** A session of one school, two results — what a colleague's file would hold. */
function sessionBytes(change?: string): Uint8Array {
  const engine = new Engine(SQL);
  engine.database.exec(`
    INSERT INTO municipality (municipality_id, name) VALUES (1, 'Тестовый округ');
    INSERT INTO school (school_id, municipality_id, fisoko_login, short_name) VALUES (1, 1, 'edu990001', 'СОШ №1');
    INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (1, 'vpr', 2026, 'rus', 4, 24);
    INSERT INTO result (result_id, assessment_id, school_id, participant_code, primary_score, mark) VALUES (1, 1, 1, '40001', 15, 3), (2, 1, 1, '40002', 22, 5);
    INSERT INTO oko_workspace (key, value) VALUES ('ui', '{"tabs":[],"active":-1,"sql":""}');
  `);
  if (change) engine.database.exec(change);
  return engine.exportDatabase();
}

/** The user's session as it is before they open someone's file: three results. */
function userEngine(): Engine {
  const engine = new Engine(SQL);
  engine.open({ bytes: sessionBytes("INSERT INTO result (result_id, assessment_id, school_id, participant_code, mark) VALUES (3, 1, 1, '40003', 4)") });
  return engine;
}

const results = (engine: Engine) => Number(queryValue(engine.database, 'SELECT COUNT(*) FROM result'));

describe('opening a session file: checked apart, the open session replaced only when it passes', () => {
  let engine: Engine;
  beforeEach(() => {
    engine = userEngine();
  });

  function refused(bytes: Uint8Array, message: RegExp): void {
    expect(() => engine.open({ bytes })).toThrow(message);
    // nothing replaced, nothing lost: the user's three results are still open
    expect(results(engine)).toBe(3);
  }

  it('an Око session opens with its data', () => {
    const opened = engine.open({ bytes: sessionBytes() });
    expect(opened).toMatchObject({ schemaVersion: SCHEMA_VERSION, empty: false, notes: [] });
    expect(results(engine)).toBe(2);
  });

  it('a 0-byte file, a text file and an empty SQLite database are refused', () => {
    refused(new Uint8Array(0), /^Файл пуст \(0 байт\) — это не сессия Око\.$/);
    refused(new TextEncoder().encode('Код;Балл\n1;2\n'), /не является базой SQLite/);
    refused(new SQL.Database().export(), /^Это пустая база SQLite, а не сессия Око\.$/);
  });

  it('a foreign SQLite database (no Око schema version) is refused in Russian, not «table already exists»', () => {
    const foreign = new SQL.Database();
    foreign.exec("CREATE TABLE municipality (id INTEGER, title TEXT); INSERT INTO municipality VALUES (1, 'x')");
    refused(foreign.export(), /^Это база SQLite, но не сессия Око: в ней нет отметки версии схемы Око/);
  });

  it('a damaged file is refused', () => {
    const bytes = sessionBytes();
    // overwrite the second page (the first table's b-tree) with garbage
    bytes.fill(0x5a, 4096, 8192);
    refused(bytes, /^Файл сессии повреждён/);
  });

  it('a session of a newer Око is refused and says so', () => {
    refused(sessionBytes(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`), /создан более новой версией Око \(схема \d+, эта версия знает \d+\)/);
  });

  it('a session with a trigger is refused: it would have deleted every result on the first click', () => {
    const bytes = sessionBytes('CREATE TRIGGER wipe AFTER UPDATE ON oko_workspace BEGIN DELETE FROM result; END');
    refused(bytes, /в нём есть триггеры \(wipe\)/);
    const marks = sessionBytes('CREATE TRIGGER fives AFTER INSERT ON result BEGIN UPDATE result SET mark = 5 WHERE result_id = NEW.result_id; END');
    refused(marks, /триггеры \(fives\)/);
  });

  it("a view Око did not create is removed (an endless query hides in one); Око's own views are restored", () => {
    const endless = 'CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n';
    const forged =
      "DROP VIEW v_vpr; CREATE VIEW v_vpr AS SELECT r.*, 2026 AS year, 'rus' AS subject_code, 4 AS grade, 24 AS max_primary, 1 AS municipality_id FROM result r WHERE r.mark = 5";
    const opened = engine.open({ bytes: sessionBytes(`${endless}; ${forged}`) });
    expect(opened.notes).toEqual(['Из открытой сессии удалены представления, которых Око не создаёт: forever. Запросы из истории консоли сохранились.']);
    const views = queryAll(engine.database, "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").rows.flat();
    expect(views).toEqual(['v_vpr', 'v_vpr_school', 'v_vpr_score', 'v_vpr_task']);
    // the real v_vpr: both results (marks 3 and 5), not only the fives
    expect(Number(queryValue(engine.database, 'SELECT COUNT(*) FROM v_vpr'))).toBe(2);
    // the list of tables (which counts rows of every view) returns
    expect(engine.tables().some((t) => t.name === 'forever')).toBe(false);
  });

  it('a session of an older Око is migrated', () => {
    const old = new SQL.Database();
    for (const migration of MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.exec("PRAGMA user_version = 3; INSERT INTO municipality (municipality_id, name) VALUES (7, 'Старый округ')");
    const opened = engine.open({ bytes: old.export() });
    expect(opened.schemaVersion).toBe(SCHEMA_VERSION);
    expect(queryValue(engine.database, 'SELECT name FROM municipality WHERE municipality_id = 7')).toBe('Старый округ');
  });

  it('a session file over the limit is refused by its size before it is read', () => {
    expect(sessionSizeError('огромная.sqlite', MAX_SESSION_BYTES + 5 * 1024 * 1024)).toBe(
      'Файл сессии «огромная.sqlite» не открыт. Размер 405 МБ, а Око открывает сессии до 400 МБ — больше браузер не удержит в памяти.',
    );
    expect(sessionSizeError('обычная.sqlite', 120 * 1024 * 1024)).toBeNull();
  });
});
