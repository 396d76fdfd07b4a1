import { normalizeHeader } from '../../cells.ts';

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const MAX_LENGTH = 60;
// Shadowing rowid would break editing in the grid, which addresses rows by rowid.
const RESERVED_COLUMNS = new Set(['rowid', '_rowid_', 'oid']);

/** «Балл за 1 задание» → 'балл_за_1_задание' (letters, digits, underscores; lower case). */
export function suggestIdentifier(text: string, fallback: string): string {
  const slug = normalizeHeader(text)
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_LENGTH);
  const safe = slug && !/^\p{N}/u.test(slug) ? slug : `${fallback}${slug ? `_${slug}` : ''}`;
  return RESERVED_COLUMNS.has(safe) ? `${safe}_` : safe;
}

/** Distinct names: a repeated header gets _2, _3 … */
export function distinctNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${name}_${k}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Why a name cannot be a user table's or column's name; null when it can. */
export function identifierProblem(name: string): string | null {
  if (!IDENTIFIER.test(name)) return 'допустимы только буквы, цифры и знак подчёркивания, и имя не может начинаться с цифры';
  if (name.length > MAX_LENGTH) return `имя длиннее ${MAX_LENGTH} знаков`;
  return null;
}

export function columnNameProblem(name: string): string | null {
  if (RESERVED_COLUMNS.has(name.toLowerCase())) return 'это имя SQLite использует для номера строки';
  return identifierProblem(name);
}
