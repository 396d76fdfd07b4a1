/**
 * Collecting returned forms: an Importer (src/core/import/pipeline/registry.ts) that recognises a form by
 * its very hidden sheet (form id, version, school year, school, deadline, addressees), checks it,
 * and merges the answers into monitoring_value — one row per school, school year and field.
 *
 * - A file that cannot be attributed — unknown form or version, a school not in this session —
 *   is refused with ImportError: nothing is written.
 * - A form that can be attributed but has wrong answers or edited locked cells is recorded as
 *   «не принята» (monitoring_return.status = 'refused') with every problem, and none of its answers
 *   reach the indicators: the status board shows the school what to fix, and the fixed form
 *   replaces it.
 * - A newer form of the same school, form and year replaces the older one (its return and answers,
 *   whichever file brought them); a form filled earlier than the one in the session is refused.
 * - An older version of a form is migrated to the current fields (forms/*.ts say how) or refused
 *   with the reason.
 */
import type { Database } from '../db.ts';
import { queryObjects } from '../db.ts';
import type { Cell } from '../import/cells.ts';
import { cellText, isBlank } from '../import/cells.ts';
import { fileError, plural, quoted } from '../import/messages.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../import/pipeline/registry.ts';
import type { SheetGrid } from '../import/read/workbook.ts';
import type { Answers } from './answers.ts';
import { cellPlace, lockedProblem, partProblems, readAnswer, readDate } from './answers.ts';
import { cellRef } from './cell-ref.ts';
import { findForm } from './forms/index.ts';
import type { Addressee } from './generate.ts';
import type { FileKind } from './layout.ts';
import {
  COL,
  FORM_SHEET,
  HEADER_LABELS,
  KIND_WORDS,
  META_KEYS,
  META_MARKER,
  ROW,
  SUMMARY,
  SUMMARY_HEADER,
  SUMMARY_SHEET,
  TABLE_HEADER,
  allowedText,
  russianDate,
  schoolYear,
  summaryColumnHeader,
  versionRows,
} from './layout.ts';
import { resolveSchoolKey } from './schools.ts';
import type { MonitoringForm, OlderVersion } from './types.ts';

export const MONITORING_FORMAT = 'monitoring_form';
export const MONITORING_LABEL = 'Форма мониторинга Око';

/** Problems shown in a warning; the status board keeps them all. */
const SHOWN_PROBLEMS = 3;

interface Meta {
  form: string;
  version: number;
  kind: FileKind;
  year: number;
  school: string;
  deadline: string;
  addressees: string[];
  created: string;
}

function readMeta(sheet: SheetGrid): Meta {
  const values = new Map<string, Cell>();
  for (const row of sheet.rows) if (row && !isBlank(row[0])) values.set(cellText(row[0]), row[1]);
  const text = (key: string) => cellText(values.get(key));
  const kindWord = text(META_KEYS.kind);
  return {
    form: text(META_KEYS.form),
    version: Number(text(META_KEYS.version)),
    kind: kindWord === KIND_WORDS.summary ? 'summary' : 'school',
    year: Number(text(META_KEYS.year)),
    school: text(META_KEYS.school),
    deadline: text(META_KEYS.deadline),
    addressees: text(META_KEYS.addressees)
      .split(';')
      .map((k) => k.trim())
      .filter(Boolean),
    created: text(META_KEYS.created),
  };
}

/** A returned school's answers, checked. */
interface Return {
  school: Addressee;
  filledOn: string | null;
  answers: Answers;
  problems: string[];
}

/** The form as the file has it: the current fields, or an older version and how it upgrades. */
interface Version {
  form: MonitoringForm;
  version: number;
  older: OlderVersion | null;
}

function refuse(file: string, text: string): Error {
  return fileError('invalid-value', { file }, text);
}

