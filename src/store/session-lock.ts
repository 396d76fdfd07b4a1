/**
 * One tab per session. The tab that opens a session holds a Web Lock named after it; another tab
 * of the same browser that opens the same session finds the lock taken and says so
 * (`session-locked`) instead of saving over the first tab's work.
 *
 * «Работать здесь» asks the holder to hand over through a BroadcastChannel: the holder saves what
 * it has, stops saving, lets the lock go and shows `session-locked` itself; the new tab then
 * reopens the session from IndexedDB, so it starts from everything the other tab kept. A holder
 * that does not answer (frozen, or busy in a long import) loses the lock by force after
 * HANDOVER_WAIT_MS and is told so as soon as it runs again — it no longer saves.
 */
export type LockState =
  /** this tab holds the session: it may save */
  | { kind: 'held' }
  /** another tab holds it: this tab must not save */
  | { kind: 'elsewhere' }
  /** this tab held it and gave it to another tab */
  | { kind: 'handed-over' }
  /** the browser has no Web Locks (very old, or not a secure context): nothing to coordinate */
  | { kind: 'unsupported' };

const HANDOVER_WAIT_MS = 10_000;
const lockName = (session: string) => `oko-session:${session}`;

interface Message {
  type: 'hand-over' | 'handed-over';
  session: string;
}

export interface SessionLockHooks {
  onState: (state: LockState) => void;
  /** before the lock goes to another tab: save everything now */
  beforeHandOver: () => Promise<void>;
}

export class SessionLock {
  private session: string | null = null;
  private release: (() => void) | null = null;
  private readonly channel: BroadcastChannel | null;
  private readonly locks: LockManager | null;

  constructor(private readonly hooks: SessionLockHooks) {
    this.locks = globalThis.navigator?.locks ?? null;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('oko-session-lock') : null;
    this.channel?.addEventListener('message', (event: MessageEvent<Message>) => void this.received(event.data));
  }

  /** Tries to hold `session` (letting go of any other this tab held). */
  async acquire(session: string): Promise<LockState> {
    // Reopening the session this tab holds keeps the lock: letting go and asking again at once
    // would find it still taken (its release is processed later) and report another tab.
    if (this.session === session && this.release) return this.report({ kind: 'held' });
    this.letGo();
    this.session = session;
    if (!this.locks) return this.report({ kind: 'unsupported' });
    const held = await this.request(session, { ifAvailable: true });
    return this.report(held ? { kind: 'held' } : { kind: 'elsewhere' });
  }

  /** «Работать здесь»: the other tab saves and hands the session over; resolves once this tab holds it. */
  async takeOver(): Promise<LockState> {
    const session = this.session;
    if (session === null || !this.locks) return this.report({ kind: 'unsupported' });
    this.channel?.postMessage({ type: 'hand-over', session } satisfies Message);
    let held = await Promise.race([this.request(session, {}), new Promise<false>((resolve) => setTimeout(() => resolve(false), HANDOVER_WAIT_MS))]);
    if (!held && this.session === session && !this.release) held = await this.request(session, { steal: true });
    return this.report(held || this.release ? { kind: 'held' } : { kind: 'elsewhere' });
  }

  /** Closing the session (switching to another, deleting it). */
  letGo(): void {
    this.release?.();
    this.release = null;
    this.session = null;
  }

  private report(state: LockState): LockState {
    this.hooks.onState(state);
    return state;
  }

  /** Resolves true once the lock is held (and keeps holding it until `letGo`), false when `ifAvailable` found it taken. */
  private request(session: string, options: LockOptions): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const done = this.locks!.request(lockName(session), options, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        if (this.session !== session) {
          resolve(false); // switched away meanwhile: let it go at once
          return undefined;
        }
        return new Promise<void>((release) => {
          this.release = release;
          resolve(true);
        });
      });
      // Rejected when another tab took the lock by force: this tab must stop saving.
      done.catch(() => {
        if (this.session === session) {
          this.release = null;
          this.report({ kind: 'handed-over' });
        }
        resolve(false);
      });
    });
  }

  private async received(message: Message): Promise<void> {
    if (message?.type !== 'hand-over' || message.session !== this.session || !this.release) return;
    try {
      await this.hooks.beforeHandOver();
    } finally {
      const release = this.release;
      this.release = null;
      this.report({ kind: 'handed-over' });
      release?.();
    }
  }
}
