import type { Cell } from '../../cells.ts';
import { cellNumber, cellText } from '../../cells.ts';

// «5,06», «5.06 %», «1722202 уч.», «1 722 202»: ФИС ОКО shows counts and shares with such tails.
const DECORATED = /^([-+]?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(?:%|уч\.?|чел\.?)?$/i;

/** A number in an aggregate report cell; undefined for blanks, dashes and text. */
export function reportNumber(value: Cell): number | undefined {
  const plain = cellNumber(value);
  if (plain !== undefined) return plain;
  const match = DECORATED.exec(cellText(value));
  if (!match) return undefined;
  const n = Number(match[1].replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}
