import initSqlJs from '../../wasm/node.ts';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { DEMO_FILE_COUNT } from '../../src/core/demo/index.ts';
import { buildDemoSession, DEMO_IMPORTED_AT, DEMO_PERSON_KEY_SECRET, packDemoSession } from '../../src/engine/demo-session.ts';
import { Engine } from '../../src/engine/engine.ts';
import { DEMO_SESSION_URL, fetchDemoSession } from '../../src/store/demo.ts';
import { egeRusCsv } from '../fixtures/rcoi.ts';

const SQL = await initSqlJs();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const secretOf = (engine: Engine) => queryValue(engine.database, "SELECT value FROM oko_secret WHERE name = 'person_key_hmac'");

describe('the prebuilt demo session', () => {
  const first = buildDemoSession(SQL);

  it('is byte-identical when built twice', async () => {
    const [a, b] = [await first, await buildDemoSession(SQL)];
    expect(a.byteLength).toBeGreaterThan(1_000_000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('holds the demo imports at the fixed time, with the public demo key', async () => {
    const engine = new Engine(SQL);
    engine.open({ bytes: await first });
    const batches = queryAll(engine.database, 'SELECT COUNT(*), MIN(imported_at), MAX(imported_at) FROM import_batch').rows[0];
    expect(batches).toEqual([DEMO_FILE_COUNT, DEMO_IMPORTED_AT, DEMO_IMPORTED_AT]);
    expect(Number(queryValue(engine.database, 'SELECT COUNT(*) FROM result'))).toBe(6509);
    expect(secretOf(engine)).toBe(hex(DEMO_PERSON_KEY_SECRET));
  });

  it('carries the planned-results report the справка reads (what each task checks, region and RF)', async () => {
    const engine = new Engine(SQL);
    engine.open({ bytes: await first, source: 'saved' });
    expect(Number(queryValue(engine.database, "SELECT COUNT(*) FROM fisoko_agg WHERE report = 'planned'"))).toBe(39);
    const task1 = queryAll(
      engine.database,
      `SELECT t.skill FROM assessment a JOIN assessment_task t USING (assessment_id)
       WHERE a.kind = 'vpr' AND a.year = 2026 AND a.subject_code = 'math' AND a.grade = 4 AND t.task_code = '1'`,
    ).rows;
    expect(task1).toEqual([['Умение выполнять арифметические действия с числами и числовыми выражениями.']]);
  });

  it('a backup of it carries no key: its public key is nothing to wrap', async () => {
    const engine = new Engine(SQL);
    engine.open({ bytes: await first, source: 'saved' });
    expect(engine.sessionKey().state).toBe('absent');
    const backup = await engine.exportBackup({ passphrase: 'длинный пароль 2026' });
    const copy = new Engine(SQL);
    copy.open({ bytes: backup });
    expect(queryAll(copy.database, 'SELECT name FROM oko_secret').rows).toEqual([]);
  });

  it('never keys new data with its public key, and its people keep their links', async () => {
    const engine = new Engine(SQL);
    engine.open({ bytes: await first });
    const linked = 'SELECT COUNT(*) FROM student s WHERE EXISTS (SELECT 1 FROM result r WHERE r.student_id = s.student_id)';
    const before = {
      keys: queryAll(engine.database, 'SELECT person_key FROM student ORDER BY student_id').rows,
      linked: Number(queryValue(engine.database, linked)),
    };
    expect(before.linked).toBeGreaterThan(0);
    expect(queryValue(engine.database, "SELECT value FROM oko_secret WHERE name = 'person_key_hmac_public'")).toBe('1');

    // an ЕГЭ protocol of other people: keyed with a fresh random secret, not the public one
    const [outcome] = await engine.importFiles({ files: [egeRusCsv()] });
    expect(outcome.ok).toBe(true);
    const secret = secretOf(engine);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(secret).not.toBe(hex(DEMO_PERSON_KEY_SECRET));
    expect(queryValue(engine.database, "SELECT value FROM oko_secret WHERE name = 'person_key_hmac_public'")).toBeNull();
    const added = queryAll(engine.database, 'SELECT person_key FROM student ORDER BY student_id').rows;
    expect(added.slice(0, before.keys.length)).toEqual(before.keys);
    expect(added.length).toBeGreaterThan(before.keys.length);
    expect(Number(queryValue(engine.database, linked))).toBeGreaterThan(before.linked);

    // the same file in a second demo session gets other keys: each session's secret is its own
    const other = new Engine(SQL);
    other.open({ bytes: await first });
    await other.importFiles({ files: [egeRusCsv()] });
    expect(secretOf(other)).not.toBe(secret);
  });
});

describe('staging the demo beside the open database (the start screen)', () => {
  const session = buildDemoSession(SQL);
  const counts = (engine: Engine) => Object.fromEntries(engine.tables().map((t) => [t.name, t.rowCount]));

  it('opens the same database as opening the file, its tables counted before it is chosen', async () => {
    const plain = new Engine(SQL);
    plain.open({ bytes: await session, source: 'saved' });

    const engine = new Engine(SQL);
    engine.stage({ bytes: await session });
    const opened = engine.open({ staged: true });
    expect(opened.empty).toBe(false);
    expect(engine.work.counts).toBe(0);
    expect(counts(engine)).toEqual(counts(plain));
    expect(counts(engine).result).toBe(6509);
    expect(engine.work.counts).toBe(0);
  });

  it('counts again once the data change', async () => {
    const engine = new Engine(SQL);
    engine.stage({ bytes: await session });
    engine.open({ staged: true });
    const [outcome] = await engine.importFiles({ files: [egeRusCsv()] });
    expect(outcome.ok).toBe(true);
    expect(counts(engine).import_batch).toBe(DEMO_FILE_COUNT + 1);
    expect(engine.work.counts).toBeGreaterThan(0);
  });

  it('any other open drops what was staged', async () => {
    const engine = new Engine(SQL);
    engine.stage({ bytes: await session });
    engine.open({});
    expect(() => engine.open({ staged: true })).toThrow('подготовленной базы нет');
    expect(counts(engine).result).toBe(0);
  });
});

describe('the demo as the page gets it', () => {
  const session = buildDemoSession(SQL);
  afterEach(() => vi.unstubAllGlobals());

  /** The host answers the demo's address with `body`, as a static server would. */
  const host = (body: Uint8Array) =>
    vi.stubGlobal('fetch', async (url: string) => (url === DEMO_SESSION_URL ? new Response(Buffer.from(body)) : new Response(null, { status: 404 })));

  it('ships packed: the same bytes every build, about a third of the session, unpacking to it exactly', async () => {
    const bytes = await session;
    const packed = packDemoSession(bytes);
    expect(Buffer.from(packed).equals(Buffer.from(packDemoSession(await buildDemoSession(SQL))))).toBe(true);
    expect(packed.byteLength).toBeLessThan(bytes.byteLength / 2.5);
    expect(Buffer.from(gunzipSync(packed)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('the page unpacks the shipped file, and takes it as it is from a host that unpacked it already', async () => {
    const bytes = await session;
    for (const body of [packDemoSession(bytes), bytes]) {
      host(body);
      expect(Buffer.from(await fetchDemoSession()).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('a damaged file is refused in words, not opened', async () => {
    const packed = packDemoSession(await session);
    host(packed.subarray(0, packed.byteLength >> 1));
    await expect(fetchDemoSession()).rejects.toThrow('файл демо-данных повреждён: обновите страницу');
  });
});
