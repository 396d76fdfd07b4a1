import { MIN_GROUP } from '../../indicators/catalogue/common.ts';
import { NBSP, capitalise, counted, endSentence, listJoin, participants, percent, points, shortNumber, shortPercent } from '../format.ts';
import type { Reference, Unit } from './phrases.ts';
import { SIGNAL_CAUTION, comparisonSentence, isLevel, referencesOf, smallGroupsSentence, spreadSentence, valueText } from './phrases.ts';
import type { Levels, Row } from './rows.ts';
import { byLevel, isSmall, nameOf, num, records, text } from './rows.ts';
import type { DraftInput, DraftRule } from './types.ts';

/** ФИОКО mastery thresholds (V9, V10): sufficient from 60 % (Б) and 30 % (П, В), insufficient below 95 % of them. */
export const THRESHOLDS = { basic: 60, advanced: 30 } as const;
export const INSUFFICIENT = 0.95;

/** Rows of the result and of the earlier year, by level. */
function levelsOf(input: DraftInput): { now: Levels; before: Levels | undefined } {
  return { now: byLevel(records(input.result)), before: input.previous ? byLevel(records(input.previous.result)) : undefined };
}

function focusRow(levels: Levels, focus: string | undefined): Row | undefined {
  return focus ? levels.schools.find((row) => nameOf(row) === focus) : undefined;
}

/** «значения 2025 года» for the same row a year (or more) earlier. */
function lastYear(input: DraftInput, row: Row | undefined, column: string): Reference[] {
  if (!input.previous || !row) return [];
  return [{ label: `значения ${input.previous.year} года`, value: num(row[column]) }];
}

export interface MetricSpec {
  column: string;
  /** the value named in the nominative: «качество знаний» */
  what: string;
  unit: Unit;
  /** who `n` counts, genitive plural after a number */
  counted?: [one: string, few: string, many: string];
}

const PARTICIPANT_FORMS: [string, string, string] = ['участник', 'участника', 'участников'];

/**
 * The municipality's value (or the ОО's in focus), compared with the region, РФ and the year
 * before; then how the ОО spread and where the small groups are.
 */
export function metricSentences(input: DraftInput, spec: MetricSpec): string[] {
  const { now, before } = levelsOf(input);
  const forms = spec.counted ?? PARTICIPANT_FORMS;
  const who = (row: Row) => (num(row.n) !== null ? ` (${counted(num(row.n)!, ...forms)})` : '');
  const focus = focusRow(now, input.focus);
  const total = now.total;
  if (focus) {
    const value = num(focus[spec.column]);
    if (value === null) return [`В ${nameOf(focus)} значение не рассчитано: нет данных.`];
    const previous = before ? before.schools.find((row) => nameOf(row) === nameOf(focus)) : undefined;
    return [
      `В ${nameOf(focus)} ${spec.what} — ${valueText(value, spec.unit)}${who(focus)}.`,
      comparisonSentence(
        'Это',
        value,
        [
          { label: 'муниципального значения', value: num(total?.[spec.column]) },
          ...referencesOf(now.region, now.rf, spec.column),
          ...lastYear(input, previous, spec.column),
        ],
        spec.unit,
      ),
      isSmall(focus) ? `В ОО менее ${MIN_GROUP} участников: значение неустойчиво, его следует интерпретировать с осторожностью.` : '',
    ];
  }
  const value = num(total?.[spec.column]);
  if (!total || value === null) return ['Данных для расчёта по выбранным параметрам нет.'];
  return [
    `${capitalise(spec.what)} по муниципалитету составляет ${valueText(value, spec.unit)}${who(total)}.`,
    comparisonSentence('Это', value, [...referencesOf(now.region, now.rf, spec.column), ...lastYear(input, before?.total, spec.column)], spec.unit),
    spreadSentence(now.schools, spec.column, value, spec.unit),
    smallGroupsSentence(now.schools),
  ];
}

export const metricRule =
  (spec: MetricSpec): DraftRule =>
  (input) =>
    metricSentences(input, spec);

const shares = (row: Row) =>
  [2, 3, 4, 5]
    .filter((mark) => num(row[`pct_${mark}`]) !== null)
    .map((mark) => `«${mark}» — ${percent(num(row[`pct_${mark}`])!)}`)
    .join(', ');

