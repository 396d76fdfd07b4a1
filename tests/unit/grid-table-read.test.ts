import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/engine/client.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { EngineRequest, EngineResponse } from '../../src/engine/protocol.ts';
import { readTable } from '../../src/ui/grid/lookup-source.ts';
import * as F from '../fixtures/generate.ts';

const SQL = await initSqlJs();

/** The engine worker in the test's own thread: every request is answered by a real Engine, and kept. */
class EngineWorker {
  readonly seen: string[] = [];
  private listeners: Array<(event: MessageEvent<EngineResponse>) => void> = [];
  constructor(private readonly engine: Engine) {}
  addEventListener(type: string, listener: (event: MessageEvent<EngineResponse>) => void): void {
    if (type === 'message') this.listeners.push(listener);
  }
  postMessage(request: EngineRequest): void {
    this.seen.push(request.method);
    const call = this.engine[request.method] as (args: unknown) => unknown;
    void Promise.resolve(call.call(this.engine, request.args)).then((value) => {
      for (const listener of this.listeners) listener({ data: { id: request.id, ok: true, value } } as MessageEvent<EngineResponse>);
    });
  }
  terminate(): void {}
}

async function withResults(): Promise<{ client: EngineClient; worker: EngineWorker; engine: Engine }> {
  const engine = new Engine(SQL);
  await engine.importFiles({ files: [{ name: F.f1Municipal().name, bytes: F.f1Municipal().bytes }] });
  const worker = new EngineWorker(engine);
  return { client: new EngineClient(worker as unknown as Worker), worker, engine };
}

describe('a table tab reads its rows', () => {
  it('in the sort and filters it had: the rows are counted once, the names of the ОО beside school_id', async () => {
    const { client, worker, engine } = await withResults();
    const total = Number(engine.query({ sql: 'SELECT COUNT(*) FROM result WHERE mark = 5' }).rows[0][0]);
    const newest = engine.query({
      sql: `SELECT r.result_id, r.participant_code, COALESCE(s.short_name, s.full_name) FROM result r JOIN school s USING (school_id)
            WHERE r.mark = 5 ORDER BY r.result_id DESC LIMIT 1`,
    }).rows[0];
    const source = await readTable(
      client,
      'result',
      { sort: { column: 'result_id', direction: 'desc' }, filters: [{ column: 'mark', op: '=', value: 5 }] },
      { title: 'result' },
    );
    expect(worker.seen.filter((method) => method === 'count')).toEqual(['count']);
    expect(worker.seen.filter((method) => method === 'columns')).toEqual(['columns']);
    expect(total).toBeGreaterThan(0);
    expect(source.rowCount).toBe(total);
    expect(source.query).toEqual({ sort: { column: 'result_id', direction: 'desc' }, filters: [{ column: 'mark', op: '=', value: 5 }] });
    const names = source.columns.map((column) => column.name);
    const first = (await source.fetch(0, 1)).rows[0];
    expect(first[names.indexOf('result_id')]).toBe(newest[0]);
    expect(first[names.indexOf('participant_code')]).toBe(newest[1]);
    expect(names[names.indexOf('school_id') + 1]).toBe('school_id:name');
    expect(first[names.indexOf('school_id:name')]).toBe(newest[2]);
  });

  it('without a sort or filters: the table as it is', async () => {
    const { client, worker, engine } = await withResults();
    const source = await readTable(client, 'school', {}, { title: 'school' });
    expect(worker.seen.filter((method) => method === 'count')).toEqual(['count']);
    expect(source.query).toEqual({ sort: null, filters: [] });
    expect(source.rowCount).toBe(Number(engine.query({ sql: 'SELECT COUNT(*) FROM school' }).rows[0][0]));
  });
});
