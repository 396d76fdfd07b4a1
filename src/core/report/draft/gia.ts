import { counted, decimal, percent } from '../format.ts';
import { comparisonSentence, isLevel, smallGroupsSentence, spreadSentence } from './phrases.ts';
import type { Row } from './rows.ts';
import { byLevel, nameOf, num, records, text } from './rows.ts';
import type { DraftRule } from './types.ts';

/** G1: graduates of grade 9 without «2», before and after retakes. */
export const G1: DraftRule = (input) => {
  const levels = byLevel(records(input.result));
  const total = levels.total;
  if (!total || num(total.n) === null) return ['Участников ГИА-9 с ключом участника по выбранным параметрам нет.'];
  return [
    `Все экзамены без «2» без учёта пересдач сдали ${percent(num(total.pass_first_pct) ?? 0)} выпускников 9 классов ` +
      `(${num(total.pass_first_n)} из ${num(total.n)}), после пересдач — ${percent(num(total.pass_final_pct) ?? 0)} (${num(total.pass_final_n)}).`,
    spreadSentence(levels.schools, 'pass_first_pct', num(total.pass_first_pct), 'pct'),
    smallGroupsSentence(levels.schools),
  ];
};

/** G2: marks, success and quality of one ОГЭ (ГВЭ-9) subject. */
export const G2: DraftRule = (input) => {
  const levels = byLevel(records(input.result));
  const row = input.focus ? levels.schools.find((r) => nameOf(r) === input.focus) : levels.total;
  if (!row || num(row.n) === null) return ['Результатов по выбранным параметрам нет.'];
  const where = input.focus ? `В ${input.focus}` : 'По муниципалитету';
  const sentences = [
    `${where} успеваемость — ${percent(num(row.pass_pct) ?? 0)}, качество знаний — ${percent(num(row.quality_pct) ?? 0)}, ` +
      `средняя отметка — ${decimal(num(row.mean_mark) ?? 0, 2)} (${counted(num(row.n)!, 'участник', 'участника', 'участников')}); отметку «2» получили ${percent(num(row.pct_2) ?? 0)}.`,
  ];
  if (input.focus) {
    sentences.push(
      comparisonSentence('Качество знаний', num(row.quality_pct) ?? 0, [{ label: 'муниципального значения', value: num(levels.total?.quality_pct) }], 'pct'),
    );
  } else {
    sentences.push(spreadSentence(levels.schools, 'quality_pct', num(row.quality_pct), 'pct'), smallGroupsSentence(levels.schools));
  }
  return sentences;
};

/** G3: the ОГЭ mark against the year mark of the same pupils. */
export const G3: DraftRule = (input) => {
  const levels = byLevel(records(input.result));
  const total = levels.total;
  if (!total || num(total.n) === null) return ['Годовые отметки участников ОГЭ по выбранным параметрам не загружены.'];
  return [
    `Из ${counted(num(total.n)!, 'участника', 'участников', 'участников')} ОГЭ с отметкой за период отметку подтвердили ${percent(num(total.confirmed_pct) ?? 0)}, ` +
      `понизили (отметка ОГЭ ниже) — ${percent(num(total.lowered_pct) ?? 0)}, повысили — ${percent(num(total.raised_pct) ?? 0)}.`,
    'Большая доля понизивших — повод сопоставить внутреннюю систему оценивания ОО с результатами независимой процедуры; это не вывод.',
    smallGroupsSentence(levels.schools, 'участников с отметкой за период'),
  ];
};

/** By years (G4, E7): the first and the last year, and the direction. */
function byYears(rows: Row[], column: string, what: string, digits: number): string[] {
  const known = rows.filter((row) => num(row[column]) !== null);
  if (!known.length) return ['Данных по годам нет.'];
  const list = known.map((row) => `${text(row.year)} — ${decimal(num(row[column])!, digits)}`).join('; ');
  const sentences = [`${what} по годам: ${list}.`];
  if (known.length > 1) {
    const [first, last] = [known[0], known[known.length - 1]];
    const change = num(last[column])! - num(first[column])!;
    sentences.push(
      isLevel(change, 'num')
        ? `В ${text(last.year)} году значение на уровне ${text(first.year)} года.`
        : `В ${text(last.year)} году значение ${change > 0 ? 'выше' : 'ниже'}, чем в ${text(first.year)} году, на ${decimal(Math.abs(change), digits)}.`,
    );
  }
  return sentences;
}

export const G4: DraftRule = (input) => byYears(records(input.result), 'mean_mark', 'Средняя отметка', 2);
export const E7: DraftRule = (input) => byYears(records(input.result), 'mean_score', 'Средний тестовый балл', 2);

