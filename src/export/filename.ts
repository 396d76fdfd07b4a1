import type { SqlValue } from '../core/db.ts';

/** Characters Windows, macOS and Linux all refuse (or dislike) in file names. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

export function safeFileName(base: string): string {
  const cleaned = base.replace(UNSAFE, '_').replace(/\s+/g, '_').replace(/_+/g, '_').replace(/^[_.]+|[_.]+$/g, '');
  return (cleaned || 'результат').slice(0, 120);
}

/** «V2_2026_rus_4»: the indicator id and its parameter values in definition order. */
export function indicatorFileBase(id: string, params: Array<SqlValue | undefined>): string {
  const parts = [id, ...params.filter((v) => v !== null && v !== undefined && v !== '').map((v) => String(v))];
  return safeFileName(parts.join('_'));
}

/** «запрос_2026-11-26_14-32» for console results. */
export function timestampedBase(prefix: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}-${pad(now.getMinutes())}`;
  return safeFileName(`${prefix}_${stamp}`);
}
