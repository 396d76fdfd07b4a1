import type { ImportOutcome } from '../../engine/protocol.ts';

/** «Файл «x.xlsx», лист «Лист1», строка 12, столбец «Балл»: …» — the place, then the message. */
export function describeFailure(outcome: Extract<ImportOutcome, { ok: false }>): string {
  const place: string[] = [];
  const mentions = (s: string) => outcome.message.includes(s);
  if (!mentions(outcome.file)) place.push(`Файл «${outcome.file}»`);
  if (outcome.sheet && !mentions(outcome.sheet)) place.push(`лист «${outcome.sheet}»`);
  if (outcome.row !== undefined && !mentions(`строк`)) place.push(`строка ${outcome.row}`);
  if (outcome.column && !mentions(outcome.column)) place.push(`столбец «${outcome.column}»`);
  return place.length ? `${place.join(', ')}: ${outcome.message}` : outcome.message;
}
