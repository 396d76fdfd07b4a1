import type { Cell } from './cells.ts';
import { cellText } from './cells.ts';

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** Serial 0 of Excel's 1900 date system, for serials from 61 on (Excel counts a 29 February 1900 that never was). */
const SERIAL_ZERO = Date.UTC(1899, 11, 30);

/**
 * The UTC midnight of an Excel date serial (1900 system) as SheetJS's SSF.parse_date_code reads it:
 * the time of day rounds up to the next day only within a ten-thousandth of a second of midnight.
 * Serials before 1 March 1900 give undefined (no date Око reads is that old).
 */
export function excelSerialDay(serial: number): number | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return undefined;
  let day = Math.trunc(serial);
  const seconds = 86_400 * (serial - day);
  if (seconds - Math.floor(seconds) > 0.9999 && Math.floor(seconds) + 1 === 86_400) day++;
  return SERIAL_ZERO + day * DAY_MS;
}

/** '20.04.2026', '2026-04-20', an Excel date serial or a Date → '2026-04-20'; undefined if not a date. */
export function toIsoDate(value: Cell): string | undefined {
  if (value instanceof Date) return iso(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (typeof value === 'number') {
    const day = excelSerialDay(value);
    if (day === undefined) return undefined;
    const date = new Date(day);
    return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
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

/** «2026», «2025/2026» (a school year: the spring one, when ВПР and ГИА are written) [I]. */
export function yearOf(value: Cell): number | undefined {
  const match = /^(\d{4})(?:\s*[/-]\s*(\d{2,4}))?$/.exec(cellText(value));
  if (!match) return undefined;
  if (!match[2]) return Number(match[1]);
  return match[2].length === 2 ? Number(match[1].slice(0, 2) + match[2]) : Number(match[2]);
}
