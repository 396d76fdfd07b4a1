import type { ReportDoc, WordingProblem } from './types.ts';

/**
 * Verdicts Око never pronounces, in the catalogue or in a справка (docs/methodology.md,
 * «Формулировки»): a signal of possible lost objectivity is «возможный признак, требует
 * анализа», never a finding about a school; ВПР results are not an assessment of teachers
 * (Рособрнадзор's recommendations on ВПР). Each entry names the phrase the way the refusal
 * message quotes it.
 */
export const FORBIDDEN_PHRASES: ReadonlyArray<{ phrase: string; pattern: RegExp }> = [
  // «необъективная школа», «необъективно оценивает»; the official term stays allowed:
  // «признаки необъективности», «признаки необъективных результатов»
  {
    phrase: 'необъективный (как вывод о школе или результате)',
    pattern: /(?<!признак\S{0,3}\s)(?:необъективн(?:ая|ое|ые|ый|ых|ой|ую|ым|ыми|ого|ому|о|а|ы)|необъективен)(?![а-яё])/i,
  },
  { phrase: 'необъективность доказана / установлена', pattern: /необъективност\S*\s+(?:доказан|установлен|выявлен|подтвержд)/i },
  { phrase: 'завышение / завышает', pattern: /(?<![а-яё])(?:завыш|завыс)/i },
  { phrase: 'занижение / занижает', pattern: /(?<![а-яё])(?:заниж|занизи)/i },
  { phrase: 'списывание', pattern: /(?<![а-яё])списыва|(?<![а-яё])списал/i },
  { phrase: 'доказано', pattern: /(?<![а-яё])доказан/i },
  { phrase: 'нарушение', pattern: /(?<![а-яё])нарушени/i },
  { phrase: 'виновность', pattern: /(?<![а-яё])виновн/i },
  { phrase: 'фальсификация', pattern: /фальсифи/i },
  { phrase: 'подтасовка', pattern: /подтасов/i },
  // «а не эффективность работы педагогов» says what a figure is not: allowed
  {
    phrase: 'рейтинг или оценка учителей',
    pattern: /(?<!не\s)(?<!не\s(?:для|как)\s)(?:рейтинг\S*|оценк\S*|эффективност\S*)\s+(?:работы\s+)?(?:учител|педагог)/i,
  },
];

/** Every forbidden phrase in `text`, with where it starts. */
export function findForbidden(text: string): Array<{ phrase: string; index: number; match: string }> {
  const found: Array<{ phrase: string; index: number; match: string }> = [];
  for (const { phrase, pattern } of FORBIDDEN_PHRASES) {
    const match = pattern.exec(text);
    if (match) found.push({ phrase, index: match.index, match: match[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A few words either side of `index`, for the message. */
function excerpt(text: string, index: number): string {
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 40)));
  const to = text.indexOf(' ', Math.min(text.length, index + 40));
  const middle = text.slice(from, to < 0 ? text.length : to).trim();
  return `${from > 0 ? '…' : ''}${middle}${to >= 0 && to < text.length ? '…' : ''}`;
}

/**
 * Everything a reader of the справка sees that is text — the title block, section titles,
 * paragraphs, notes and table cells — checked for forbidden phrases, the user's edits included.
 * An export is refused while this is not empty.
 */
export function reportWordingProblems(doc: ReportDoc): WordingProblem[] {
  const problems: WordingProblem[] = [];
  const check = (text: string, where: string) => {
    for (const found of findForbidden(text)) problems.push({ phrase: found.phrase, where, excerpt: excerpt(text, found.index) });
  };
  const meta = doc.meta;
  for (const text of [meta.title, meta.organisation, meta.municipality, meta.procedure, meta.year, meta.author]) check(text, 'Титульный лист');
  for (const section of doc.sections) {
    const where = section.title.trim() || 'Раздел без названия';
    check(section.title, where);
    check(section.paragraph, where);
    for (const note of section.notes) check(note, where);
    for (const column of section.table?.columns ?? []) check(column.label, where);
    for (const row of section.table?.rows ?? []) for (const cell of row) if (typeof cell === 'string') check(cell, where);
  }
  return problems;
}
