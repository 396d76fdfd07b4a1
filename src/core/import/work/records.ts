import type { TaskColumn } from '../columns.ts';
import type { ResultFormatId } from '../formats.ts';
import type { Place } from '../messages.ts';

/** What the file itself says about the work; the rest must come from the user (ImportContext). */
export interface WorkFacts {
  year?: number;
  subjectName?: string;
  grade?: number;
  maxPrimary?: number;
  /** ISO 'YYYY-MM-DD' */
  examDate?: string;
  /** where the subject name was read, for messages */
  subjectPlace?: Place;
}

export interface TaskDef extends TaskColumn {
  /** «Уровень сложности задания»: 'Б', 'П', 'В' */
  difficulty: string | null;
}

/** One participant row of the file, converted and checked cell by cell. */
export interface ParticipantRow {
  /** 1-based Excel row */
  row: number;
  schoolLogin: string | null;
  schoolName: string | null;
  /** as written, possibly with «(reg99_m001)» */
  municipalityName: string | null;
  participantCode: string;
  classOrdinal: number | null;
  classLabel: string | null;
  variant: string | null;
  absent: boolean;
  /** per task (TaskDef.position - 1): points, null for «X» or a blank cell */
  scores: Array<number | null>;
  /** per task: the cell as written ('2', 'X'), null for a blank cell (no task_score row) */
  raws: Array<string | null>;
  /** sum of task points («X» counts 0); null when no task cell is filled */
  taskSum: number | null;
  /** «Первичный балл» (Ф1) or «Итого баллов» (form) as written */
  statedPrimary: number | null;
  /** «Отметка» as written (Ф1 only) */
  statedMark: number | null;
  journalMark: number | null;
  /** result.primary_score and result.mark, decided by scoreRows() */
  primaryScore: number | null;
  mark: number | null;
}

export interface ParsedSheet {
  format: ResultFormatId;
  sheet: string;
  /** 1-based Excel row of the header */
  headerRow: number;
  work: WorkFacts;
  tasks: TaskDef[];
  rows: ParticipantRow[];
  /** header texts, for messages about rows */
  participantColumn: string;
  schoolColumn: string | null;
  warnings: string[];
}