function versionOf(file: string, meta: Meta): Version {
  const form = findForm(meta.form);
  if (!form) {
    return fail(`это форма мониторинга Око, но вид формы «${quoted(meta.form)}» этой версии Око неизвестен. Загрузите форму, сделанную в Око этой версии.`);
  }
  if (!Number.isInteger(meta.version) || meta.version < 1)
    fail(`служебный лист формы «${form.title}» повреждён (нет номера версии). Сформируйте форму для ОО заново.`);
  if (meta.version > form.version) {
    fail(`форма «${form.title}» версии ${meta.version} сделана более новой версией Око (эта знает версию ${form.version}). Обновите Око.`);
  }
  if (meta.version === form.version) return { form, version: meta.version, older: null };
  const older = form.history.find((h) => h.version === meta.version);
  if (!older) fail(`форма «${form.title}» версии ${meta.version} этой версии Око неизвестна. Отправьте ОО форму версии ${form.version}.`);
  if (older.upgrade.kind === 'refuse') fail(`форма «${form.title}» версии ${meta.version} не принята: ${older.upgrade.reason}.`);
  return { form, version: meta.version, older };

  function fail(text: string): never {
    throw refuse(file, text);
  }
}

/** Rows of the form sheet as this version laid them out: code, label, unit and (current version) field. */
function rowsOf(version: Version) {
  return versionRows(version.form, version.version);
}

function formSheetOf(file: string, sheets: readonly SheetGrid[], name: string, title: string): SheetGrid {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw refuse(file, `в файле формы «${title}» нет листа «${name}». Заполняйте форму в том виде, в каком её прислало управление образования.`);
  return sheet;
}

const at = (sheet: SheetGrid, r: number, c: number): Cell => sheet.rows[r]?.[c];

/** One school's form (sheet «Форма»). */
function readSchoolForm(file: string, sheets: readonly SheetGrid[], version: Version, meta: Meta, school: Addressee): Return {
  const { form } = version;
  const sheet = formSheetOf(file, sheets, FORM_SHEET, form.title);
  const problems: string[] = [];
  const locked = (r: number, c: number, expected: string | number) => {
    const problem = lockedProblem(FORM_SHEET, cellRef(r, c), at(sheet, r, c), expected);
    if (problem) problems.push(problem);
  };
  locked(ROW.title, 0, `Форма мониторинга: ${form.title}`);
  const header: Array<[number, string, string | null]> = [
    [ROW.year, HEADER_LABELS.year, schoolYear(meta.year)],
    [ROW.school, HEADER_LABELS.school, school.name],
    [ROW.code, HEADER_LABELS.code, meta.school],
    [ROW.deadline, HEADER_LABELS.deadline, russianDate(meta.deadline)],
    [ROW.filled, HEADER_LABELS.filled, null],
  ];
  for (const [r, label, value] of header) {
    locked(r, COL.label, label);
    if (value !== null) locked(r, COL.value, value);
  }
  TABLE_HEADER.forEach((text, c) => locked(ROW.header, c, text));
  const rows = rowsOf(version);
  rows.forEach((row, i) => {
    const r = ROW.firstField + i;
    locked(r, COL.number, i + 1);
    locked(r, COL.label, row.label);
    locked(r, COL.unit, row.unit);
    if (row.field) locked(r, COL.allowed, allowedText(row.field, form.fields));
  });
  const date = readDate(at(sheet, ROW.filled, COL.value), cellPlace(FORM_SHEET, cellRef(ROW.filled, COL.value), HEADER_LABELS.filled));
  if (date.problem) problems.push(date.problem);
  const rowOf = (code: string) => ROW.firstField + rows.findIndex((row) => row.code === code);
  const refOf = (code: string) => cellRef(rowOf(code), COL.value);
  const answers = readAnswers(
    version,
    (code) => at(sheet, rowOf(code), COL.value),
    (code, label) => cellPlace(FORM_SHEET, refOf(code), label),
    refOf,
    problems,
  );
  return { school, filledOn: date.date, answers, problems };
}

