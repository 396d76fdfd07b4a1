import { sqliteInRussian } from '../../core/sql-errors.ts';
import type { SqlErrorPosition } from '../../engine/protocol.ts';

export interface LineColumn {
  /** 1-based */
  line: number;
  /** 1-based, in characters */
  column: number;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): LineColumn {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Keywords people mistype most; a near miss just before the error is probably one of them. */
const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'JOIN',
  'LEFT',
  'INNER',
  'LIMIT',
  'UNION',
  'DISTINCT',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'USING',
  'VALUES',
  'WITH',
];

/** Damerau–Levenshtein distance (with adjacent transpositions), small words only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * «FORM» instead of «FROM»: SQLite complains about the word after the typo, so look at the error
 * token and the word just before it for a near miss of a keyword.
 */
export function keywordTypo(sql: string, offset: number): { typed: string; meant: string } | null {
  const before = /([A-Za-z_]+)\s*$/.exec(sql.slice(0, offset))?.[1];
  const at = /^[A-Za-z_]+/.exec(sql.slice(offset))?.[0];
  for (const word of [at, before]) {
    if (!word || word.length < 3) continue;
    const upper = word.toUpperCase();
    if (KEYWORDS.includes(upper)) continue;
    const meant = KEYWORDS.find((k) => Math.abs(k.length - upper.length) <= 1 && distance(k, upper) === 1);
    if (meant) return { typed: word, meant };
  }
  return null;
}

export interface ExplainedError {
  /** the Russian sentence, with the place */
  text: string;
  /** SQLite's own words, for «Подробнее» */
  sqlite?: string;
  position?: LineColumn & { offset: number; length: number };
}

/** Where the console shows what a missing name could be. */
const HINTS: Array<[RegExp, string]> = [
  [/^no such table:/, ' Имена таблиц — в панели «Схема» справа.'],
  [/^no such column:/, ' Столбцы таблиц — в панели «Схема».'],
];

/**
 * The engine's SqlError (message «Ошибка SQL. Нет столбца «x».», `sqlite` «no such column: x»,
 * the position) as the console shows it: the Russian sentence (src/core/sql-errors.ts) with the
 * line and column and a likely keyword typo; SQLite's words kept for «Подробнее». Any other error
 * passes as it is.
 */
export function explainSqlError(message: string, sql: string, position?: SqlErrorPosition, sqlite?: string): ExplainedError {
  if (!sqlite) return { text: message };
  const russian = sqliteInRussian(sqlite) ?? 'SQLite не выполнила запрос.';
  const hint = HINTS.find(([re]) => re.test(sqlite))?.[1] ?? '';
  const place = position ? { ...lineColumn(sql, position.offset), offset: position.offset, length: position.length } : undefined;
  const typo = place && /syntax error/.test(sqlite) ? keywordTypo(sql, place.offset) : null;
  const where =
    (place ? ` Место: строка ${place.line}, столбец ${place.column}.` : '') + (typo ? ` Возможно, опечатка: «${typo.typed}» вместо ${typo.meant}?` : '');
  return { text: `Ошибка SQL. ${russian}${hint}${where}`, sqlite, position: place };
}
