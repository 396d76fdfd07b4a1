/**
 * What the SQL console keeps while the user visits other tabs: the text (part of the workspace
 * record of the session), the parameters it came with from an indicator, the last result.
 */
import type { SqlValue } from '../../core/db.ts';
import type { SqlOutcome } from '../../engine/protocol.ts';

export interface ConsoleResult {
  outcome: SqlOutcome;
  params: Record<string, SqlValue>;
}

/** Typing is written to the workspace record after this pause. */
const TYPING_PAUSE_MS = 1500;

export class ConsoleState {
  text = $state('');
  /** parameters bound to the console's SQL when it came from an indicator («Открыть в консоли») */
  params = $state.raw<{ from: string; params: Record<string, SqlValue> } | null>(null);
  /** the console's last result */
  outcome = $state.raw<ConsoleResult | null>(null);

  /** `changed`: the text changed, the workspace record is to be written after `delay` ms */
  constructor(private readonly host: { changed(delay: number): void }) {}

  setText(text: string): void {
    this.text = text;
    this.host.changed(TYPING_PAUSE_MS);
  }

  /** «Открыть в консоли»: an indicator's SQL with its parameters (the tab that opens writes the record). */
  load(sql: string, params: Record<string, SqlValue>, from: string): void {
    this.text = sql;
    this.params = { from, params };
  }

  reset(): void {
    this.text = '';
    this.params = null;
    this.outcome = null;
  }
}
