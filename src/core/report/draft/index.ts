import { counted, percent } from '../format.ts';
import { E1, E2, E3, E4, E5, E6, E7, G1, G2, G3, G4 } from './gia.ts';
import { byLevel, num, records } from './rows.ts';
import { O1, O2, O3, V13 } from './signals.ts';
import type { DraftInput, DraftRule } from './types.ts';
import { V1, V10, V12, V14, V2, V7, V7S, V9, metricRule } from './vpr.ts';

export type { DraftInput, DraftRule };

/**
 * Drafting rules by catalogue id: each turns the numbers into neutral sentences — what the value
 * is, how it compares with the municipality, region, РФ and the year before (в п.п.), where the
 * small groups are, and «возможный признак, требует анализа» where a signal fires. Never a
 * verdict: reportWordingProblems (wording.ts) checks every drafted text in the tests.
 */
export const DRAFT_RULES: Record<string, DraftRule> = {
  V1,
  V2,
  V3: metricRule({ column: 'pass_pct', what: 'успеваемость', unit: 'pct' }),
  V4: metricRule({ column: 'quality_pct', what: 'качество знаний', unit: 'pct' }),
  V5: metricRule({ column: 'sou', what: 'степень обученности (СОУ)', unit: 'pct' }),
  V6: metricRule({ column: 'score_pct', what: 'средний первичный балл в процентах от максимального', unit: 'pct' }),
  V7,
  V7S,
  V8: metricRule({
    column: 'diverge_pct',
    what: 'доля участников, у которых отметка ВПР и отметка по журналу расходятся на 2 балла и более,',
    unit: 'pct',
    counted: ['участник с отметкой по журналу', 'участника с отметкой по журналу', 'участников с отметкой по журналу'],
  }),
  V9,
  V10,
  V12,
  V13,
  V14,
  O1,
  O2,
  O3,
  G1,
  G2,
  G3,
  G4,
  E1,
  E2,
  E3,
  E4,
  E5,
  E6,
  E7,
};

/**
 * Any other result (an indicator without its own rule, a console query): the municipality's
 * percentages when there is such a row, else how many rows there are.
 */
const generic: DraftRule = (input) => {
  const rows = records(input.result);
  if (!rows.length) return ['По выбранным параметрам строк нет.'];
  const total = byLevel(rows).total;
  const shares = input.columns.filter((column) => column.format === 'pct' && !column.hidden);
  if (total && shares.length) {
    const parts = shares
      .filter((column) => num(total[column.name]) !== null)
      .slice(0, 4)
      .map((column) => `${column.label.replace(/,\s*%$/, '')} — ${percent(num(total[column.name])!)}`);
    if (parts.length) return [`По муниципалитету: ${parts.join('; ')}.`];
  }
  return [`В таблице ${counted(rows.length, 'строка', 'строки', 'строк')}.`];
};

/** The paragraph under a section's table. */
export function draftParagraph(input: DraftInput): string {
  const rule = DRAFT_RULES[input.indicatorId] ?? generic;
  return rule(input)
    .map((sentence) => sentence.trim())
    .filter(Boolean)
    .join(' ');
}
