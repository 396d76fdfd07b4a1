import { describe, expect, it } from 'vitest';
import { findForbidden, reportWordingProblems } from '../../src/core/report/wording.ts';
import type { ReportDoc } from '../../src/core/report/types.ts';

const doc = (paragraph: string, title = 'Распределение отметок'): ReportDoc => ({
  id: null,
  meta: { title: 'Аналитическая справка', organisation: '', municipality: 'Демо', procedure: 'ВПР', year: '2026', author: '', date: '2026-12-06' },
  sections: [{ id: 's1', kind: 'text', title, paragraph, drafted: '', notes: [] }],
  createdAt: '2026-12-06T00:00:00Z',
  updatedAt: '2026-12-06T00:00:00Z',
});

describe('forbidden phrases in a справка', () => {
  it('finds verdicts, whatever their case or form', () => {
    const verdicts = [
      'Школа завышает отметки',
      'завышение результатов',
      'выявлено списывание',
      'МБОУ СОШ №3 — необъективная школа',
      'результаты необъективны',
      'необъективность доказана',
      'Необъективно проверены работы',
      'рейтинг учителей по результатам ВПР',
    ];
    for (const text of verdicts) expect(findForbidden(text), text).not.toEqual([]);
  });

  it('leaves the careful wording alone', () => {
    const careful = [
      'Возможный признак необъективности результатов, требует анализа.',
      'ОО с признаками необъективных результатов по данным ФИОКО',
      'Доля ОО с официальными признаками необъективности результатов ВПР',
      'Показатели описывают кадровые условия, а не эффективность работы педагогов.',
      'Результаты ВПР не используются для оценки деятельности педагогических работников.',
      'Доля «2» выросла на 12,5 п.п.',
    ];
    for (const text of careful) expect(findForbidden(text), text).toEqual([]);
  });

  it('names the phrase and the section of a user edit', () => {
    const problems = reportWordingProblems(doc('Доля «2» выше муниципальной. Очевидно, учитель завышает отметки в журнале.', 'Гимназия № 1'));
    expect(problems).toEqual([{ phrase: 'завышение / завышает', where: 'Гимназия № 1', excerpt: expect.stringContaining('учитель завышает отметки') }]);
    expect(reportWordingProblems(doc('Доля «2» выше муниципальной на 3,4 п.п.'))).toEqual([]);
  });
});