/** ФИОКО: a rise of the share of «2» by 10 п.п. or more over the year is a negative tendency. */
const RISE_OF_TWOS = 10;

export const V2: DraftRule = (input) => {
  const { now, before } = levelsOf(input);
  const focus = focusRow(now, input.focus);
  const row = focus ?? now.total;
  if (!row || num(row.n) === null) return ['Данных для расчёта по выбранным параметрам нет.'];
  const where = focus ? `В ${nameOf(focus)}` : 'По муниципалитету';
  const earlier = focus ? before?.schools.find((r) => nameOf(r) === nameOf(focus)) : before?.total;
  const pct2 = num(row.pct_2);
  const references: Reference[] = [
    ...(focus ? [{ label: 'муниципального значения', value: num(now.total?.pct_2) }] : []),
    ...referencesOf(now.region, now.rf, 'pct_2'),
    ...lastYear(input, earlier, 'pct_2'),
  ];
  const rise = pct2 !== null && num(earlier?.pct_2) !== null ? pct2 - num(earlier!.pct_2)! : null;
  return [
    `${where} работу писали ${participants(num(row.n)!)}; отметки распределились так: ${shares(row)}.`,
    pct2 !== null ? comparisonSentence('Доля «2»', pct2, references, 'pct') : '',
    rise !== null && rise >= RISE_OF_TWOS
      ? `Рост доли «2» за год на ${RISE_OF_TWOS}${NBSP}п.п. и более (на ${points(rise)}) по рекомендациям ФИОКО считается негативной тенденцией и требует анализа.`
      : '',
    focus
      ? ''
      : spreadSentence(now.schools, 'pct_2', pct2, 'pct')
          .replace('Наибольшее значение среди ОО', 'Наибольшая доля «2» среди ОО')
          .replace(', наименьшее —', ', наименьшая —'),
    focus ? '' : smallGroupsSentence(now.schools),
  ];
};

export const V1: DraftRule = (input) => {
  const { now } = levelsOf(input);
  const focus = focusRow(now, input.focus);
  const row = focus ?? now.total;
  if (!row || num(row.n) === null) return ['Данных для расчёта по выбранным параметрам нет.'];
  const absent = num(row.n_absent) ?? 0;
  const absentText = absent
    ? `; отсутствовали ${counted(absent, 'обучающийся', 'обучающихся', 'обучающихся')} (${percent(num(row.absent_pct) ?? 0)})`
    : '; отсутствовавших нет';
  const head = focus
    ? `В ${nameOf(focus)} работу писали ${participants(num(row.n)!)}${absentText}.`
    : `Работу писали ${participants(num(row.n)!)} из ${now.schools.length} ОО${absentText}.`;
  const sentences = [head];
  if (!focus) {
    const measured = now.schools.filter((r) => !isSmall(r) && (num(r.absent_pct) ?? 0) >= 10);
    const top = [...measured].sort((a, b) => num(b.absent_pct)! - num(a.absent_pct)!)[0];
    if (top) {
      sentences.push(
        `Наибольшая доля отсутствовавших — в ${nameOf(top)} (${percent(num(top.absent_pct)!)}): отсутствие части обучающихся может искажать результаты ОО, причины требуют выяснения.`,
      );
    }
    sentences.push(smallGroupsSentence(now.schools));
  }
  return sentences;
};

