import { MIN_GROUP } from '../../indicators/catalogue/common.ts';
import { NBSP, counted, decimal, endSentence, listJoin, percent, points, shortNumber } from '../format.ts';
import { SIGNAL_CAUTION, isLevel, smallGroupsSentence } from './phrases.ts';
import type { Row } from './rows.ts';
import { byLevel, isSmall, nameOf, num, records, text } from './rows.ts';
import type { DraftRule } from './types.ts';

/** V13: where a peak at a mark boundary fired, with its figures; where it could not be computed. */
export const V13: DraftRule = (input) => {
  const rows = records(input.result);
  if (!rows.length) return ['Шкала перевода баллов для этой работы не загружена или участников нет: сигнал не вычисляется.'];
  const schools = rows.filter((row) => row.level === 'ОО');
  const fired = schools.filter((row) => Number(row.signal) === 1);
  const minimum = num(input.params.min_n) ?? 20;
  const unchecked = new Set(schools.filter((row) => row.signal === null).map(nameOf));
  const sentences: string[] = [];
  if (fired.length) {
    const bySchool = new Map<string, Row[]>();
    for (const row of fired) bySchool.set(nameOf(row), [...(bySchool.get(nameOf(row)) ?? []), row]);
    const parts = [...bySchool].map(
      ([name, peaks]) =>
        `${name} — ${peaks
          .map(
            (p) =>
              `граница отметки «${text(p.mark)}» (${counted(num(p.boundary) ?? 0, 'балл', 'балла', 'баллов')}): ${counted(num(p.n_b) ?? 0, 'участник', 'участника', 'участников')} против ${decimal(((num(p.n_b1) ?? 0) + (num(p.n_b2) ?? 0)) / 2)} в среднем на двух баллах ниже`,
          )
          .join('; ')}`,
    );
    sentences.push(`Пик на границе отметки отмечен в ${bySchool.size} ОО: ${parts.join('; ')}.`, SIGNAL_CAUTION);
  } else {
    sentences.push('Пик на границе отметки не отмечен ни в одной ОО, где сигнал вычислялся.');
  }
  if (unchecked.size) sentences.push(`В ${listJoin([...unchecked])} участников меньше ${minimum}: сигнал не вычислялся.`);
  return sentences;
};

/** O1: per year, how many ОО have an official ФИОКО flag. */
export const O1: DraftRule = (input) => {
  const rows = records(input.result);
  if (!rows.length) return ['Перечень ОО с признаками необъективности результатов ФИОКО не загружен.'];
  const years = rows.map(
    (row) =>
      `в ${text(row.year)} году — у ${num(row.flagged_oo) ?? 0} ОО` + (num(row.n_oo) ? ` из ${num(row.n_oo)} (${percent(num(row.flagged_pct) ?? 0)})` : ''),
  );
  return [
    `Официальный признак ФИОКО хотя бы по одной работе отмечен: ${years.join('; ')}.`,
    'Доля считается от числа ОО, писавших ВПР по русскому языку в 4 классе.',
    'Официальный признак — повод для анализа и перепроверки работ, а не вывод о проведении или проверке работ в ОО.',
  ];
};

const SIGNAL_NAMES: Array<[column: string, name: string]> = [
  ['s_peak', 'пик на границе отметки'],
  ['s_journal', 'сопоставление с журналом'],
  ['s_inversion', 'инверсия сложности'],
  ['s_cohort', 'спад когорты через год'],
  ['s_oge', 'ВПР в 8 классе выше ОГЭ'],
];

/** O2: which signals fired in which ОО, and the official flags beside them. */
export const O2: DraftRule = (input) => {
  const rows = records(input.result);
  const focus = input.focus;
  const schools = rows.filter((row) => !focus || nameOf(row) === focus);
  if (!schools.length) return ['Данных для расчёта сигналов по выбранным параметрам нет.'];
  const fired = schools.filter((row) => (num(row.signals) ?? 0) > 0);
  const sentences: string[] = [];
  const which = (row: Row) =>
    SIGNAL_NAMES.filter(([column]) => Number(row[column]) === 1)
      .map(([, name]) => name)
      .join(', ');
  if (fired.length && focus) {
    const row = fired[0];
    sentences.push(`В ${focus} сработало сигналов: ${num(row.signals)} из ${num(row.checked)} проверенных (${which(row)}).`, SIGNAL_CAUTION);
  } else if (fired.length) {
    const parts = fired.map((row) => `${nameOf(row)} — ${num(row.signals)} из ${num(row.checked)} проверенных (${which(row)})`);
    sentences.push(`Сработал хотя бы один сигнал: ${parts.join('; ')}.`, SIGNAL_CAUTION);
  } else {
    sentences.push(focus ? `В ${focus} ни один из проверенных сигналов не сработал.` : 'Ни в одной ОО ни один из проверенных сигналов не сработал.');
  }
  const official = schools.filter((row) => Number(row.official) === 1);
  if (official.length)
    sentences.push(
      `Официальный признак ФИОКО по этой работе отмечен у ${listJoin(official.map(nameOf))}; он показан рядом с сигналами и не смешивается с ними.`,
    );
  const unchecked = schools.filter((row) => (num(row.checked) ?? 0) === 0);
  if (unchecked.length) sentences.push(`В ${listJoin(unchecked.map(nameOf))} участников меньше минимума для сигналов: сигналы не вычислялись.`);
  return sentences;
};

/** O3: the gap between ВПР in grade 8 and the ОГЭ a year later. */
export const O3: DraftRule = (input) => {
  const levels = byLevel(records(input.result));
  const total = levels.total;
  const gap = num(input.params.gap) ?? 20;
  const sentences: string[] = [];
  if (total && num(total.quality_gap) !== null) {
    const value = num(total.quality_gap)!;
    sentences.push(
      endSentence(
        `По муниципалитету качество знаний по ВПР в 8 классе — ${percent(num(total.vpr_quality) ?? 0)}, по ОГЭ через год — ${percent(num(total.oge_quality) ?? 0)}: ` +
          `${isLevel(value, 'pct') ? 'на одном уровне' : `${value > 0 ? 'ВПР выше' : 'ВПР ниже'} на ${points(value)}`}`,
      ),
    );
  } else {
    sentences.push('Данных ВПР в 8 классе и ОГЭ через год для сопоставления нет.');
  }
  const fired = levels.schools.filter((row) => Number(row.signal) === 1 && !isSmall(row));
  if (fired.length) {
    sentences.push(
      `Разрыв по качеству ${shortNumber(gap)}${NBSP}п.п. и более — в ${listJoin(fired.map((row) => `${nameOf(row)} (${points(num(row.quality_gap)!)})`))}. ${SIGNAL_CAUTION}`,
    );
  }
  sentences.push(smallGroupsSentence(levels.schools));
  if (levels.schools.some(isSmall))
    sentences.push(`Состав участников ВПР и ОГЭ различается; группы меньше ${MIN_GROUP} участников сравнивать особенно осторожно.`);
  return sentences;
};
