/**
 * The status board: for every cycle (form and school year), which school returned what — accepted,
 * accepted after the deadline, refused with its problems, not returned yet, not returned and
 * overdue — and the list of schools still owing an accepted form, as a file to send round.
 * «Today» is an argument: the board never reads the clock itself.
 */
import type { Database } from '../db.ts';
import { queryObjects } from '../db.ts';
import { findForm } from './forms/index.ts';
import { russianDate, schoolYear } from './layout.ts';
import { schoolKey } from './schools.ts';
import { writeXlsx } from './xlsx-writer.ts';

export type ReturnStatus = 'accepted' | 'late' | 'refused' | 'waiting' | 'overdue';

export const STATUS_WORDS: Record<ReturnStatus, string> = {
  accepted: 'принята',
  late: 'принята после срока',
  refused: 'не принята: есть ошибки',
  waiting: 'ещё не получена',
  overdue: 'не получена, срок прошёл',
};

export interface CampaignSummary {
  formId: string;
  title: string;
  year: number;
  /** «2025/2026» */
  yearLabel: string;
  deadline: string | null;
  addressees: number;
  accepted: number;
  late: number;
  refused: number;
  /** waiting + overdue */
  missing: number;
}

export interface StatusRow {
  schoolId: number;
  school: string;
  key: string;
  status: ReturnStatus;
  filledOn: string | null;
  fileName: string | null;
  problems: string[];
}

function statusOf(row: { status: string | null; filled_on: string | null }, deadline: string | null, today: string): ReturnStatus {
  if (row.status === 'refused') return 'refused';
  if (row.status === 'accepted') return deadline && row.filled_on && row.filled_on > deadline ? 'late' : 'accepted';
  return deadline && today > deadline ? 'overdue' : 'waiting';
}

interface BoardRow {
  school_id: number;
  fisoko_login: string | null;
  gia_code: string | null;
  name: string;
  status: string | null;
  filled_on: string | null;
  file_name: string | null;
  problems: string | null;
}

/** One cycle's rows: every addressee (and any school that returned without being one), by name. */
export function statusBoard(db: Database, formId: string, year: number, today: string): StatusRow[] {
  const deadline =
    queryObjects<{ deadline: string | null }>(db, 'SELECT deadline FROM monitoring_campaign WHERE form_id = ? AND year = ?', [formId, year])[0]?.deadline ??
    null;
  const rows = queryObjects<BoardRow>(
    db,
    `WITH schools AS (
       SELECT school_id FROM monitoring_addressee WHERE form_id = :form AND year = :year
       UNION SELECT school_id FROM monitoring_return WHERE form_id = :form AND year = :year
     )
     SELECT s.school_id, s.fisoko_login, s.gia_code, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
            r.status, r.filled_on, r.file_name, r.problems
     FROM schools JOIN school s ON s.school_id = schools.school_id
     LEFT JOIN monitoring_return r ON r.form_id = :form AND r.year = :year AND r.school_id = s.school_id
     ORDER BY name, s.school_id`,
    { ':form': formId, ':year': year },
  );
  return rows.map((row) => ({
    schoolId: row.school_id,
    school: row.name,
    key: schoolKey(row),
    status: statusOf(row, deadline, today),
    filledOn: row.filled_on,
    fileName: row.file_name,
    problems: row.problems ? (JSON.parse(row.problems) as string[]) : [],
  }));
}

/** Every cycle of the session, newest school year first, forms in catalogue order. */
export function campaigns(db: Database, today: string): CampaignSummary[] {
  const list = queryObjects<{ form_id: string; year: number; deadline: string | null }>(
    db,
    'SELECT form_id, year, deadline FROM monitoring_campaign ORDER BY year DESC, form_id',
  );
  return list.map((c) => {
    const board = statusBoard(db, c.form_id, c.year, today);
    const count = (...statuses: ReturnStatus[]) => board.filter((r) => statuses.includes(r.status)).length;
    return {
      formId: c.form_id,
      title: findForm(c.form_id)?.title ?? c.form_id,
      year: c.year,
      yearLabel: schoolYear(c.year),
      deadline: c.deadline,
      addressees: board.length,
      accepted: count('accepted', 'late'),
      late: count('late'),
      refused: count('refused'),
      missing: count('waiting', 'overdue'),
    };
  });
}

/** The schools still owing an accepted form, as an XLSX that says what it is: title, cycle, date, then one row per school. */
export function missingSchoolsXlsx(db: Database, formId: string, year: number, today: string): { fileName: string; bytes: Uint8Array; count: number } {
  const form = findForm(formId);
  const title = form?.title ?? formId;
  const owing = statusBoard(db, formId, year, today).filter((r) => r.status !== 'accepted' && r.status !== 'late');
  const deadline = queryObjects<{ deadline: string | null }>(db, 'SELECT deadline FROM monitoring_campaign WHERE form_id = ? AND year = ?', [formId, year])[0]
    ?.deadline;
  const rows = [
    [{ value: `ОО, не сдавшие форму мониторинга «${title}» за ${schoolYear(year)} учебный год`, style: 'title' as const }],
    [
      {
        value: `Срок сдачи: ${deadline ? russianDate(deadline) : 'не указан'}. Список на ${russianDate(today)}: ${owing.length} ОО. Источник: Око, «Мониторинги».`,
      },
    ],
    [],
    ['№', 'Образовательная организация', 'Код ОО', 'Состояние', 'Что исправить'].map((value) => ({ value, style: 'header' as const })),
    ...owing.map((r, i) => [
      { value: i + 1, style: 'label' as const },
      { value: r.school, style: 'label' as const },
      { value: r.key, style: 'label' as const },
      { value: STATUS_WORDS[r.status], style: 'label' as const },
      { value: r.problems.join('\n'), style: 'label' as const },
    ]),
  ];
  const bytes = writeXlsx([{ name: 'Не сдали', rows, widths: [5, 40, 14, 26, 90] }]);
  const name = `${title} ${year - 1}-${year} — не сдали на ${russianDate(today)}`.replace(/[\\/:*?"<>|]/g, '_');
  return { fileName: `${name}.xlsx`, bytes, count: owing.length };
}
