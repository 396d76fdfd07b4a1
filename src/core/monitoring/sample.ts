/**
 * Returned monitoring forms, as a school sends them back: the generated form (src/core/monitoring/
 * generate.ts) with the fill-in date and the answers written into its yellow cells. Byte-identical
 * on every call, like every sample.
 */
import type { Addressee, Campaign } from './generate.ts';
import { schoolFormSheets, summarySheets } from './generate.ts';
import { COL, ROW, SUMMARY } from './layout.ts';
import type { XCell } from './xlsx-writer.ts';
import { writeXlsx } from './xlsx-writer.ts';

/** Answers by field code: a number, «да» / «нет», or any text a school might type. */
export type FormAnswers = Record<string, string | number | null>;

export interface FilledForm {
  /** ISO date or a text as typed ('20.05.2026') */
  filledOn: string | null;
  answers: FormAnswers;
  /** locked cells a school changed anyway: 'D3' → new text */
  edits?: Record<string, string | number>;
}

const parseRef = (ref: string) => {
  const m = /^([A-Z])(\d+)$/.exec(ref)!;
  return { row: Number(m[2]) - 1, column: m[1].charCodeAt(0) - 65 };
};

/** '2026-05-20' → the Excel date serial a date cell holds. */
export function excelDate(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

const dateCell = (filledOn: string | null): XCell['value'] => (filledOn && /^\d{4}-\d{2}-\d{2}$/.test(filledOn) ? excelDate(filledOn) : filledOn);

export function filledFormXlsx(campaign: Campaign, school: Addressee, filled: FilledForm): Uint8Array {
  const sheets = schoolFormSheets(campaign, school);
  const rows = sheets[0].rows;
  const put = (r: number, c: number, value: XCell['value']) => {
    const row = (rows[r] ??= []);
    row[c] = { ...(row[c] ?? {}), value };
  };
  put(ROW.filled, COL.value, dateCell(filled.filledOn));
  campaign.form.fields.forEach((field, i) => {
    const value = filled.answers[field.code];
    if (value !== undefined) put(ROW.firstField + i, COL.value, value);
  });
  for (const [ref, value] of Object.entries(filled.edits ?? {})) {
    const { row, column } = parseRef(ref);
    put(row, column, value);
  }
  return writeXlsx(sheets);
}

/** The municipal summary with some schools' rows filled in (by school key). */
export function filledSummaryXlsx(campaign: Campaign, filled: Record<string, FilledForm>): Uint8Array {
  const sheets = summarySheets(campaign);
  const rows = sheets[0].rows;
  campaign.addressees.forEach((school, i) => {
    const answers = filled[school.key];
    if (!answers) return;
    const row = (rows[SUMMARY.firstSchool + i] ??= []);
    row[3] = { ...(row[3] ?? {}), value: dateCell(answers.filledOn) };
    campaign.form.fields.forEach((field, f) => {
      const value = answers.answers[field.code];
      if (value !== undefined) row[SUMMARY.fixedColumns + f] = { ...(row[SUMMARY.fixedColumns + f] ?? {}), value };
    });
  });
  return writeXlsx(sheets);
}