export const V7: DraftRule = (input) => {
  const { now, before } = levelsOf(input);
  const focus = focusRow(now, input.focus);
  const row = focus ?? now.total;
  if (!row || num(row.n) === null) return ['Участников с отметкой по журналу по выбранным параметрам нет.'];
  const where = focus ? `В ${nameOf(focus)}` : 'По муниципалитету';
  const confirmed = num(row.confirmed_pct);
  const sentences = [
    `${where} из ${counted(num(row.n)!, 'участника', 'участников', 'участников')} с отметкой по журналу отметку подтвердили ${percent(confirmed ?? 0)}, ` +
      `понизили (отметка ВПР ниже отметки по журналу) — ${percent(num(row.lowered_pct) ?? 0)}, повысили — ${percent(num(row.raised_pct) ?? 0)}.`,
  ];
  if (confirmed !== null) {
    const earlier = focus ? before?.schools.find((r) => nameOf(r) === nameOf(focus)) : before?.total;
    sentences.push(
      comparisonSentence(
        'Доля подтвердивших отметку',
        confirmed,
        [
          ...(focus ? [{ label: 'муниципального значения', value: num(now.total?.confirmed_pct) }] : []),
          ...referencesOf(now.region, now.rf, 'confirmed_pct'),
          ...lastYear(input, earlier, 'confirmed_pct'),
        ],
        'pct',
      ),
    );
  }
  const schools = focus ? [focus] : now.schools;
  const measured = schools.filter((r) => !isSmall(r));
  if (!focus) {
    const top = [...measured].filter((r) => num(r.lowered_pct) !== null).sort((a, b) => num(b.lowered_pct)! - num(a.lowered_pct)!)[0];
    if (top && num(top.lowered_pct)! > 0) {
      sentences.push(
        `Наибольшая доля понизивших отметку — в ${nameOf(top)} (${percent(num(top.lowered_pct)!)}): это повод сопоставить систему текущего оценивания в ОО с результатами ВПР.`,
      );
    }
  }
  const whole = measured.filter((r) => (num(r.confirmed_pct) ?? 0) >= 95);
  if (whole.length) {
    sentences.push(
      `Почти полное совпадение отметок ВПР с отметками по журналу (подтвердили 95 % и более) — в ${listJoin(whole.map((r) => `${nameOf(r)} (${percent(num(r.confirmed_pct)!)})`))}. ${SIGNAL_CAUTION}`,
    );
  }
  if (!focus) sentences.push(smallGroupsSentence(now.schools, 'участников с отметкой по журналу'));
  return sentences;
};

/** ФИОКО level of a task or a level of tasks: Б, or П/В together. */
const isBasic = (difficulty: string) => difficulty === 'Б';
const thresholdOf = (difficulty: string) => (isBasic(difficulty) ? THRESHOLDS.basic : THRESHOLDS.advanced);

export type TaskStatus = 'достаточно' | 'зона неопределённости' | 'недостаточно';

/** ФИОКО: «достаточно» from the threshold, «недостаточно» below 95 % of it, between — the uncertainty zone. */
export function taskStatus(pct: number, difficulty: string): TaskStatus {
  const threshold = thresholdOf(difficulty);
  if (pct >= threshold) return 'достаточно';
  return pct < INSUFFICIENT * threshold ? 'недостаточно' : 'зона неопределённости';
}

/** «4 (Б, 45,2 %)» or, when the planned results are loaded, «4 — «Умение …» (Б, 45,2 %)». */
export function taskText(row: Row, column = 'pct'): string {
  const skill = text(row.skill);
  return `${text(row.task)}${skill ? ` — «${skill.replace(/[.;]\s*$/, '')}»` : ''} (${text(row.difficulty) || 'уровень не указан'}, ${percent(num(row[column])!)})`;
}

const tasksWord = (n: number) => counted(n, 'задание', 'задания', 'заданий');

/** V9: the range of completion and the tasks below the ФИОКО thresholds. */
export const V9: DraftRule = (input) => {
  const rows = records(input.result).filter((row) => num(row.pct) !== null);
  if (!rows.length) return ['Данных о выполнении заданий по выбранным параметрам нет (в загруженных файлах нет баллов за задания).'];
  const where = Number(input.params.school ?? 0) === 0 ? 'По муниципалитету' : 'В ОО';
  const sorted = [...rows].sort((a, b) => num(a.pct)! - num(b.pct)!);
  const sentences = [
    `${where} выполнение заданий — от ${percent(num(sorted[0].pct)!)} (задание ${text(sorted[0].task)}) до ${percent(num(sorted[sorted.length - 1].pct)!)} (задание ${text(sorted[sorted.length - 1].task)}).`,
  ];
  const leveled = rows.filter((row) => text(row.difficulty));
  if (!leveled.length) {
    sentences.push('Уровни сложности заданий не загружены, поэтому пороги ФИОКО не применяются.');
    return sentences;
  }
  const below = leveled.filter((row) => taskStatus(num(row.pct)!, text(row.difficulty)) === 'недостаточно');
  const zone = leveled.filter((row) => taskStatus(num(row.pct)!, text(row.difficulty)) === 'зона неопределённости');
  if (below.length) {
    sentences.push(
      `Ниже порога ФИОКО (${shortPercent(INSUFFICIENT * THRESHOLDS.basic)} для заданий базового уровня, ${shortPercent(INSUFFICIENT * THRESHOLDS.advanced)} для заданий повышенного и высокого уровня) ` +
        `выполнены ${tasksWord(below.length)}: ${below.map((row) => taskText(row)).join('; ')}.`,
    );
  } else {
    sentences.push('Все задания выполнены не ниже порогов ФИОКО.');
  }
  if (zone.length) sentences.push(`В зоне неопределённости — ${tasksWord(zone.length)}: ${zone.map((row) => taskText(row)).join('; ')}.`);
  if (rows.some((row) => isSmall(row)))
    sentences.push(`Участников меньше ${MIN_GROUP}: проценты выполнения неустойчивы, их следует интерпретировать с осторожностью.`);
  return sentences;
};

