/** A cell as SheetJS hands it over with `raw: true` (numbers stay numbers, CSV cells stay text). */
export type Cell = string | number | boolean | Date | null | undefined;

export function isBlank(value: Cell): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Text of a cell as the user sees it; '' for a blank cell. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value);
  // called for every cell of a 100,000-row sheet: the replace only when there is something to replace
  return (text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text).trim();
}

/** No header of any known layout is this long; a longer cell is compared by its start only. */
export const MAX_HEADER_CHARS = 1000;

const fold = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/**
 * Header text folded for comparison: case, ё/е, repeated and non-breaking spaces do not matter.
 * A cell over MAX_HEADER_CHARS is folded from its start and marked, so it matches no known
 * header and a hostile 1 MB cell costs no more than a long header each time a detector looks.
 */
export function normalizeHeader(value: Cell): string {
  if (typeof value === 'string' && value.length > MAX_HEADER_CHARS) return `${fold(cellText(value.slice(0, MAX_HEADER_CHARS)))}…`;
  return fold(cellText(value));
}

/** A number in a cell: numeric cells, or text like «12», « 12,5 ». undefined when it is not a number. */
export function cellNumber(value: Cell): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** An integer cell (12, «12», 12.0); undefined otherwise. */
export function cellInteger(value: Cell): number | undefined {
  const n = cellNumber(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}
