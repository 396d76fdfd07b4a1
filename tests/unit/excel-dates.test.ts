import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { excelSerialDay, toIsoDate } from '../../src/core/import/dates.ts';

const ssfDay = (serial: number) => {
  const parts = XLSX.SSF.parse_date_code(serial);
  return Date.UTC(parts.y, parts.m - 1, parts.d);
};

describe('Excel date serials without SheetJS', () => {
  it('give the dates Excel shows', () => {
    expect(toIsoDate(46132)).toBe('2026-04-20');
    expect(toIsoDate(32874)).toBe('1990-01-01');
    expect(toIsoDate(45351)).toBe('2024-02-29');
    expect(toIsoDate(46132.75)).toBe('2026-04-20'); // 18:00 is still that day
    expect(toIsoDate(46132.999999999)).toBe('2026-04-21'); // a ten-thousandth of a second before midnight rounds over, as in Excel
    expect(toIsoDate(-1)).toBeUndefined();
    expect(toIsoDate(Number.NaN)).toBeUndefined();
    expect(toIsoDate(3_000_000)).toBeUndefined();
  });

  it('agree with SheetJS on every day from 1990 to 2100 and on times near midnight', () => {
    let differences = 0;
    for (let serial = 32874; serial <= 73415; serial++) {
      for (const time of [0, 0.5, 0.99998, 0.9999999]) if (excelSerialDay(serial + time) !== ssfDay(serial + time)) differences++;
    }
    expect(differences).toBe(0);
  });
});
