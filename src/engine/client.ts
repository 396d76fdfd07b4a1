import type { EngineArgs, EngineMethod, EngineRequest, EngineResponse, EngineReturn } from './protocol.ts';

export type ProgressListener = (progress: { done: number; total: number; file: string }) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressListener;
}

/** Typed request/response over postMessage. The UI talks to the database only through this. */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      const error = new Error(`Сбой модуля базы данных: ${event.message || 'неизвестная ошибка'}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
  }

  call<M extends EngineMethod>(method: M, args: EngineArgs<M>, onProgress?: ProgressListener): Promise<EngineReturn<M>> {
    const id = this.nextId++;
    const request: EngineRequest<M> = { id, method, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      this.worker.postMessage(request);
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
      const error = new Error(response.error.message);
      error.name = response.error.name;
      pending.reject(error);
    }
  }
}

export function startEngine(): EngineClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'oko-engine' });
  return new EngineClient(worker);
}
