import { formatCount } from '../grid/format.ts';

/** «840 КБ», «3,1 МБ», «1,2 ГБ». */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatCount(Math.max(1, Math.round(bytes / 1024)))} КБ`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1).replace('.', ',')} ГБ`;
}

const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' });

/** «сохранена 26.11.2026 в 14:32», or «ещё не сохранена». */
export function savedText(iso: string | null): string {
  if (!iso) return 'ещё не сохранена';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? 'сохранена' : `сохранена ${day.format(at)} в ${time.format(at)}`;
}