/**
 * The answers of one school by field code (older versions upgraded), problems appended.
 * `raw(code)` is the cell of a field of the file's version; `where`/`ref` name it.
 */
function readAnswers(
  version: Version,
  raw: (code: string) => Cell,
  where: (code: string, label: string) => string,
  ref: (code: string) => string,
  problems: string[],
): Answers {
  const { form, older } = version;
  if (!older) {
    const answers: Answers = {};
    for (const field of form.fields) {
      const read = readAnswer(field, form.fields, raw(field.code), where(field.code, field.label));
      answers[field.code] = read.value;
      if (read.problem) problems.push(read.problem);
    }
    problems.push(...partProblems(form.fields, answers, (code) => where(code, form.fields.find((f) => f.code === code)!.label), ref));
    return answers;
  }
  // An older version: each answer read and checked as the current field it becomes, under its old label.
  if (older.upgrade.kind !== 'migrate') return {};
  const renamed = older.upgrade.renamed;
  const answers: Answers = {};
  const oldCodeOf = new Map<string, string>();
  for (const row of older.fields) {
    const current = form.fields.find((f) => f.code === (renamed[row.code] ?? row.code));
    if (!current) continue;
    const read = readAnswer({ ...current, label: row.label }, form.fields, raw(row.code), where(row.code, row.label));
    answers[current.code] = read.value;
    oldCodeOf.set(current.code, row.code);
    if (read.problem) problems.push(read.problem);
  }
  const old = (code: string) => oldCodeOf.get(code) ?? code;
  const asked = form.fields.filter((f) => oldCodeOf.has(f.code));
  problems.push(
    ...partProblems(
      asked,
      answers,
      (code) => where(old(code), form.fields.find((f) => f.code === code)!.label),
      (code) => ref(old(code)),
    ),
  );
  return answers;
}

/** The municipal summary (sheet «Сводка»): a return for every school row with anything filled in. */
function readSummary(file: string, sheets: readonly SheetGrid[], version: Version, addressees: ReadonlyMap<string, Addressee>): Return[] {
  const { form } = version;
  if (version.older) throw refuse(file, `сводка формы «${form.title}» версии ${version.version} устарела. Сформируйте сводку заново.`);
  const sheet = formSheetOf(file, sheets, SUMMARY_SHEET, form.title);
  const headerProblems: string[] = [];
  [...SUMMARY_HEADER, ...form.fields.map(summaryColumnHeader)].forEach((text, c) => {
    const problem = lockedProblem(SUMMARY_SHEET, cellRef(SUMMARY.header, c), at(sheet, SUMMARY.header, c), text);
    if (problem) headerProblems.push(problem);
  });
  if (headerProblems.length) throw refuse(file, `${headerProblems[0]}. Сформируйте сводку заново.`);
  const returns: Return[] = [];
  for (let r = SUMMARY.firstSchool; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const inputs = [3, ...form.fields.map((_, f) => SUMMARY.fixedColumns + f)];
    if (inputs.every((c) => isBlank(row[c]))) continue;
    const code = cellText(row[2]);
    const school = addressees.get(code);
    if (!school) {
      throw refuse(
        file,
        `${cellPlace(SUMMARY_SHEET, cellRef(r, 2))}: ОО с кодом «${quoted(code)}» нет среди адресатов сводки или в справочнике ОО этой сессии. ` +
          'Не меняйте столбцы «Образовательная организация» и «Код ОО»; для другой ОО сформируйте сводку заново.',
      );
    }
    const problems: string[] = [];
    const nameProblem = lockedProblem(SUMMARY_SHEET, cellRef(r, 1), row[1], school.name);
    if (nameProblem) problems.push(nameProblem);
    const date = readDate(row[3], cellPlace(SUMMARY_SHEET, cellRef(r, 3), HEADER_LABELS.filled));
    if (date.problem) problems.push(date.problem);
    const column = (code: string) => SUMMARY.fixedColumns + form.fields.findIndex((f) => f.code === code);
    const answers = readAnswers(
      version,
      (c) => row[column(c)],
      (c, label) => cellPlace(SUMMARY_SHEET, cellRef(r, column(c)), label),
      (c) => cellRef(r, column(c)),
      problems,
    );
    returns.push({ school, filledOn: date.date, answers, problems });
  }
  if (!returns.length)
    throw fileError('empty', { file, sheet: SUMMARY_SHEET }, 'в сводке не заполнена ни одна строка ОО. Заполните строки ОО и загрузите файл снова.');
  return returns;
}

