/**
 * Generating a monitoring cycle: one XLSX per school (its name and code filled in and locked,
 * lists and ranges on the answers, hints as notes, a very hidden sheet saying what the file is),
 * a ZIP of them all, and a blank municipal summary (one row per school) for answers taken by phone
 * or from paper, which Око collects the same way.
 */
import type { FormField, MonitoringForm } from './types.ts';
import type { XCell, XSheet, XValidation } from './xlsx-writer.ts';
import { cellRef } from './cell-ref.ts';
import { writeXlsx, zipFiles } from './xlsx-writer.ts';
import type { FileKind } from './layout.ts';
import {
  COL,
  FILL_NOTE,
  FORM_SHEET,
  HEADER_LABELS,
  KIND_WORDS,
  META_KEYS,
  META_MARKER,
  META_SHEET,
  ROW,
  SUMMARY,
  SUMMARY_HEADER,
  SUMMARY_SHEET,
  TABLE_HEADER,
  allowedText,
  russianDate,
  schoolYear,
  summaryColumnHeader,
} from './layout.ts';

/** A school a form is addressed to: `key` identifies it across sessions (ФИС ОКО login, else РЦОИ code). */
export interface Addressee {
  schoolId: number;
  key: string;
  name: string;
}

export interface Campaign {
  form: MonitoringForm;
  /** the school year by its end: 2026 = 2025/2026 */
  year: number;
  /** ISO date */
  deadline: string;
  addressees: readonly Addressee[];
  /** ISO date the forms were made */
  created: string;
}

const YES_NO = ['да', 'нет'] as const;

function validation(field: FormField, ref: string, fields: readonly FormField[]): XValidation {
  const prompt = { promptTitle: field.unit === 'да / нет' ? 'Да или нет' : field.unit, prompt: field.hint };
  const error = `Можно вписать: ${allowedText(field, fields)}.`;
  switch (field.kind) {
    case 'yesno':
      return { ref, type: 'list', items: [...YES_NO], error, ...prompt };
    case 'choice':
      return { ref, type: 'list', items: [...(field.choices ?? [])], error, ...prompt };
    default:
      return { ref, type: 'whole', min: field.min ?? 0, max: field.max ?? 100000, error, ...prompt };
  }
}

function metaSheet(campaign: Campaign, kind: FileKind, school: Addressee | null): XSheet {
  const row = (key: string, value: string | number): XCell[] => [{ value: key }, { value }];
  return {
    name: META_SHEET,
    state: 'veryHidden',
    rows: [
      [{ value: META_MARKER }, { value: 'Служебный лист: по нему Око узнаёт форму. Не изменяйте его.' }],
      row(META_KEYS.form, campaign.form.id),
      row(META_KEYS.version, campaign.form.version),
      row(META_KEYS.kind, KIND_WORDS[kind]),
      row(META_KEYS.year, campaign.year),
      row(META_KEYS.school, school?.key ?? ''),
      row(META_KEYS.deadline, campaign.deadline),
      row(META_KEYS.addressees, campaign.addressees.map((a) => a.key).join('; ')),
      row(META_KEYS.created, campaign.created),
    ],
    protect: true,
  };
}

/** Points per line of 11-pt text, and the lines a text wraps into in a column `width` characters wide. */
const LINE = 15;
const lines = (text: string, width: number) => Math.max(1, Math.ceil(text.length / width));

const labelNote = (field: FormField) => `${field.hint}\n\nИсточник: ${field.serves}`;

/** The sheets of one school's form: «Форма» and the hidden «oko». */
export function schoolFormSheets(campaign: Campaign, school: Addressee): XSheet[] {
  const { form } = campaign;
  const rows: XCell[][] = [];
  const set = (r: number, c: number, cell: XCell) => ((rows[r] ??= [])[c] = cell);
  set(ROW.title, 0, { value: `Форма мониторинга: ${form.title}`, style: 'title' });
  const header: Array<[number, string, XCell]> = [
    [ROW.year, HEADER_LABELS.year, { value: schoolYear(campaign.year), style: 'bold' }],
    [ROW.school, HEADER_LABELS.school, { value: school.name, style: 'bold' }],
    [ROW.code, HEADER_LABELS.code, { value: school.key, style: 'bold' }],
    [ROW.deadline, HEADER_LABELS.deadline, { value: russianDate(campaign.deadline), style: 'bold' }],
    [ROW.filled, HEADER_LABELS.filled, { value: null, style: 'date-input' }],
  ];
  for (const [r, label, value] of header) {
    set(r, COL.label, { value: label, style: 'bold' });
    set(r, COL.value, value);
  }
  set(ROW.note, 0, { value: FILL_NOTE, style: 'note' });
  TABLE_HEADER.forEach((text, c) => set(ROW.header, c, { value: text, style: 'header' }));
  const validations: XValidation[] = [
    {
      ref: cellRef(ROW.filled, COL.value),
      type: 'date',
      min: 36526, // 01.01.2000
      max: 73051, // 31.12.2099
      promptTitle: 'Дата заполнения',
      prompt: 'Дата в виде ДД.ММ.ГГГГ, например 20.05.2026.',
      error: 'Впишите дату в виде ДД.ММ.ГГГГ.',
    },
  ];
  const notes: Array<{ ref: string; text: string }> = [];
  form.fields.forEach((field, i) => {
    const r = ROW.firstField + i;
    set(r, COL.number, { value: i + 1, style: 'label' });
    set(r, COL.label, { value: field.label, style: 'label' });
    set(r, COL.unit, { value: field.unit, style: 'label' });
    set(r, COL.value, { value: null, style: 'input' });
    set(r, COL.allowed, { value: allowedText(field, form.fields), style: 'label' });
    validations.push(validation(field, cellRef(r, COL.value), form.fields));
    notes.push({ ref: cellRef(r, COL.label), text: labelNote(field) });
  });
  const heights: Record<number, number> = { [ROW.note]: lines(FILL_NOTE, 130) * LINE + 4, [ROW.header]: 2 * LINE };
  form.fields.forEach((field, i) => {
    heights[ROW.firstField + i] = Math.max(lines(field.label, 60), lines(allowedText(field, form.fields), 48)) * LINE + 3;
  });
  const footer = ROW.firstField + form.fields.length + 1;
  set(footer, 0, {
    value: `Форма «${form.id}», версия ${form.version}. Сформирована в Око ${russianDate(campaign.created)}. Верните заполненный файл в управление образования.`,
    style: 'note',
  });
  const sheet: XSheet = {
    name: FORM_SHEET,
    rows,
    widths: [5, 62, 10, 18, 42],
    validations,
    notes,
    protect: true,
    merges: [`A${ROW.title + 1}:E${ROW.title + 1}`, `A${ROW.note + 1}:E${ROW.note + 1}`, `A${footer + 1}:E${footer + 1}`],
    freezeRows: ROW.header + 1,
    heights,
    landscape: true,
  };
  return [sheet, metaSheet(campaign, 'school', school)];
}

