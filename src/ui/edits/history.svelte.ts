/**
 * «Отменить» and «Повторить» of cell edits. Each step goes through the engine by the row's key (src/core/edit/row-key.ts), so it
 * holds however the table is sorted or filtered since; a step the engine refuses stays where it was.
 */
import type { EngineClient } from '../../engine/client.ts';
import type { EditRecord } from '../grid/types.ts';

/** How many edits «Отменить» can go back. */
export const UNDO_DEPTH = 200;

export interface EditHistoryHost {
  readonly engine: Pick<EngineClient, 'call'>;
  notify(kind: 'error', text: string): void;
  /** an edit was made, undone or redone: the session is to be saved, the table list re-read */
  edited(): void;
}

export class EditHistory {
  undoStack = $state.raw<EditRecord[]>([]);
  redoStack = $state.raw<EditRecord[]>([]);

  constructor(private readonly host: EditHistoryHost) {}

  /** An edit the grid stored: it can be undone, and what was undone before can no longer be redone. */
  record(record: EditRecord): void {
    this.undoStack = [...this.undoStack.slice(1 - UNDO_DEPTH), record];
    this.redoStack = [];
    this.host.edited();
  }

  /** Puts the old value back; returns the record with the value the cell now holds, or null when the engine refused. */
  undo(): Promise<EditRecord | null> {
    return this.replay('undo');
  }

  /** Stores the undone value again; the same answer as undo(). */
  redo(): Promise<EditRecord | null> {
    return this.replay('redo');
  }

  /** Another session opens: its edits are not these. */
  reset(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  /** One step back or forth through the engine; a step the engine refuses stays where it was. */
  private async replay(direction: 'undo' | 'redo'): Promise<EditRecord | null> {
    const back = direction === 'undo';
    const record = (back ? this.undoStack : this.redoStack).at(-1);
    if (!record) return null;
    const { source, rowKey, column } = record;
    const outcome = await this.host.engine.call('updateCell', { table: source, rowKey, column, value: back ? record.old : record.value });
    if (!outcome.ok) {
      this.host.notify('error', `${back ? 'Отменить' : 'Повторить'} правку не удалось: ${outcome.message}`);
      return null;
    }
    if (back) {
      this.undoStack = this.undoStack.slice(0, -1);
      this.redoStack = [...this.redoStack, record];
    } else {
      this.redoStack = this.redoStack.slice(0, -1);
      this.undoStack = [...this.undoStack, record];
    }
    this.host.edited();
    return { ...record, value: outcome.value };
  }
}