interface Earlier {
  return_id: number;
  filled_on: string | null;
  file_name: string | null;
}

function earlierReturn(db: Database, formId: string, year: number, schoolId: number): Earlier | null {
  return (
    queryObjects<Earlier>(db, 'SELECT return_id, filled_on, file_name FROM monitoring_return WHERE form_id = ? AND year = ? AND school_id = ?', [
      formId,
      year,
      schoolId,
    ])[0] ?? null
  );
}

/** The campaign row and its addressees: made by «Сформировать», or by the first returned form of it. */
export function ensureCampaign(
  db: Database,
  campaign: { formId: string; year: number; version: number; deadline: string | null; created: string | null },
  schoolIds: readonly number[],
): void {
  db.run('INSERT OR IGNORE INTO monitoring_campaign (form_id, year, form_version, deadline, created_at) VALUES (?, ?, ?, ?, ?)', [
    campaign.formId,
    campaign.year,
    campaign.version,
    campaign.deadline,
    campaign.created,
  ]);
  const insert = db.prepare('INSERT OR IGNORE INTO monitoring_addressee (form_id, year, school_id) VALUES (?, ?, ?)');
  try {
    for (const id of schoolIds) insert.run([campaign.formId, campaign.year, id]);
  } finally {
    insert.free();
  }
}

function problemsWarning(form: MonitoringForm, year: number, back: Return): string {
  const n = back.problems.length;
  const list = back.problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const more = n > SHOWN_PROBLEMS ? `; и ещё ${n - SHOWN_PROBLEMS} — в «Мониторингах»` : '';
  return (
    `Форма ОО «${back.school.name}» (мониторинг «${form.title}», ${schoolYear(year)}) не принята: ${n} ${plural(n, 'ошибка', 'ошибки', 'ошибок')} — ${list}${more}. ` +
    'Её ответы не вошли в показатели; исправленную форму загрузите снова — она заменит эту.'
  );
}

