import { MIN_GROUP } from '../../indicators/catalogue/common.ts';
import { capitalise, decimal, endSentence, listJoin, percent, points } from '../format.ts';
import type { Row } from './rows.ts';
import { isSmall, nameOf, num } from './rows.ts';

/** How a value reads: a percentage («52,4 %») or a plain number with two decimals (a mean mark «3,62»). */
export type Unit = 'pct' | 'num';

export function valueText(value: number, unit: Unit): string {
  return unit === 'pct' ? percent(value) : decimal(value, 2);
}

function differenceText(difference: number, unit: Unit): string {
  return unit === 'pct' ? points(difference) : decimal(Math.abs(difference), 2);
}

/** Equal when the difference, rounded as it is printed, is zero. */
export function isLevel(difference: number, unit: Unit): boolean {
  return differenceText(difference, unit) === differenceText(0, unit);
}

/** Something a value is compared with; `label` is genitive: «регионального значения», «значения 2025 года». */
export interface Reference {
  label: string;
  value: number | null;
}

/** «выше регионального значения (45,0 %) на 7,4 п.п.», «ниже …», «на уровне регионального значения (45,0 %)». */
export function comparedWith(value: number, reference: Reference, unit: Unit): string | null {
  if (reference.value === null) return null;
  const difference = value - reference.value;
  const what = `${reference.label} (${valueText(reference.value, unit)})`;
  if (isLevel(difference, unit)) return `на уровне ${what}`;
  return `${difference > 0 ? 'выше' : 'ниже'} ${what} на ${differenceText(difference, unit)}`;
}

/** «Это выше регионального значения (…) на 7,4 п.п. и ниже значения по РФ (…) на 7,6 п.п.»; '' when nothing to compare. */
export function comparisonSentence(lead: string, value: number, references: readonly Reference[], unit: Unit): string {
  const parts = references.map((reference) => comparedWith(value, reference, unit)).filter((part): part is string => part !== null);
  return parts.length ? endSentence(`${lead} ${listJoin(parts)}`) : '';
}

/** The usual references of a per-ОО result: the region and РФ rows (from ФИС ОКО), when loaded. */
export function referencesOf(region: Row | undefined, rf: Row | undefined, column: string): Reference[] {
  return [
    { label: 'регионального значения', value: num(region?.[column]) },
    { label: 'значения по РФ', value: num(rf?.[column]) },
  ];
}

/**
 * How the ОО spread around the municipality: counts above, below and level, then the highest and the
 * lowest. Small groups stay out (their percentages are unstable); '' when fewer than two ОО remain.
 */
export function spreadSentence(schools: readonly Row[], column: string, total: number | null, unit: Unit): string {
  const measured = schools.filter((row) => !isSmall(row) && num(row[column]) !== null);
  if (measured.length < 2) return '';
  const sentences: string[] = [];
  if (total !== null) {
    const above = measured.filter((row) => !isLevel(num(row[column])! - total, unit) && num(row[column])! > total).length;
    const below = measured.filter((row) => !isLevel(num(row[column])! - total, unit) && num(row[column])! < total).length;
    const level = measured.length - above - below;
    const parts = [
      above ? `выше муниципального значения — в ${above} ОО` : '',
      below ? `ниже — в ${below} ОО` : '',
      level ? `на уровне — в ${level} ОО` : '',
    ].filter(Boolean);
    if (!above && below) parts[0] = `ниже муниципального значения — в ${below} ОО`;
    if (!above && !below) parts[0] = `на уровне муниципального значения — все ${measured.length} ОО`;
    sentences.push(`${capitalise(parts.join(', '))}.`);
  }
  const sorted = [...measured].sort((a, b) => num(b[column])! - num(a[column])!);
  const [top, bottom] = [sorted[0], sorted[sorted.length - 1]];
  if (num(top[column]) !== num(bottom[column])) {
    sentences.push(
      `Наибольшее значение среди ОО — ${nameOf(top)} (${valueText(num(top[column])!, unit)}), ` +
        `наименьшее — ${nameOf(bottom)} (${valueText(num(bottom[column])!, unit)}).`,
    );
  }
  return sentences.join(' ');
}

/** «В МКОУ «ООШ д. Берёзовка» менее 10 участников (7): …» — where the small groups are. */
export function smallGroupsSentence(schools: readonly Row[], counted = 'участников'): string {
  const small = schools.filter(isSmall);
  if (!small.length) return '';
  const withCount = (row: Row) => `${nameOf(row)}${num(row.n) !== null ? ` (${num(row.n)})` : ''}`;
  const caution = 'их следует интерпретировать с осторожностью';
  if (small.length === 1)
    return `В ${nameOf(small[0])} менее ${MIN_GROUP} ${counted}${num(small[0].n) !== null ? ` (${num(small[0].n)})` : ''}: значения по этой ОО неустойчивы, ${caution}.`;
  return `Менее ${MIN_GROUP} ${counted} — в ${small.length} ОО: ${listJoin(small.map(withCount))}; значения по ним неустойчивы, ${caution}.`;
}

/** The one sentence every signal carries (the catalogue's wording, docs/indicators.md «Формулировки»). */
export const SIGNAL_CAUTION = 'Это возможный признак, требует анализа; он не является выводом о проведении или проверке работ в ОО.';
