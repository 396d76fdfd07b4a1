/** What every ФИС ОКО export a sample imitates has in common: its sheet names and its dates. */

const ABBR: Record<string, string> = { 'русский язык': 'РУ', математика: 'МА' };

/** «РУ 4 Статистика по отметкам»: the subject's short name, the grade, the report. */
export function fisokoSheetName(spec: { subject: string; abbr?: string; grade: number }, report: string): string {
  const abbr = spec.abbr ?? ABBR[spec.subject.toLowerCase()] ?? spec.subject.slice(0, 2).toUpperCase();
  return `${abbr} ${spec.grade} ${report}`.slice(0, 31); // Excel's sheet-name limit
}

/** An ISO date as ФИС ОКО shows it: '2026-04-20' → '20.04.2026'. */
export function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