function collect(db: Database, ctx: RunContext, sheets: readonly SheetGrid[], metaSheet: SheetGrid): RunOutcome {
  const file = ctx.fileName;
  const meta = readMeta(metaSheet);
  const version = versionOf(file, meta);
  const { form } = version;
  if (!Number.isInteger(meta.year) || meta.year < 2000 || meta.year > 2100)
    throw refuse(file, `служебный лист формы «${form.title}» повреждён (нет учебного года). Сформируйте форму заново.`);
  const known = new Map<string, Addressee>();
  for (const key of meta.addressees) {
    const school = resolveSchoolKey(db, key);
    if (school) known.set(key, school);
  }
  let returns: Return[];
  if (meta.kind === 'school') {
    const school = resolveSchoolKey(db, meta.school);
    if (!school) {
      throw refuse(
        file,
        `${cellPlace(FORM_SHEET, cellRef(ROW.code, COL.value))}: форма сделана для ОО с кодом «${quoted(meta.school)}», а такой ОО нет в справочнике ОО этой сессии. ` +
          'Проверьте, что форма из вашего муниципалитета, или загрузите справочник ОО, где она есть.',
      );
    }
    known.set(meta.school, school);
    returns = [readSchoolForm(file, sheets, version, meta, school)];
  } else {
    returns = readSummary(file, sheets, version, known);
  }
  ensureCampaign(db, { formId: form.id, year: meta.year, version: form.version, deadline: meta.deadline || null, created: meta.created || null }, [
    ...new Set([...known.values()].map((s) => s.schoolId)),
  ]);
  const warnings: string[] = [];
  if (version.older?.upgrade.kind === 'migrate') warnings.push(`Файл «${file}»: ${version.older.upgrade.note}.`);
  const insertReturn = db.prepare(
    `INSERT INTO monitoring_return (form_id, year, school_id, form_version, filled_on, status, problems, file_name, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertValue = db.prepare('INSERT INTO monitoring_value (form_id, year, school_id, field, value, import_batch_id) VALUES (?, ?, ?, ?, ?, ?)');
  let values = 0;
  try {
    for (const back of returns) {
      const earlier = earlierReturn(db, form.id, meta.year, back.school.schoolId);
      if (earlier) {
        if (earlier.filled_on && back.filledOn && back.filledOn < earlier.filled_on) {
          throw refuse(
            file,
            `форма ОО «${back.school.name}» заполнена ${russianDate(back.filledOn)}, а в сессии уже есть её более поздняя форма ` +
              `(заполнена ${russianDate(earlier.filled_on)}, файл «${earlier.file_name ?? ''}»). Более старая форма не заменяет новую.`,
          );
        }
        db.run('DELETE FROM monitoring_value WHERE form_id = ? AND year = ? AND school_id = ?', [form.id, meta.year, back.school.schoolId]);
        db.run('DELETE FROM monitoring_return WHERE return_id = ?', [earlier.return_id]);
        const when = earlier.filled_on ? `, заполнена ${russianDate(earlier.filled_on)}` : '';
        warnings.push(`Форма ОО «${back.school.name}» за ${schoolYear(meta.year)} заменила загруженную раньше (файл «${earlier.file_name ?? ''}»${when}).`);
      }
      const accepted = back.problems.length === 0;
      insertReturn.run([
        form.id,
        meta.year,
        back.school.schoolId,
        version.version,
        back.filledOn,
        accepted ? 'accepted' : 'refused',
        JSON.stringify(back.problems),
        file,
        ctx.batchId,
      ]);
      if (!accepted) {
        warnings.push(problemsWarning(form, meta.year, back));
        continue;
      }
      for (const field of form.fields) {
        const value = back.answers[field.code];
        if (value === null || value === undefined) continue;
        insertValue.run([form.id, meta.year, back.school.schoolId, field.code, value, ctx.batchId]);
        values++;
      }
    }
  } finally {
    insertReturn.free();
    insertValue.free();
  }
  const accepted = returns.filter((r) => r.problems.length === 0).length;
  const label = `Мониторинг «${form.title}», ${schoolYear(meta.year)}: ${
    returns.length === 1 ? `форма ОО «${returns[0].school.name}» ${accepted ? 'принята' : 'не принята'}` : `принято форм ОО — ${accepted} из ${returns.length}`
  }`;
  ctx.onProgress?.(returns.length, returns.length);
  return { rows: values, taskScores: 0, schools: returns.length, assessments: [label], warnings };
}

/** Returned monitoring forms and municipal summaries (generate.ts), recognised by their hidden sheet. */
export const monitoringImporter: Importer = {
  id: 'monitoring-form',
  labels: { [MONITORING_FORMAT]: MONITORING_LABEL },
  supported:
    'форма мониторинга, сформированная в Око и заполненная ОО (профориентация, руководители, педагоги и наставничество, воспитание, дошкольное образование), или сводка муниципалитета к ней',
  detect(_fileName: string, sheets: readonly SheetGrid[]): Detected | null {
    const meta = sheets.find((sheet) => cellText(sheet.rows[0]?.[0]) === META_MARKER);
    if (!meta) return null;
    return { format: MONITORING_FORMAT, label: MONITORING_LABEL, confidence: 0.99, run: (db, ctx) => collect(db, ctx, sheets, meta) };
  },
};
