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

const q = (s: string) => `«${s.replace(/""/g, '"')}»`;

/** SQLite's English messages in Russian; the original stays in the text for searching the web. */
const RULES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^near "((?:[^"]|"")*)": syntax error$/, (t) => `Синтаксическая ошибка рядом с ${q(t)}.`],
  [/^incomplete input$/, () => 'Запрос оборван: не хватает продолжения (закрывающей скобки, кавычки или конца выражения).'],
  [/^unrecognized token: "((?:[^"]|"")*)"$/, (t) => `Непонятный символ или незакрытая строка: ${q(t)}.`],
  [/^no such table: (.+)$/, (t) => `Нет таблицы ${q(t)}. Имена таблиц — в панели «Схема» справа.`],
  [/^no such column: (.+)$/, (t) => `Нет столбца ${q(t)} ни в одной из таблиц запроса. Столбцы таблиц — в панели «Схема».`],
  [/^no such function: (.+)$/, (t) => `В SQLite нет функции ${q(t)}.`],
  [/^ambiguous column name: (.+)$/, (t) => `Столбец ${q(t)} есть в нескольких таблицах запроса: укажите таблицу, например s.${t}.`],
  [/^wrong number of arguments to function (.+)\(\)$/, (t) => `Неверное число аргументов функции ${q(t)}.`],
  [/^misuse of aggregate(?: function)?:? ?(.*)$/, (t) => `Агрегатная функция ${t ? `${q(t.replace(/\(\)$/, ''))} ` : ''}использована не на месте (например, в WHERE вместо HAVING).`],
  [/^table (.+) already exists$/, (t) => `Таблица ${q(t)} уже существует.`],
  [/^(?:view|index) (.+) already exists$/, (t) => `Объект ${q(t)} уже существует.`],
  [/^UNIQUE constraint failed: (.+)$/, (t) => `Повтор значения там, где оно должно быть уникальным: ${t}.`],
  [/^NOT NULL constraint failed: (.+)$/, (t) => `Пустое значение в обязательном столбце ${t}.`],
  [/^CHECK constraint failed: (.+)$/, (t) => `Значение не прошло проверку столбца: ${t}.`],
  [/^FOREIGN KEY constraint failed$/, () => 'Ссылка на несуществующую запись (внешний ключ).'],
  [/^(\d+) values for (\d+) columns$/, (v, c) => `Значений ${v}, а столбцов ${c}: их число должно совпадать.`],
  [/^sub-select returns (\d+) columns - expected 1$/, (n) => `Подзапрос возвращает ${n} столбцов, а нужен один.`],
  [/^SELECTs to the left and right of (\w+) do not have the same number of result columns$/, (op) => `В частях ${op} разное число столбцов.`],
  [/^attempt to write a readonly database$/, () => 'Этот запрос не может менять данные (только чтение).'],
  [/^cannot modify (.+) because it is a view$/, (t) => `${q(t)} — представление, его нельзя изменить. Измените исходную таблицу.`],
  [/^too many SQL variables$/, () => 'Слишком много параметров в запросе.'],
];

/** Keywords people mistype most; a near miss just before the error is probably one of them. */
const KEYWORDS = ['SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'JOIN', 'LEFT', 'INNER', 'LIMIT', 'UNION', 'DISTINCT', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'USING', 'VALUES', 'WITH'];

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
  /** the Russian sentence, with the place and SQLite's own words */
  text: string;
  position?: LineColumn & { offset: number; length: number };
}

/**
 * «Ошибка SQL: near "FORM": syntax error» → «Синтаксическая ошибка рядом с «FORM» — строка 1,
 * столбец 10. (SQLite: near "FORM": syntax error)». The position comes from the engine.
 */
export function explainSqlError(message: string, sql: string, position?: SqlErrorPosition): ExplainedError {
  if (!/^Ошибка SQL/.test(message)) return { text: message };
  const raw = message.replace(/^Ошибка SQL:\s*/, '').trim();
  const rule = RULES.find(([re]) => re.test(raw));
  const russian = rule ? rule[1](...(rule[0].exec(raw) as RegExpExecArray).slice(1)) : null;
  const place = position ? { ...lineColumn(sql, position.offset), offset: position.offset, length: position.length } : undefined;
  const typo = place && /syntax error/.test(raw) ? keywordTypo(sql, place.offset) : null;
  const where = (place ? ` Место: строка ${place.line}, столбец ${place.column}.` : '') + (typo ? ` Возможно, опечатка: «${typo.typed}» вместо ${typo.meant}?` : '');
  const text = russian ? `Ошибка SQL. ${russian}${where} (SQLite: ${raw})` : `Ошибка SQL: ${raw.replace(/\.$/, '')}.${where}`;
  return { text, position: place };
}