/** E1: exams with results below the minimum, and the graduates with at least one. */
export const E1: DraftRule = (input) => {
  const rows = records(input.result);
  const exams = rows.filter((row) => row.row_kind === 'exam');
  if (!exams.length) return ['Результатов ЕГЭ и ГВЭ-11 по выбранным параметрам нет.'];
  const below = exams.filter((row) => (num(row.below_n) ?? 0) > 0);
  const sentences = [
    below.length
      ? `Ниже минимального порога: ${below.map((row) => `${text(row.exam).toLowerCase()} — ${percent(num(row.below_pct) ?? 0)} (${num(row.below_n)} из ${num(row.n)})`).join('; ')}.`
      : 'По всем экзаменам участники преодолели минимальный порог.',
  ];
  const persons = rows.find((row) => row.row_kind === 'persons');
  if (persons && num(persons.n)) {
    sentences.push(
      `Хотя бы по одному экзамену ниже порога — ${percent(num(persons.below_pct) ?? 0)} выпускников (${num(persons.below_n)} из ${num(persons.n)}).`,
    );
  }
  return sentences;
};

export const E2: DraftRule = (input) => {
  const total = byLevel(records(input.result)).total;
  if (!total || num(total.n) === null) return ['Результатов ЕГЭ по русскому языку по выбранным параметрам нет.'];
  return [
    `Средний тестовый балл ЕГЭ по русскому языку — ${decimal(num(total.mean_score) ?? 0, 2)} (${counted(num(total.n)!, 'участник', 'участника', 'участников')}); ` +
      `ниже минимума для аттестата — ${percent(num(total.below_cert_pct) ?? 0)}, ниже вузовского минимума — ${percent(num(total.below_vuz_pct) ?? 0)}.`,
    smallGroupsSentence(byLevel(records(input.result)).schools),
  ];
};

/** E3: the range of mean scores over the exams. */
export const E3: DraftRule = (input) => {
  const exams = records(input.result).filter((row) => num(row.mean_score) !== null);
  if (!exams.length) return ['Результатов ЕГЭ с тестовым баллом по выбранным параметрам нет.'];
  const sorted = [...exams].sort((a, b) => num(b.mean_score)! - num(a.mean_score)!);
  const [top, bottom] = [sorted[0], sorted[sorted.length - 1]];
  const sentences = [
    `Средний тестовый балл — от ${decimal(num(bottom.mean_score)!, 2)} (${text(bottom.exam).toLowerCase()}) до ${decimal(num(top.mean_score)!, 2)} (${text(top.exam).toLowerCase()}).`,
  ];
  if (exams.length === 1) sentences[0] = `Средний тестовый балл (${text(exams[0].exam)}) — ${decimal(num(exams[0].mean_score)!, 2)}.`;
  const below = exams.filter((row) => (num(row.below_pct) ?? 0) > 0);
  if (below.length)
    sentences.push(`Результаты ниже минимума: ${below.map((row) => `${text(row.exam).toLowerCase()} — ${percent(num(row.below_pct)!)}`).join('; ')}.`);
  return sentences;
};

export const E4: DraftRule = (input) => {
  const rows = records(input.result);
  const high = num(input.params.high) ?? 80;
  const exams = rows.filter((row) => row.row_kind === 'exam');
  const results = exams.reduce((sum, row) => sum + (num(row.high_n) ?? 0), 0);
  const hundred = exams.reduce((sum, row) => sum + (num(row.hundred_n) ?? 0), 0);
  const persons = rows.find((row) => row.row_kind === 'persons');
  const sentences = [`Результатов не ниже ${high} баллов — ${results}, стобалльных — ${hundred}.`];
  if (persons && num(persons.n)) {
    sentences.push(
      `Высокий балл хотя бы по одному предмету у ${counted(num(persons.high_n) ?? 0, 'выпускника', 'выпускников', 'выпускников')} (${percent(num(persons.high_pct) ?? 0)}), ` +
        `по двум и более — у ${num(persons.high2_n) ?? 0}.`,
    );
  }
  return sentences;
};

export const E5: DraftRule = (input) => {
  const total = byLevel(records(input.result)).total;
  if (!total || !num(total.n)) return ['Претендентов на медаль за выбранный год нет.'];
  return [
    `Из ${counted(num(total.n)!, 'претендента', 'претендентов', 'претендентов')} на медаль результат ЕГЭ подтвердили ${num(total.confirmed_n) ?? 0} (${percent(num(total.confirmed_pct) ?? 0)}).`,
  ];
};

export const E6: DraftRule = (input) => {
  const levels = byLevel(records(input.result));
  const total = levels.total;
  if (!total || num(total.n) === null) return ['Участников ГИА-11 по выбранным параметрам нет.'];
  return [
    `Без аттестата по основному периоду — ${percent(num(total.fail_first_pct) ?? 0)} выпускников (${num(total.fail_first_n)} из ${num(total.n)}), ` +
      `после пересдач — ${percent(num(total.fail_pct) ?? 0)} (${num(total.fail_n)}).`,
    smallGroupsSentence(levels.schools),
  ];
};
