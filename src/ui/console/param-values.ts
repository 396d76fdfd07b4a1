import type { SqlValue } from '../../core/db.ts';

/**
 * A console parameter typed in a text box, as SQLite should get it: whole and decimal numbers
 * (also with a Russian comma) become numbers, so `:year + 1` works; codes with leading zeros
 * («0012») and everything else stay text; an empty box is NULL.
 */
export function parseParamInput(text: string): SqlValue {
  const t = text.trim();
  if (!t) return null;
  if (/^-?(0|[1-9]\d{0,14})$/.test(t)) return Number(t);
  if (/^-?(0|[1-9]\d{0,14})[.,]\d+$/.test(t)) return Number(t.replace(',', '.'));
  return text;
}

/** What a text box shows for a bound value. */
export function formatParamInput(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Uint8Array) return '';
  return String(value);
}
