import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/engine/client.ts';
import type { EngineRequest, EngineResponse } from '../../src/engine/protocol.ts';
import { QueryStopped, QueryStops, STOPPED_MESSAGE, type QueryStopHost, type Timer } from '../../src/ui/queries/stops.ts';
import { closedTabMessage, limitMessage, SQL_TIME_LIMIT_SECONDS, timeLimitSeconds } from '../../src/ui/queries/time-limit.ts';

/**
 * A stand-in for the engine worker: it answers every request with the number of requests it has
 * seen, except `runSql` with an endless query, which it never answers (as sql.js never returns).
 */
class FakeWorker {
  terminated = false;
  seen: string[] = [];
  private listeners: Array<(event: MessageEvent<EngineResponse>) => void> = [];
  addEventListener(type: string, listener: (event: MessageEvent<EngineResponse>) => void): void {
    if (type === 'message') this.listeners.push(listener);
  }
  postMessage(request: EngineRequest): void {
    this.seen.push(request.method);
    const sql = (request.args as { sql?: string }).sql ?? '';
    if (/RECURSIVE/.test(sql)) return;
    queueMicrotask(() => {
      for (const listener of this.listeners) listener({ data: { id: request.id, ok: true, value: this.seen.length } } as MessageEvent<EngineResponse>);
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c';

/** A timer the test fires by hand: no clock. */
function manualTimer(): { timer: Timer; armed: number[]; fire(): void } {
  const pending: Array<{ ms: number; fn: () => void; live: boolean }> = [];
  return {
    timer: (ms, fn) => {
      const entry = { ms, fn, live: true };
      pending.push(entry);
      return () => (entry.live = false);
    },
    get armed() {
      return pending.filter((p) => p.live).map((p) => p.ms);
    },
    fire() {
      const due = pending.filter((p) => p.live);
      for (const p of due) p.live = false;
      for (const p of due) p.fn();
    },
  };
}

function setup(options: { saved?: boolean; importing?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const client = new EngineClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  const clock = manualTimer();
  const log: string[] = [];
  /** `gate`: the saved copy is being read until it resolves */
  const state: { importing: boolean; gate: Promise<void> | null } = { importing: options.importing ?? false, gate: null };
  const host: QueryStopHost = {
    restorePoint: async () => {
      log.push('restore point');
      return options.saved ?? true;
    },
    restart: async (stillRunning) => {
      if (state.gate) await state.gate;
      if (!stillRunning()) return false;
      client.restart();
      log.push('restarted');
      return true;
    },
    afterRestart: async () => {
      log.push('lists read again');
    },
    importing: () => state.importing,
    failed: (message) => log.push(`failed: ${message}`),
  };
  return { client, workers, stops: new QueryStops(host, clock.timer), clock, log, state };
}

describe('stopping a query (the worker restarts from the saved session)', () => {
  it('the time limit stops an endless query with its own message, and the next query runs on the new worker', async () => {
    const { client, workers, stops, clock, log } = setup();
    const shown: boolean[] = [];
    const running = stops.run({ limitMs: 2000, limitMessage: 'предел', onStoppable: (yes) => shown.push(yes) }, () => client.call('runSql', { sql: ENDLESS }));
    await expect.poll(() => clock.armed).toEqual([2000]);
    expect(stops.running).toBe(1);
    clock.fire();
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryStopped);
    expect((error as QueryStopped).reason).toBe('limit');
    expect((error as QueryStopped).message).toBe('предел');
    expect(shown).toEqual([true, false]);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    await expect.poll(() => log).toEqual(['restore point', 'restarted', 'lists read again']);
    // the next query waits for nothing and is answered by the new worker
    expect(await stops.run({}, () => client.call('runSql', { sql: 'SELECT 1' }))).toBe(1);
    expect(workers[1].seen).toEqual(['runSql']);
    expect(stops.running).toBe(0);
  });

  it('«Остановить» ends the running query with the message that the data are as before it', async () => {
    const { client, stops, clock, log } = setup();
    let stoppable = false;
    const running = stops.run({ onStoppable: (yes) => (stoppable = yes) }, () => client.call('runSql', { sql: ENDLESS }));
    await expect.poll(() => stoppable).toBe(true);
    // the console has no limit
    expect(clock.armed).toEqual([]);
    await stops.stop();
    const error = (await running.catch((e: unknown) => e)) as QueryStopped;
    expect(error.reason).toBe('user');
    expect(error.message).toBe(STOPPED_MESSAGE);
    expect(stoppable).toBe(false);
    expect(log).toEqual(['restore point', 'restarted', 'lists read again']);
  });

  it('a query without a saved restore point gets neither a stop nor a limit (a restart would lose unsaved changes)', async () => {
    const { client, stops, clock, log } = setup({ saved: false });
    const shown: boolean[] = [];
    const value = await stops.run({ limitMs: 2000, onStoppable: (yes) => shown.push(yes) }, () => client.call('runSql', { sql: 'SELECT 1' }));
    expect(value).toBe(1);
    expect(shown).toEqual([]);
    expect(clock.armed).toEqual([]);
    await stops.stop();
    expect(log).toEqual(['restore point']);
  });

  it('a query that finished while the saved copy was read is not stopped', async () => {
    const { stops, workers, state, log } = setup();
    let answer: (value: number) => void = () => {};
    let read: () => void = () => {};
    state.gate = new Promise((resolve) => (read = resolve));
    let stoppable = false;
    const running = stops.run({ onStoppable: (yes) => (stoppable = yes) }, () => new Promise<number>((resolve) => (answer = resolve)));
    await expect.poll(() => stoppable).toBe(true);
    const stopping = stops.stop();
    answer(42);
    expect(await running).toBe(42);
    read();
    await stopping;
    expect(workers).toHaveLength(1);
    expect(log).toEqual(['restore point']);
  });

  it('an error of the query itself passes through unchanged', async () => {
    const { stops } = setup();
    const failure = new Error('Ошибка SQL: no such table: nothing');
    await expect(stops.run({}, () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('during an import the button says to wait or cancel the import, and the limit is counted again after it', async () => {
    const { client, stops, clock, log, state, workers } = setup({ importing: true });
    const running = stops.run({ limitMs: 2000 }, () => client.call('runSql', { sql: ENDLESS }));
    await expect.poll(() => clock.armed).toEqual([2000]);
    await stops.stop();
    expect(log[1]).toMatch(/^failed: Сейчас загружаются файлы/);
    clock.fire();
    expect(clock.armed).toEqual([2000]);
    expect(workers).toHaveLength(1);
    state.importing = false;
    clock.fire();
    expect(((await running.catch((e: unknown) => e)) as QueryStopped).reason).toBe('limit');
  });
});

describe('the time limit of SQL that is not ours', () => {
  it('is 30 s; the page address may lower it but never raise or remove it', () => {
    expect(SQL_TIME_LIMIT_SECONDS).toBe(30);
    expect(timeLimitSeconds('')).toBe(30);
    expect(timeLimitSeconds('?sql-time-limit=2')).toBe(2);
    expect(timeLimitSeconds('?sql-time-limit=0.5')).toBe(0.5);
    expect(timeLimitSeconds('?sql-time-limit=600')).toBe(30);
    expect(timeLimitSeconds('?sql-time-limit=0')).toBe(30);
    expect(timeLimitSeconds('?sql-time-limit=-1')).toBe(30);
    expect(timeLimitSeconds('?sql-time-limit=Infinity')).toBe(30);
    expect(timeLimitSeconds('?sql-time-limit=много')).toBe(30);
  });

  it('says in one sentence what was stopped, why, and where the query can still run', () => {
    expect(limitMessage('«U1 Счёт»', 30)).toBe(
      'Запрос остановлен: показатель «U1 Счёт» считался дольше 30 с — это предел для своих и присланных показателей, чтобы зависший запрос не остановил работу; проверьте его SQL в консоли, где предела нет и запрос можно остановить кнопкой.',
    );
    expect(closedTabMessage('«U1 Счёт»', 2.5)).toBe(
      'Вкладка показателя «U1 Счёт» закрыта: при открытии сессии его запрос считался дольше 2,5 с и был остановлен; сам показатель остался в «Мои показатели», данные сессии не изменились.',
    );
  });
});
