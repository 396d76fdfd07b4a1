import type { ReportDoc, WordingProblem } from '../core/report/types.ts';
import { reportWordingProblems } from '../core/report/wording.ts';
import { readableFileName } from './filename.ts';

/**
 * Why a справка is not exported, in words a methodist acts on: each forbidden phrase with the
 * section it stands in and the words around it. Null when the text may go out.
 */
export function wordingRefusal(problems: WordingProblem[]): string | null {
  if (!problems.length) return null;
  const listed = problems.map((p) => `в разделе «${p.where}» — «${p.phrase}» («${p.excerpt}»)`);
  return (
    'Справка не выгружена: в тексте есть формулировки, которые в справке не допускаются ' +
    '(вывод о школе или педагоге вместо «возможный признак, требует анализа»): ' +
    `${listed.join('; ')}. Исправьте текст и выгрузите снова.`
  );
}

/** The refusal for this document, or null. */
export function refusalFor(doc: ReportDoc): string | null {
  return wordingRefusal(reportWordingProblems(doc));
}

/**
 * «Справка по результатам ВПР 2026 года (математика, 5 класс)»: the document's title, with the
 * long official opening shortened, as a file name.
 */
export function reportFileBase(doc: ReportDoc): string {
  const title = doc.meta.title.trim().replace(/^аналитическая\s+справка/i, 'Справка');
  return readableFileName(title, 'Справка');
}