const levelPhrase = (value: number | null, status: string, threshold: number) =>
  value === null ? 'нет данных' : `${percent(value)} (${status || 'статус не определён'}; порог ФИОКО ${shortPercent(threshold)})`;

/** V10: Б and П/В against the thresholds; ОО below them; the inversion as a signal. */
export const V10: DraftRule = (input) => {
  const { now } = levelsOf(input);
  const basic = num(input.params.basic) ?? THRESHOLDS.basic;
  const advanced = num(input.params.advanced) ?? THRESHOLDS.advanced;
  const focus = focusRow(now, input.focus);
  const row = focus ?? now.total;
  if (!row || (num(row.basic_pct) === null && num(row.advanced_pct) === null)) {
    return ['Уровни сложности заданий не загружены или баллов за задания нет: показатель не рассчитан.'];
  }
  const where = focus ? `В ${nameOf(focus)}` : 'По муниципалитету';
  const sentences = [
    `${where} задания базового уровня выполнены на ${levelPhrase(num(row.basic_pct), text(row.basic_status), basic)}, ` +
      `задания повышенного и высокого уровня — на ${levelPhrase(num(row.advanced_pct), text(row.advanced_status), advanced)}.`,
  ];
  const schools = (focus ? [focus] : now.schools).filter((r) => !isSmall(r));
  if (!focus) {
    const lowBasic = schools.filter((r) => r.basic_status === 'недостаточно');
    const lowAdvanced = schools.filter((r) => r.advanced_status === 'недостаточно');
    if (lowBasic.length)
      sentences.push(`Ниже порога по заданиям базового уровня — ${listJoin(lowBasic.map((r) => `${nameOf(r)} (${percent(num(r.basic_pct)!)})`))}.`);
    if (lowAdvanced.length)
      sentences.push(
        `Ниже порога по заданиям повышенного и высокого уровня — ${listJoin(lowAdvanced.map((r) => `${nameOf(r)} (${percent(num(r.advanced_pct)!)})`))}.`,
      );
  }
  const inverted = schools.filter((r) => Number(r.inversion) === 1);
  if (inverted.length) {
    sentences.push(
      `Задания повышенного и высокого уровня выполнены не хуже заданий базового уровня в ${listJoin(inverted.map(nameOf))}: это нетипичный профиль. ${SIGNAL_CAUTION}`,
    );
  }
  if (!focus) sentences.push(smallGroupsSentence(now.schools));
  return sentences;
};

/** V12: the most frequent score and the comparison with the region's distribution. */
export const V12: DraftRule = (input) => {
  const rows = records(input.result);
  const total = rows.reduce((sum, row) => sum + (num(row.n) ?? 0), 0);
  if (!total) return ['Первичных баллов по выбранным параметрам нет.'];
  const mode = [...rows].sort((a, b) => (num(b.n) ?? 0) - (num(a.n) ?? 0) || (num(a.score) ?? 0) - (num(b.score) ?? 0))[0];
  const top = rows[rows.length - 1];
  const where = Number(input.params.school ?? 0) === 0 ? 'по муниципалитету' : 'в ОО';
  const sentences = [
    `Распределение первичных баллов ${where} построено по ${counted(total, 'участнику', 'участникам', 'участникам')}; наиболее частый балл — ${text(mode.score)} ` +
      `(${percent(num(mode.pct) ?? 0)} участников). Максимальный балл (${text(top.score)}) набрали ${participants(num(top.n) ?? 0)}.`,
  ];
  sentences.push(
    rows.some((row) => num(row.region_pct) !== null)
      ? 'Пунктир на диаграмме — распределение по региону из отчёта ФИС ОКО; резкие пики ровно на нижних границах отметок рассматриваются вместе с показателем «Пики на границах отметок».'
      : 'Распределение по региону появится, когда загружен отчёт ФИС ОКО «Распределение первичных баллов» этой работы.',
  );
  if (total < 20) sentences.push('Участников меньше 20: по рекомендациям ФИОКО интерпретация распределения ограничена.');
  return sentences;
};

