/**
 * «Отменить» and «Повторить» of cell edits. Each step goes through the engine by row id, so it
 * holds however the table is sorted or filtered since; a step the engine refuses stays where it was.
 */
import type { SqlValue } from '../../core/db.ts';
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
  async undo(): Promise<EditRecord | null> {
    const record = this.undoStack.at(-1);
    if (!record) return null;
    const value = await this.write(record, record.old, 'Отменить');
    if (value === undefined) return null;
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, record];
    this.host.edited();
    return { ...record, value };
  }

  async redo(): Promise<EditRecord | null> {
    const record = this.redoStack.at(-1);
    if (!record) return null;
    const value = await this.write(record, record.value, 'Повторить');
    if (value === undefined) return null;
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, record];
    this.host.edited();
    return { ...record, value };
  }

  /** Another session opens: its edits are not these. */
  reset(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  /** The value stored, or undefined (with a notice) when the engine refused it. */
  private async write(record: EditRecord, value: SqlValue, verb: string): Promise<SqlValue | undefined> {
    const outcome = await this.host.engine.call('updateCell', { table: record.source, rowId: record.rowId, column: record.column, value });
    if (outcome.ok) return outcome.value;
    this.host.notify('error', `${verb} правку не удалось: ${outcome.message}`);
    return undefined;
  }
}
