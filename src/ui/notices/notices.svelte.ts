/** The messages in the corner of the screen (Notices.svelte): what happened, in a line each. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** How long a notice stays unless it is sticky: an error is read more slowly. */
export const NOTICE_MS: Record<Notice['kind'], number> = { info: 5_000, error: 12_000 };

/** Runs `then` after `ms`; tests pass their own to go without a clock. */
export type Later = (then: () => void, ms: number) => void;

export class Notices {
  list = $state<Notice[]>([]);
  private seq = 0;

  constructor(private readonly later: Later = (then, ms) => void setTimeout(then, ms)) {}

  /** `sticky`: stays until closed (what happened while the user may not have been looking) */
  notify(kind: Notice['kind'], text: string, sticky = false): void {
    const id = ++this.seq;
    this.list = [...this.list, { id, kind, text }];
    if (!sticky) this.later(() => this.dismiss(id), NOTICE_MS[kind]);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}
