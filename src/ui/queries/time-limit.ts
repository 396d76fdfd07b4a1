/**
 * How long SQL that is not ours may run. Catalogue indicators and the free console have no limit
 * (only «Остановить»); a user's own or shared indicator — whose SQL may have come in a file, a
 * link or a session file — is stopped after SQL_TIME_LIMIT_SECONDS, the way an import is
 * cancelled (the engine worker restarts from the session saved just before: stops.ts).
 */
export const SQL_TIME_LIMIT_SECONDS = 30;

/** The page address may lower the limit (`?sql-time-limit=2`, browser tests) but never raise it: a link cannot switch the guard off. */
export const TIME_LIMIT_PARAM = 'sql-time-limit';

export function timeLimitSeconds(search: string): number {
  const asked = Number(new URLSearchParams(search).get(TIME_LIMIT_PARAM));
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, SQL_TIME_LIMIT_SECONDS) : SQL_TIME_LIMIT_SECONDS;
}

/** «30 с», «1,5 с» */
export function secondsText(seconds: number): string {
  return `${String(seconds).replace('.', ',')} с`;
}

/** What the indicator view says when the limit stopped its query (one sentence: what, why, what to do). */
export function limitMessage(indicator: string, seconds: number): string {
  return (
    `Запрос остановлен: показатель ${indicator} считался дольше ${secondsText(seconds)} — это предел для своих и присланных ` +
    'показателей, чтобы зависший запрос не остановил работу; проверьте его SQL в консоли, где предела нет и запрос можно остановить кнопкой.'
  );
}

/** The notice when a tab of the saved workspace was closed at open because its query hit the limit. */
export function closedTabMessage(indicator: string, seconds: number): string {
  return (
    `Вкладка показателя ${indicator} закрыта: при открытии сессии его запрос считался дольше ${secondsText(seconds)} и был остановлен; ` +
    'сам показатель остался в «Мои показатели», данные сессии не изменились.'
  );
}

/** Saving or adding an indicator runs it once to check it: when that hits the limit, nothing is added. */
export function savingLimitMessage(seconds: number): string {
  return (
    `Показатель не сохранён: при проверке его запрос считался дольше ${secondsText(seconds)} — это предел для своих и присланных ` +
    'показателей; проверьте SQL в консоли, где предела нет и запрос можно остановить кнопкой.'
  );
}

/** What a view's tab says when the limit stopped reading it. */
export function viewLimitMessage(view: string, seconds: number): string {
  return (
    `Чтение остановлено: представление «${view}» считалось дольше ${secondsText(seconds)} — это предел для представлений, ` +
    'чтобы зависший запрос не остановил работу; проверьте запрос представления в консоли, где предела нет и запрос можно остановить кнопкой.'
  );
}

/** The notice when a view's tab of the saved workspace was closed at open because reading it hit the limit. */
export function closedViewTabMessage(view: string, seconds: number): string {
  return (
    `Вкладка представления «${view}» закрыта: при открытии сессии оно считалось дольше ${secondsText(seconds)} и было остановлено; ` +
    'представление осталось в списке данных, данные сессии не изменились.'
  );
}
