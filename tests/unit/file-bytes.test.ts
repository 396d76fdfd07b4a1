/**
 * The page sends a picked file as it is, a File (src/engine/protocol.ts FileBytes), and the engine
 * reads it: the same import as from bytes; a file that can no longer be read is refused in Russian.
 */
import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../src/core/db.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { FileBytes } from '../../src/engine/protocol.ts';
import * as F from '../fixtures/generate.ts';
import { NOW } from '../fixtures/import-helpers.ts';

const SQL = await initSqlJs();

describe('a file sent as a File', () => {
  it('imports as its bytes do, and is met as the same file again', async () => {
    const file = F.f1Municipal();
    const fromBytes = new Engine(SQL, { now: () => NOW });
    const fromFile = new Engine(SQL, { now: () => NOW });
    const [a] = await fromBytes.importFiles({ files: [{ name: file.name, bytes: file.bytes.slice() }] });
    const [b] = await fromFile.importFiles({ files: [{ name: file.name, bytes: new File([file.bytes.slice()], file.name) }] });
    expect(a.ok && b.ok).toBe(true);
    expect(b).toEqual(a);
    const count = (engine: Engine) => queryValue(engine.database, 'SELECT COUNT(*) FROM task_score');
    expect(count(fromFile)).toBe(count(fromBytes));
    const [again] = await fromFile.importFiles({ files: [{ name: file.name, bytes: new Blob([file.bytes.slice()]) }] });
    expect(again.ok ? '' : again.code).toBe('duplicate');
    expect((await fromFile.previewFile({ name: file.name, bytes: new Blob([file.bytes.slice()]) })).preview).toEqual(
      (await fromBytes.previewFile({ name: file.name, bytes: file.bytes.slice() })).preview,
    );
  });

  it('one that can no longer be read is refused, and nothing is written', async () => {
    const engine = new Engine(SQL, { now: () => NOW });
    const gone = { size: 10, arrayBuffer: () => Promise.reject(new DOMException('file changed', 'NotReadableError')) } as unknown as FileBytes;
    const [outcome] = await engine.importFiles({ files: [{ name: 'ф1.xlsx', bytes: gone }] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('unreadable');
    expect(outcome.message).toBe(
      'Файл «ф1.xlsx» не загружен: файл не прочитан: его изменили, переместили или удалили после того, как выбрали. Выберите его снова.',
    );
    expect(queryValue(engine.database, 'SELECT COUNT(*) FROM import_batch')).toBe(0);
    await expect(engine.previewFile({ name: 'ф1.xlsx', bytes: gone })).rejects.toThrow('файл не прочитан');
  });

  it('a failure other than a changed or gone file is not called one', async () => {
    const engine = new Engine(SQL, { now: () => NOW });
    const tooBig = { size: 10, arrayBuffer: () => Promise.reject(new RangeError('Array buffer allocation failed')) } as unknown as FileBytes;
    await expect(engine.previewFile({ name: 'ф1.xlsx', bytes: tooBig })).rejects.toThrow(RangeError);
  });
});
