/**
 * SQLite speaks English; Око's users read Russian. Every SQLite message that reaches a user — from
 * the SQL console, an indicator, an import or an opened session file — is turned into a short
 * Russian sentence here, and only here. SQLite's own words stay with the error (SqlError.sqlite in
 * src/engine/sql-error.ts) for the console, which shows them under «Подробнее» to those who know
 * SQL; everywhere else the Russian sentence is the whole message.
 */

const q = (s: string) => `«${s.replace(/""/g, '"')}»`;
const n = (s: string) => Number(s).toLocaleString('ru-RU');

/** SQLite's messages a user can meet, each with its Russian sentence. */
const RULES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^near "((?:[^"]|"")*)": syntax error$/, (t) => `Синтаксическая ошибка рядом с ${q(t)}.`],
  [/^incomplete input$/, () => 'Запрос оборван: не хватает продолжения (закрывающей скобки, кавычки или конца выражения).'],
  [/^unrecognized token: "((?:[^"]|"")*)"$/, (t) => `Непонятный символ или незакрытая строка: ${q(t)}.`],
  [/^no such table: (.+)$/, (t) => `Нет таблицы ${q(t)}.`],
  [/^no such column: (.+)$/, (t) => `Нет столбца ${q(t)} ни в одной из таблиц запроса.`],
  [/^no such function: (.+)$/, (t) => `В SQLite нет функции ${q(t)}.`],
  [/^ambiguous column name: (.+)$/, (t) => `Столбец ${q(t)} есть в нескольких таблицах запроса: укажите таблицу, например s.${t}.`],
  [/^wrong number of arguments to function (.+)\(\)$/, (t) => `Неверное число аргументов функции ${q(t)}.`],
  [
    /^misuse of aggregate(?: function)?:? ?(.*)$/,
    (t) => `Агрегатная функция ${t ? `${q(t.replace(/\(\)$/, ''))} ` : ''}использована не на месте (например, в WHERE вместо HAVING).`,
  ],
  [/^table (.+) already exists$/, (t) => `Таблица ${q(t)} уже существует.`],
  [/^(?:view|index|trigger) (.+) already exists$/, (t) => `Объект ${q(t)} уже существует.`],
  [/^UNIQUE constraint failed: (.+)$/, (t) => `Повтор значения там, где оно должно быть уникальным: ${t}.`],
  [/^NOT NULL constraint failed: (.+)$/, (t) => `Пустое значение в обязательном столбце ${t}.`],
  [/^CHECK constraint failed: (.+)$/, (t) => `Значение не прошло проверку столбца: ${t}.`],
  [/^FOREIGN KEY constraint failed$/, () => 'Ссылка на несуществующую запись (внешний ключ).'],
  [/^datatype mismatch$/, () => 'Значение не подходит к типу столбца.'],
  [/^(\d+) values for (\d+) columns$/, (v, c) => `Значений ${v}, а столбцов ${c}: их число должно совпадать.`],
  [
    /^table (.+) has (\d+) columns but (\d+) values were supplied$/,
    (t, c, v) => `В таблице ${q(t)} столбцов ${c}, а значений ${v}: их число должно совпадать.`,
  ],
  [/^sub-select returns (\d+) columns - expected 1$/, (c) => `Подзапрос возвращает ${c} столбцов, а нужен один.`],
  [/^SELECTs to the left and right of (\w+) do not have the same number of result columns$/, (op) => `В частях ${op} разное число столбцов.`],
  [/^too many columns on (.+)$/, (t) => `В таблице ${q(t)} слишком много столбцов: SQLite допускает не больше ${n('2000')}.`],
  [/^too many columns in (?:result set|index|.+)$/, () => `В запросе слишком много столбцов: SQLite допускает не больше ${n('2000')}.`],
  [/^too many SQL variables$/, () => 'Слишком много параметров в запросе.'],
  [
    /^(?:too many terms in compound SELECT|parser stack overflow|Expression tree is too large.*)$/,
    () => 'Запрос слишком сложный для SQLite: разбейте его на части.',
  ],
  [/^attempt to write a readonly database$/, () => 'Этот запрос не может менять данные (только чтение).'],
  [/^not authorized$/, () => 'Этот запрос запрещён: он не может менять данные и схему.'],
  [/^cannot modify (.+) because it is a view$/, (t) => `${q(t)} — представление, его нельзя изменить. Измените исходную таблицу.`],
  [/^string or blob too big$/, () => 'Значение слишком длинное для SQLite (строка или двоичные данные больше предела).'],
  [/^out of memory$/, () => 'Не хватило памяти: запрос или данные слишком велики для вкладки браузера. Сузьте запрос (WHERE, LIMIT) или разделите файл.'],
  [/^interrupted$/, () => 'Запрос прерван.'],
  [/^database disk image is malformed$/, () => 'База данных повреждена: файл SQLite испорчен. Откройте резервную копию сессии.'],
  [/^file is not a database$/, () => 'Это не база данных SQLite.'],
  [/^database or disk is full$/, () => 'Базе не хватило места.'],
  [/^disk I\/O error$/, () => 'Ошибка чтения или записи базы.'],
  [/^database is locked$/, () => 'База занята другим действием: повторите позже.'],
  [
    /^cannot (?:start a transaction within a transaction|commit - no transaction is active|rollback - no transaction is active)$/,
    () => 'Команды транзакции не на месте: BEGIN, COMMIT и ROLLBACK должны идти парами.',
  ],
  [/^no such savepoint: (.+)$/, (t) => `Нет точки сохранения ${q(t)}.`],
  [/^no tables specified$/, () => 'В запросе не указана таблица (FROM).'],
  [/^(?:\d+)(?:st|nd|rd|th) ORDER BY term out of range - should be between 1 and (\d+)$/, (k) => `Номер столбца в ORDER BY вне диапазона: от 1 до ${k}.`],
];

/** The Russian sentence for one of SQLite's messages (with or without «Ошибка SQL: »), or null when there is none. */
export function sqliteInRussian(message: string): string | null {
  const raw = message.replace(/^Ошибка SQL:\s*/, '').trim();
  for (const [re, say] of RULES) {
    const match = re.exec(raw);
    if (match) return say(...match.slice(1));
  }
  return null;
}

/**
 * A message as a user should read it: SQLite's words in Russian; a message already in Russian as it
 * is; anything else led by a Russian sentence, its own words quoted after it.
 */
export function russianError(message: string): string {
  const russian = sqliteInRussian(message);
  if (russian) return russian;
  if (/[А-Яа-яЁё]/.test(message)) return message;
  return `Непредвиденная ошибка: «${message.replace(/^Ошибка SQL:\s*/, '').trim()}».`;
}
