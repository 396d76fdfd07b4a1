/** Characters Windows, macOS and Linux all refuse (or dislike) in file names. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

export function safeFileName(base: string): string {
  const cleaned = base
    .replace(UNSAFE, '_')
    .replace(/\s+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_.]+|[_.]+$/g, '');
  return (cleaned || 'результат').slice(0, 120);
}

/**
 * A file name a person reads: «V2 Распределение отметок — 2026, математика, 4 класс». Spaces,
 * «», — and commas stay (every system accepts them); what a system refuses becomes a space.
 * Cut at a word boundary so the name stays under the 255-byte limit of common file systems
 * (Cyrillic letters take two bytes).
 */
export function readableFileName(base: string, fallback = 'результат'): string {
  const cleaned = base
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned) return fallback;
  if (cleaned.length <= 120) return cleaned;
  const cut = cleaned.slice(0, 120);
  const space = cut.lastIndexOf(' ');
  return (space > 70 ? cut.slice(0, space) : cut).replace(/[\s,—.-]+$/, '');
}

/** «запрос_2026-11-26_14-32» for console results. */
export function timestampedBase(prefix: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}-${pad(now.getMinutes())}`;
  return safeFileName(`${prefix}_${stamp}`);
}
