import type { EngineArgs, EngineMethod, EngineRequest, EngineResponse, EngineReturn, ImportProgress, SqlErrorPosition } from './protocol.ts';

export type ProgressListener = (progress: ImportProgress) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressListener;
}

/** Typed request/response over postMessage. The UI talks to the database only through this. */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: Worker;
  private readonly makeWorker: (() => Worker) | null;

  /** With a factory the client can `restart()` its worker (cancelling an import: src/ui/import/cancel.ts). */
  constructor(worker: Worker | (() => Worker)) {
    this.makeWorker = typeof worker === 'function' ? worker : null;
    this.worker = typeof worker === 'function' ? worker() : worker;
    this.attach(this.worker);
  }

  private attach(worker: Worker): void {
    worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => {
      if (worker === this.worker) this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      if (worker !== this.worker) return;
      const error = new Error(`Сбой модуля базы данных: ${event.message || 'неизвестная ошибка'}`);
      error.name = 'EngineCrashed';
      this.rejectAll(error);
    });
  }

  private rejectAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /**
   * Stops the worker at once — even inside a long synchronous parse — and starts an empty one:
   * the caller opens the session again. Every pending call fails with an error named
   * 'EngineRestarted'.
   */
  restart(): void {
    if (!this.makeWorker) throw new Error('Модуль базы данных нельзя перезапустить.');
    this.worker.terminate();
    const error = new Error('Операция прервана: модуль базы данных перезапущен.');
    error.name = 'EngineRestarted';
    this.rejectAll(error);
    this.worker = this.makeWorker();
    this.attach(this.worker);
  }

  /**
   * `handOver`: buffers the worker takes over instead of getting a copy (postMessage's transfer
   * list); the caller must not read them afterwards. A 200 MB session opened from a file was
   * otherwise in the tab twice more: the page's bytes and the worker's copy of them.
   */
  call<M extends EngineMethod>(method: M, args: EngineArgs<M>, onProgress?: ProgressListener, handOver: Transferable[] = []): Promise<EngineReturn<M>> {
    const id = this.nextId++;
    const request: EngineRequest<M> = { id, method, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      this.worker.postMessage(request, handOver);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }

  private receive(response: EngineResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    if ('progress' in response) {
      pending.onProgress?.(response.progress);
      return;
    }
    this.pending.delete(response.id);
    if (response.ok) pending.resolve(response.value);
    else {
      const error: Error & { position?: SqlErrorPosition; sqlite?: string } = new Error(response.error.message);
      error.name = response.error.name;
      if (response.error.position) error.position = response.error.position;
      if (response.error.sqlite) error.sqlite = response.error.sqlite;
      pending.reject(error);
    }
  }
}

export function startEngine(): EngineClient {
  return new EngineClient(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'oko-engine' }));
}
