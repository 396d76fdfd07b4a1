import type { Database } from '../db.ts';

/**
 * Reference data shipped with the app (docs/methodology.md, «Что Око знает заранее»). It is data,
 * not code: the user edits these tables in the grid when a new year's scale or threshold appears.
 */

/** [code, name, ФИС ОКО sheet abbreviation]. Only РУ and МА abbreviations are verified. */
export const SUBJECTS: ReadonlyArray<readonly [string, string, string | null]> = [
  ['rus', 'Русский язык', 'РУ'],
  ['math', 'Математика', 'МА'],
  ['okr', 'Окружающий мир', 'ОМ'],
  ['bio', 'Биология', 'БИ'],
  ['geo', 'География', 'ГЕ'],
  ['hist', 'История', 'ИС'],
  ['soc', 'Обществознание', 'ОБ'],
  ['phys', 'Физика', 'ФИ'],
  ['chem', 'Химия', 'ХИ'],
  ['inf', 'Информатика', 'ИН'],
  ['lit', 'Литература', 'ЛИ'],
  ['eng', 'Английский язык', 'АЯ'],
  ['deu', 'Немецкий язык', 'НЯ'],
  ['fra', 'Французский язык', 'ФЯ'],
  ['spa', 'Испанский язык', 'ИЯ'],
  ['chi', 'Китайский язык', 'КЯ'],
];

/** Extra spellings of subject names met in files → canonical code. */
export const SUBJECT_NAME_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['русский', 'rus'],
  ['математика базовая', 'math'],
  ['математика профильная', 'math'],
  ['математика (базовый уровень)', 'math'],
  ['математика (профильный уровень)', 'math'],
  ['информатика и икт', 'inf'],
  ['информатика и икт (кегэ)', 'inf'],
  ['информатика (кегэ)', 'inf'],
  ['английский', 'eng'],
  ['немецкий', 'deu'],
  ['французский', 'fra'],
  ['испанский', 'spa'],
  ['китайский', 'chi'],
];

interface ScaleRow {
  kind: string;
  year: number;
  subject: string;
  grade: number;
  /** Lower bounds of marks 3, 4, 5 and the maximum score. */
  bounds: readonly [number, number, number, number];
  source: string;
  condition?: string;
}

export const MARK_SCALES: readonly ScaleRow[] = [
  {
    kind: 'vpr',
    year: 2026,
    subject: 'rus',
    grade: 4,
    bounds: [10, 16, 21, 24],
    source: 'ФИОКО, демоверсия ВПР 2026, русский язык 4 кл.; совпадает с реальным Ф1 2026',
  },
  { kind: 'vpr', year: 2026, subject: 'rus', grade: 6, bounds: [13, 17, 21, 25], source: 'неофициальный пример формата импорта (проверить)' },
  { kind: 'vpr', year: 2022, subject: 'math', grade: 4, bounds: [6, 10, 15, 20], source: 'ВПР 2022, шкала из регионального обработчика протоколов' },
  { kind: 'vpr', year: 2022, subject: 'math', grade: 5, bounds: [7, 11, 15, 20], source: 'ВПР 2022, шкала из регионального обработчика протоколов' },
  { kind: 'vpr', year: 2022, subject: 'rus', grade: 4, bounds: [14, 24, 33, 38], source: 'ВПР 2022, шкала из регионального обработчика протоколов' },
  { kind: 'vpr', year: 2022, subject: 'rus', grade: 5, bounds: [18, 29, 39, 45], source: 'ВПР 2022, шкала из регионального обработчика протоколов' },
  {
    kind: 'oge',
    year: 2023,
    subject: 'rus',
    grade: 9,
    bounds: [15, 23, 29, 33],
    source: 'письмо Рособрнадзора 04-57 от 21.02.2023',
    condition: '«4»: ГК1–ГК4 ≥ 4; «5»: ГК1–ГК4 ≥ 6',
  },
  { kind: 'oge', year: 2023, subject: 'math', grade: 9, bounds: [8, 15, 22, 31], source: 'рекомендации Рособрнадзора 2023', condition: 'геометрия ≥ 2 балла' },
  { kind: 'oge', year: 2024, subject: 'math', grade: 9, bounds: [8, 15, 22, 31], source: 'рекомендации Рособрнадзора 2024', condition: 'геометрия ≥ 2 балла' },
  { kind: 'oge', year: 2023, subject: 'phys', grade: 9, bounds: [11, 23, 35, 45], source: 'рекомендации Рособрнадзора 2023' },
];

/** ЕГЭ minimums: аттестат / вуз (Рособрнадзор) / вуз (Минобрнауки); docs/methodology.md, «Что Око знает заранее». */
const EGE_2026: ReadonlyArray<readonly [string, number | null, number | null, number | null]> = [
  ['rus', 24, 36, 40],
  ['math', 27, 27, 40],
  ['soc', 42, 42, 45],
  ['inf', 40, 40, 46],
  ['geo', 37, 37, 40],
  ['phys', 36, 36, 41],
  ['chem', 36, 36, 40],
  ['bio', 36, 36, 40],
  ['hist', 32, 32, 40],
  ['lit', 32, 32, 40],
  ['eng', 22, 22, 40],
  ['deu', 22, 22, 40],
  ['fra', 22, 22, 40],
  ['spa', 22, 22, 40],
  ['chi', 22, 22, 40],
];

export function seedReferenceData(db: Database): void {
  const subject = db.prepare('INSERT OR IGNORE INTO subject (subject_code, name, vpr_abbr) VALUES (?, ?, ?)');
  const alias = db.prepare('INSERT OR IGNORE INTO subject_code_alias (source, code, name_seen, subject_code) VALUES (?, ?, ?, ?)');
  for (const [code, name, abbr] of SUBJECTS) {
    subject.run([code, name, abbr]);
    alias.run(['name', name.toLowerCase(), name, code]);
    if (abbr) alias.run(['vpr_abbr', abbr, name, code]);
  }
  for (const [seen, code] of SUBJECT_NAME_ALIASES) alias.run(['name', seen, seen, code]);
  subject.free();
  alias.free();

  const scale = db.prepare(
    `INSERT OR IGNORE INTO mark_scale (kind, year, subject_code, grade, level, mark, min_primary, max_primary, condition, source)
     VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  for (const s of MARK_SCALES) {
    const [b3, b4, b5, max] = s.bounds;
    const bands: Array<[number, number, number]> = [
      [2, 0, b3 - 1],
      [3, b3, b4 - 1],
      [4, b4, b5 - 1],
      [5, b5, max],
    ];
    for (const [mark, lo, hi] of bands) {
      const condition = mark >= 4 || (mark === 3 && s.subject === 'math') ? (s.condition ?? null) : null;
      scale.run([s.kind, s.year, s.subject, s.grade, mark, lo, hi, condition, s.source]);
    }
  }
  scale.free();

  // The 2026 values are taken for 2022–2025 too (unchanged then, [R]: docs/methodology.md, «Что Око знает заранее»);
  // Минобрнауки's column is 2026/27 only.
  const threshold = db.prepare(
    'INSERT OR IGNORE INTO ege_threshold (year, subject_code, min_certificate, min_vuz_rosobr, min_vuz_minobr) VALUES (?, ?, ?, ?, ?)',
  );
  for (let year = 2022; year <= 2026; year++) {
    for (const [code, cert, rosobr, minobr] of EGE_2026) {
      threshold.run([year, code, cert, rosobr, year === 2026 ? minobr : null]);
    }
  }
  threshold.free();
}
