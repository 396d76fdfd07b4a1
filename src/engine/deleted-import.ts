/**
 * The engine's one «Вернуть» after «Удалить загрузку» (src/core/import/pipeline/batch-undo.ts). It is
 * valid only at the revision the delete left: any later change of the data (an import, an edit,
 * SQL) could take the rowids the deleted rows had, so «Вернуть» then refuses and says why. Saving
 * the workspace (open tabs) is not a change of the data: it does not move the revision.
 */
import type { Database } from '../core/db.ts';
import type { BatchUndo } from '../core/import/pipeline/batch-undo.ts';
import { deleteBatchWithUndo } from '../core/import/pipeline/batch-undo.ts';
import type { DeletedBatch } from '../core/import/index.ts';
import type { RestoredBatch } from './protocol.ts';

export class DeletedImport {
  private pending: { undo: BatchUndo; batchId: number; fileName: string | null; revision: number } | null = null;

  delete(db: Database, batchId: number): DeletedBatch {
    this.discard();
    const { deleted, undo } = deleteBatchWithUndo(db, batchId);
    this.pending = { undo, batchId, fileName: deleted.fileName, revision: -1 };
    return deleted;
  }

  /** The revision right after the delete: «Вернуть» works while the session is at it. */
  settle(revision: number): void {
    if (this.pending && this.pending.revision === -1) this.pending.revision = revision;
  }

  /** «Вернуть» would work now. */
  available(revision: number): boolean {
    return this.pending !== null && this.pending.revision === revision;
  }

  restore(revision: number): RestoredBatch {
    const pending = this.pending;
    if (!pending) throw new Error('Вернуть нечего: удалённых загрузок нет.');
    if (pending.revision !== revision) {
      this.discard();
      throw new Error('Вернуть удалённую загрузку уже нельзя: после удаления данные сессии изменились.');
    }
    let restored: Record<string, number>;
    try {
      restored = pending.undo.restore();
    } catch (error) {
      throw new Error(`Вернуть загрузку не удалось (${error instanceof Error ? error.message : String(error)}). Данные сессии не изменились.`, {
        cause: error,
      });
    }
    this.pending = null;
    return { batchId: pending.batchId, fileName: pending.fileName, restored };
  }

  discard(): void {
    this.pending?.undo.discard();
    this.pending = null;
  }

  /** Another database was opened: the copies went with the old one. */
  forget(): void {
    this.pending = null;
  }
}