/** V14: the share of «2» now and in the year compared, and the ОО where it rose by the threshold or more. */
export const V14: DraftRule = (input) => {
  const { now } = levelsOf(input);
  const total = now.total;
  const rise = num(input.params.rise) ?? RISE_OF_TWOS;
  const year = text(input.params.prev_year);
  if (!total || num(total.pct_2) === null) return ['Данных для расчёта по выбранным параметрам нет.'];
  const sentences = [
    num(total.pct_2_prev) === null
      ? `По муниципалитету доля «2» — ${percent(num(total.pct_2)!)}; данных за ${year} год для сравнения нет.`
      : endSentence(
          `По муниципалитету доля «2» — ${percent(num(total.pct_2)!)} (в ${year} году — ${percent(num(total.pct_2_prev)!)}): ` +
            `${isLevel(num(total.delta)!, 'pct') ? `на уровне ${year} года` : `${num(total.delta)! > 0 ? 'выше' : 'ниже'} на ${points(num(total.delta)!)}`}`,
        ),
  ];
  const rising = now.schools.filter((r) => !isSmall(r) && Number(r.rise_flag) === 1);
  if (rising.length) {
    sentences.push(
      `Рост доли «2» на ${shortNumber(rise)}${NBSP}п.п. и более — в ${listJoin(rising.map((r) => `${nameOf(r)} (на ${points(num(r.delta)!)})`))}: ` +
        'по рекомендациям ФИОКО это негативная тенденция, она требует анализа.',
    );
  }
  sentences.push(smallGroupsSentence(now.schools));
  return sentences;
};

const ALL_WORKS = 'все работы';

/** V7S: the «подтвердили» share of each work of the year and of all works, for the municipality or the ОО in focus. */
export const V7S: DraftRule = (input) => {
  const rows = records(input.result);
  const totals = rows.filter((row) => row.level === 'Муниципалитет');
  const totalOf = (work: string) => totals.find((row) => text(row.work) === work);
  const allTotal = totalOf(ALL_WORKS);
  if (!allTotal) return ['Участников ВПР с отметкой по журналу за выбранный год нет.'];
  if (input.focus) {
    const own = rows.filter((row) => row.level === 'ОО' && nameOf(row) === input.focus);
    const all = own.find((row) => text(row.work) === ALL_WORKS);
    if (!all) return [`В ${input.focus} участников ВПР с отметкой по журналу за выбранный год нет.`];
    const works = own.filter((row) => row !== all && num(row.confirmed_pct) !== null);
    return [
      `В ${input.focus} по всем работам года отметку по журналу подтвердили ${percent(num(all.confirmed_pct)!)} участников с отметкой по журналу ` +
        `(по муниципалитету — ${percent(num(allTotal.confirmed_pct) ?? 0)}).`,
      works.length
        ? `По работам: ${works.map((row) => `${text(row.work)} — ${percent(num(row.confirmed_pct)!)} (по муниципалитету — ${percent(num(totalOf(text(row.work))?.confirmed_pct) ?? 0)})`).join('; ')}.`
        : '',
      isSmall(all) ? `Сравнимых участников меньше ${MIN_GROUP}: значения неустойчивы.` : '',
    ];
  }
  const schools = rows.filter((row) => row.level === 'ОО' && text(row.work) === ALL_WORKS);
  return [
    `По всем работам года отметку по журналу подтвердили ${percent(num(allTotal.confirmed_pct) ?? 0)} участников с отметкой по журналу ` +
      `(${percent(num(allTotal.confirmed_all_pct) ?? 0)} от всех участников ВПР).`,
    spreadSentence(schools, 'confirmed_pct', num(allTotal.confirmed_pct), 'pct'),
    smallGroupsSentence(schools, 'участников с отметкой по журналу'),
  ];
};
