/** One file as the user dropped it. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * What a file may not say about itself (a school's «Форма сбора результатов» names neither the
 * school nor the work). The UI asks the user and imports again with this filled in.
 */
export interface ImportContext {
  schoolLogin?: string;
  schoolName?: string;
  municipalityName?: string;
  year?: number;
  subject?: string;
  grade?: number;
  /** «хранить ФИО»: РЦОИ names and documents go to person_name in clear (off by default: only keyed hashes are kept). */
  keepNames?: boolean;
}

export interface ImportOptions {
  context?: ImportContext;
  /** ISO timestamp for import_batch.imported_at; tests pass a fixed one. */
  now?: string;
  /** Called now and then with the rows written so far (for a progress bar). */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Called now and then with the rows read from the file so far, before any is written (big XLSX sheets). */
  onRead?: (rowsRead: number, rowsTotal: number) => void;
  /**
   * «Заменить»: when the same bytes (SHA-256) were imported before, that import is deleted
   * (delete-batch.ts) and the file imported again — in the same savepoint, so a failure keeps the
   * old rows. Without it such a file is refused with 'duplicate'.
   */
  replaceDuplicate?: boolean;
  /** 'sheetjs': read big XLSX sheets with SheetJS too (benchmarks compare the readers); default 'auto' */
  xlsxReader?: 'auto' | 'sheetjs';
  /**
   * «Заменить файлом…»: import `replaceBatch` (import_batch_id) is deleted and this file imported
   * in its place, in the same savepoint — a failure keeps the old rows.
   */
  replaceBatch?: number;
}

export interface ImportSummary {
  fileName: string;
  /** import_batch.detected_format, e.g. 'fisoko_f1', 'vpr_form_2026', 'vpr_form_2022'. */
  format: string;
  /** Russian name of the format, e.g. «ФИС ОКО: Индивидуальные результаты». */
  formatLabel: string;
  batchId: number;
  /** result rows written */
  rows: number;
  /** task_score rows written */
  taskScores: number;
  schools: number;
  /** Russian labels of the works touched, e.g. «ВПР 2026, Русский язык, 4 класс». */
  assessments: string[];
  warnings: string[];
}

export type ImportErrorCode =
  | 'unreadable' // not a spreadsheet / broken file
  | 'unknown-format' // readable, but no known layout recognised
  | 'invalid-value' // a cell holds a value the layout does not allow
  | 'missing-column'
  | 'duplicate-column' // two columns with the same header where one is expected
  | 'too-large' // over a size limit, or a zip bomb (limits.ts)
  | 'empty'
  | 'duplicate' // the same file (SHA-256) was imported before
  | 'needs-context'; // the file does not say which school/work it is: ask the user

/** A Russian, user-facing explanation that names the place in the file. */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly file: string;
  readonly sheet?: string;
  /** 1-based row number as Excel shows it */
  readonly row?: number;
  /** column header text (or letter when there is no header) */
  readonly column?: string;
  readonly value?: string;
  /** for 'needs-context': which fields the user must give, with guesses where we have them */
  readonly needs?: { fields: Array<keyof ImportContext>; guess: ImportContext };
  /** what the short message leaves out, shown on request («Подробнее»): e.g. every format Око knows */
  readonly details?: string[];

  constructor(init: {
    code: ImportErrorCode;
    message: string;
    file: string;
    sheet?: string;
    row?: number;
    column?: string;
    value?: string;
    needs?: { fields: Array<keyof ImportContext>; guess: ImportContext };
    details?: string[];
  }) {
    super(init.message);
    this.name = 'ImportError';
    this.code = init.code;
    this.file = init.file;
    this.sheet = init.sheet;
    this.row = init.row;
    this.column = init.column;
    this.value = init.value;
    this.needs = init.needs;
    if (init.details) this.details = init.details;
  }
}
