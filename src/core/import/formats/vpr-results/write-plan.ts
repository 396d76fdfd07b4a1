import type { ResolvedWork } from '../../work/context.ts';
import type { ParticipantRow, TaskDef } from '../../work/records.ts';

export interface WritePlan {
  /** import_batch row already inserted by importFile() */
  batchId: number;
  work: ResolvedWork;
  tasks: readonly TaskDef[];
  rows: readonly ParticipantRow[];
  /** warnings found before writing; stored with the batch together with the writer's own */
  warnings: readonly string[];
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}
