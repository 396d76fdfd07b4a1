import * as XLSX from '@e965/xlsx';
import type { Cell } from './cells.ts';
import { cellText } from './cells.ts';

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** '20.04.2026', '2026-04-20', an Excel date serial or a Date → '2026-04-20'; undefined if not a date. */
export function toIsoDate(value: Cell): string | undefined {
  if (value instanceof Date) return iso(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (typeof value === 'number') {
    const parts = XLSX.SSF.parse_date_code(value);
    return parts ? iso(parts.y, parts.m, parts.d) : undefined;
  }
  const text = cellText(value);
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** '2026-11-26T10:15:00.000Z' → '26.11.2026 10:15' (as stored, without time-zone conversion). */
export function formatTimestamp(isoText: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(isoText);
  if (!m) return isoText;
  return `${m[3]}.${m[2]}.${m[1]}${m[4] ? ` ${m[4]}:${m[5]}` : ''}`;
}
