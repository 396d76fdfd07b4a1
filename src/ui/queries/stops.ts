/**
 * Stopping a running query: «Остановить» (StopButton.svelte, data-testid sql-cancel) in the
 * console, an indicator view, a table and the справка, and the time limit of SQL that is not ours
 * (time-limit.ts).
 *
 * sql.js runs a statement synchronously inside the engine worker, which reads no message until it
 * is done: an endless recursive query never is. So a stop is the import's cancel
 * (src/ui/import/cancel.ts): terminate the worker, start a new one and open the session saved in
 * IndexedDB. For that copy to hold everything the user did, every query first waits for a
 * restore point — the session is saved now if it has unsaved changes (nothing is written when it
 * has none) — and only then goes to the engine. When the session cannot be saved, the query runs
 * without a stop and without a limit: a restart would lose the changes not saved.
 */
import { wasRestarted } from '../import/cancel.ts';

export type StopReason = 'user' | 'limit';

/** A query ended by a stop: its view says `message`; the session is as it was before the query. */
export class QueryStopped extends Error {
  override name = 'QueryStopped';
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
  }
}

export interface QueryStopHost {
  /** saves the session now; true when a restart would bring back exactly what the engine holds */
  restorePoint(): Promise<boolean>;
  /**
   * terminates the worker and opens the saved session in a new one — unless `stillRunning()` is
   * false once the saved copy is read (the query finished meanwhile). True when it restarted.
   */
  restart(stillRunning: () => boolean): Promise<boolean>;
  /** after a restart: lists and open views read the session again */
  afterRestart(): Promise<void>;
  /** an import owns the worker (it has its own «Отменить»): a stop now would end it too */
  importing(): boolean;
  /** a stop that could not be done, in Russian */
  failed(message: string): void;
}

export interface QueryTask {
  /** the time limit in ms; none: only the button stops it */
  limitMs?: number | null;
  /** what the view says when the limit stopped it */
  limitMessage?: string;
  /** true once the query can be stopped (its restore point is saved), false when it ends */
  onStoppable?: (stoppable: boolean) => void;
}

/** `fn` after `ms`; returns the cancel. Replaceable in tests. */
export type Timer = (ms: number, fn: () => void) => () => void;

const realTimer: Timer = (ms, fn) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

interface Run {
  task: QueryTask;
  done: boolean;
  /** set right before the restart that ends it */
  reason: StopReason | null;
}

export const STOPPED_MESSAGE = 'Запрос остановлен: данные сессии остались такими, какими были до его запуска.';

export class QueryStops {
  private readonly runs = new Set<Run>();
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly host: QueryStopHost,
    private readonly timer: Timer = realTimer,
  ) {}

  /** queries that a stop would end now */
  get running(): number {
    return [...this.runs].filter((run) => !run.done).length;
  }

  /**
   * Runs `call` (engine calls of one query) so that it can be stopped. A stop makes it throw
   * QueryStopped; any other outcome passes through.
   */
  async run<T>(task: QueryTask, call: () => Promise<T>): Promise<T> {
    // A query asked for while a stop restarts the worker goes to the new one.
    if (this.stopping) await this.stopping;
    let stoppable: boolean;
    try {
      stoppable = await this.host.restorePoint();
    } catch {
      stoppable = false;
    }
    const run: Run = { task, done: false, reason: null };
    let disarm = () => {};
    if (stoppable) {
      this.runs.add(run);
      task.onStoppable?.(true);
      if (task.limitMs) disarm = this.arm(run, task.limitMs);
    }
    try {
      return await call();
    } catch (error) {
      if (run.reason && wasRestarted(error)) {
        throw new QueryStopped(run.reason, (run.reason === 'limit' && task.limitMessage) || STOPPED_MESSAGE);
      }
      throw error;
    } finally {
      run.done = true;
      disarm();
      this.runs.delete(run);
      if (stoppable) task.onStoppable?.(false);
    }
  }

  /** «Остановить»: ends every running query (they share the one worker). */
  stop(): Promise<void> {
    if (this.host.importing()) {
      this.host.failed('Сейчас загружаются файлы: запрос выполнится после загрузки; чтобы прервать её, нажмите «Отменить» у загрузки.');
      return Promise.resolve();
    }
    return this.stopRuns(null);
  }

  private arm(run: Run, ms: number): () => void {
    let cancel = this.timer(ms, () => expire());
    const expire = () => {
      if (run.done) return;
      // An import goes first (its own cancel); the limit is counted again after it.
      if (this.host.importing()) {
        cancel = this.timer(ms, () => expire());
        return;
      }
      void this.stopRuns(run);
    };
    return () => cancel();
  }

  private stopRuns(overdue: Run | null): Promise<void> {
    if (this.stopping) return this.stopping;
    const targets = [...this.runs].filter((run) => !run.done);
    if (!targets.length) return Promise.resolve();
    // Set before the restart rejects their calls, so each says why it ended (they share the worker,
    // so a query waiting behind the overdue one ends with it, for the same reason).
    for (const run of targets) run.reason = overdue ? 'limit' : 'user';
    const stopping = (async () => {
      let restarted = false;
      try {
        restarted = await this.host.restart(() => targets.some((run) => !run.done));
      } catch (error) {
        this.host.failed(`Остановить запрос не удалось: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!restarted) {
        for (const run of targets) run.reason = null;
        return;
      }
      await this.host.afterRestart().catch(() => undefined);
    })();
    this.stopping = stopping;
    return stopping.finally(() => {
      if (this.stopping === stopping) this.stopping = null;
    });
  }
}