export function schoolFormXlsx(campaign: Campaign, school: Addressee): Uint8Array {
  return writeXlsx(schoolFormSheets(campaign, school));
}

/** Characters Windows does not allow in a file name become «_». */
const safeName = (text: string) =>
  text
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();

/** «Профориентация и самоопределение обучающихся 2025-2026 — МБОУ «СОШ №1».xlsx» */
export function formFileName(campaign: Campaign, school: Addressee): string {
  return `${safeName(`${campaign.form.title} ${campaign.year - 1}-${campaign.year} — ${school.name}`)}.xlsx`;
}

export function summaryFileName(campaign: Campaign): string {
  return `${safeName(`${campaign.form.title} ${campaign.year - 1}-${campaign.year} — сводка муниципалитета`)}.xlsx`;
}

export function zipFileName(campaign: Campaign): string {
  return `${safeName(`${campaign.form.title} ${campaign.year - 1}-${campaign.year} — формы ОО`)}.zip`;
}

/** The blank municipal summary: one row per addressee, one column per field, the same lists and ranges. */
export function summarySheets(campaign: Campaign): XSheet[] {
  const { form } = campaign;
  const rows: XCell[][] = [];
  const set = (r: number, c: number, cell: XCell) => ((rows[r] ??= [])[c] = cell);
  set(SUMMARY.title, 0, { value: `Сводка мониторинга: ${form.title}`, style: 'title' });
  set(SUMMARY.year, 0, {
    value: `${HEADER_LABELS.year}: ${schoolYear(campaign.year)}. ${HEADER_LABELS.deadline}: ${russianDate(campaign.deadline)}.`,
    style: 'bold',
  });
  set(SUMMARY.year + 1, 0, {
    value: 'Заполните жёлтые ячейки строк тех ОО, чьи ответы получены не файлом формы; остальные строки оставьте пустыми.',
    style: 'note',
  });
  [...SUMMARY_HEADER, ...form.fields.map(summaryColumnHeader)].forEach((text, c) => set(SUMMARY.header, c, { value: text, style: 'header' }));
  const validations: XValidation[] = [];
  campaign.addressees.forEach((school, i) => {
    const r = SUMMARY.firstSchool + i;
    set(r, 0, { value: i + 1, style: 'label' });
    set(r, 1, { value: school.name, style: 'label' });
    set(r, 2, { value: school.key, style: 'label' });
    set(r, 3, { value: null, style: 'date-input' });
    form.fields.forEach((_, f) => set(r, SUMMARY.fixedColumns + f, { value: null, style: 'input' }));
  });
  if (campaign.addressees.length) {
    const first = SUMMARY.firstSchool;
    const last = SUMMARY.firstSchool + campaign.addressees.length - 1;
    validations.push({ ref: `${cellRef(first, 3)}:${cellRef(last, 3)}`, type: 'date', min: 36526, max: 73051, error: 'Впишите дату в виде ДД.ММ.ГГГГ.' });
    form.fields.forEach((field, f) => {
      const c = SUMMARY.fixedColumns + f;
      validations.push(validation(field, `${cellRef(first, c)}:${cellRef(last, c)}`, form.fields));
    });
  }
  const notes = form.fields.map((field, f) => ({ ref: cellRef(SUMMARY.header, SUMMARY.fixedColumns + f), text: labelNote(field) }));
  const sheet: XSheet = {
    name: SUMMARY_SHEET,
    rows,
    widths: [5, 40, 14, 14, ...form.fields.map(() => 18)],
    validations,
    notes,
    protect: true,
    freezeRows: SUMMARY.header + 1,
    heights: { [SUMMARY.header]: Math.max(...form.fields.map((f) => lines(summaryColumnHeader(f), 16))) * LINE + 4 },
    landscape: true,
  };
  return [sheet, metaSheet(campaign, 'summary', null)];
}

export function summaryXlsx(campaign: Campaign): Uint8Array {
  return writeXlsx(summarySheets(campaign));
}

/** Every school's form in one ZIP, named by school. */
export function campaignZip(campaign: Campaign): Uint8Array {
  return zipFiles(campaign.addressees.map((school) => ({ name: formFileName(campaign, school), bytes: schoolFormXlsx(campaign, school) })));
}
