/**
 * Title lines of РЦОИ protocol blocks (docs/methodology.md, «Протоколы РЦОИ: названия экзаменов и коды»):
 *   «01 - Русский язык 2022.06.23», «22 - Математика базовая 2022.06.27»,
 *   «Английский язык п:2022.06.14; у:2022.06.16», «Английский язык п.: 2021.06.18, у.: 2021.06.21»,
 *   «51 - ГВЭ Русский язык (резерв) 2026.06.20», and above them «20 - Чеченская Республика».
 */

export interface ExamTitle {
  /** the cell as written */
  text: string;
  /** «01», «22», «п:09; у:29»; null when the title has none */
  code: string | null;
  /** the subject as written, without code, date, stage and exam-kind words: «Математика базовая» */
  subject: string;
  /** ISO date of the (written) exam */
  examDate: string;
  /** ISO date of the oral part of a foreign language */
  oralDate: string | null;
  stage: string | null;
  term: string | null;
  /** «ГВЭ» in the title */
  gve: boolean;
  /** «ОГЭ»/«ЕГЭ»/«ГВЭ-9»/«ГВЭ-11» in the title */
  grade: 9 | 11 | null;
}

export interface RegionLine {
  code: string;
  name: string;
}

const DATE = String.raw`(\d{4}[.\-]\d{2}[.\-]\d{2}|\d{2}\.\d{2}\.\d{4})`;
const SINGLE_DATE = new RegExp(String.raw`(?:^|\s)(?:п\.?\s*:\s*)?${DATE}\s*$`, 'i');
const WRITTEN_ORAL = new RegExp(String.raw`(?:^|\s)п\.?\s*:\s*${DATE}\s*[;,]\s*у\.?\s*:\s*${DATE}\s*$`, 'i');
const ORAL_WRITTEN = new RegExp(String.raw`(?:^|\s)у\.?\s*:\s*${DATE}\s*[;,]\s*п\.?\s*:\s*${DATE}\s*$`, 'i');
const CODE = /^(п\s*:\s*\d{1,3}\s*;\s*у\s*:\s*\d{1,3}|\d{1,3})\s*-\s*/i;
const REGION = /^(\d{1,3})\s*-\s*([^\d]+)$/;

/** '2026.07.03', '2026-07-03', '03.07.2026' → '2026-07-03'; undefined for an impossible date. */
export function isoOfTitleDate(text: string): string | undefined {
  const ymd = /^(\d{4})[.-](\d{2})[.-](\d{2})$/.exec(text);
  const dmy = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const [y, m, d] = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  return `${y}-${m}-${d}`;
}

const STAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/досрочн/i, 'досрочный'],
  [/дополнительн/i, 'дополнительный'],
  [/основн/i, 'основной'],
];
const TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/резерв/i, 'резерв'],
  [/пересдач/i, 'пересдача'],
];

/** «досрочный период», «(резерв)», «резервный день», «пересдача» → stage/term; the words are removed. */
export function stageAndTerm(text: string): { stage: string | null; term: string | null } {
  return {
    stage: STAGES.find(([pattern]) => pattern.test(text))?.[1] ?? null,
    term: TERMS.find(([pattern]) => pattern.test(text))?.[1] ?? null,
  };
}

const STAGE_WORDS = String.raw`(?:досрочн|дополнительн|основн|резерв|пересдач)[а-яё]*(?:\s+(?:период|этап|срок|день|дни)[а-яё]*)?`;
const STAGE_IN_BRACKETS = new RegExp(String.raw`\([^()]*(?:досрочн|дополнительн|основн|резерв|пересдач)[^()]*\)`, 'gi');
const STAGE_BARE = new RegExp(String.raw`(?:^|\s|,)${STAGE_WORDS}(?=$|\s|,)`, 'gi');
const KIND_WORDS = /\(?\s*(?<![а-яё])(ГВЭ|ОГЭ|ЕГЭ)(?:\s*[-‐–]\s*|\s+)?(9|11)?(?![а-яё\d])\s*\)?/gi;

function cleanSubject(text: string): { subject: string; gve: boolean; grade: 9 | 11 | null } {
  let gve = false;
  let grade: 9 | 11 | null = null;
  const subject = text
    .replace(STAGE_IN_BRACKETS, ' ')
    .replace(STAGE_BARE, ' ')
    .replace(KIND_WORDS, (_all, kind: string, digits: string | undefined) => {
      const upper = kind.toUpperCase();
      if (upper === 'ГВЭ') gve = true;
      if (digits) grade = digits === '9' ? 9 : 11;
      else if (upper === 'ОГЭ') grade = 9;
      else if (upper === 'ЕГЭ') grade = 11;
      return ' ';
    })
    .replace(/[\s,;:–-]+$/g, '')
    .replace(/^[\s,;:–-]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { subject, gve, grade };
}

/** An exam title, or null when the text is not one. */
export function parseExamTitle(raw: string): ExamTitle | null {
  const text = raw
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  let examDate: string | undefined;
  let oralDate: string | null = null;
  let rest: string;
  const writtenOral = WRITTEN_ORAL.exec(text);
  const oralWritten = writtenOral ? null : ORAL_WRITTEN.exec(text);
  const single = writtenOral || oralWritten ? null : SINGLE_DATE.exec(text);
  if (writtenOral) {
    examDate = isoOfTitleDate(writtenOral[1]);
    oralDate = isoOfTitleDate(writtenOral[2]) ?? null;
    rest = text.slice(0, writtenOral.index);
  } else if (oralWritten) {
    examDate = isoOfTitleDate(oralWritten[2]);
    oralDate = isoOfTitleDate(oralWritten[1]) ?? null;
    rest = text.slice(0, oralWritten.index);
  } else if (single) {
    examDate = isoOfTitleDate(single[1]);
    rest = text.slice(0, single.index);
  } else {
    return null;
  }
  if (!examDate) return null;
  const code = CODE.exec(rest);
  const afterCode = code ? rest.slice(code[0].length) : rest;
  const { stage, term } = stageAndTerm(afterCode);
  const { subject, gve, grade } = cleanSubject(afterCode);
  if (!/[а-яё]/i.test(subject)) return null;
  return {
    text,
    code: code ? code[1].replace(/\s+/g, '').replace(';', '; ') : null,
    subject,
    examDate,
    oralDate,
    stage,
    term,
    gve,
    grade,
  };
}

/** «20 - Чеченская Республика»: a numbered line without a date above the exam titles. */
export function parseRegionLine(raw: string): RegionLine | null {
  const match = REGION.exec(raw.replace(/\u00a0/g, ' ').trim());
  return match ? { code: match[1].padStart(2, '0'), name: match[2].trim() } : null;
}

/** The «Экзамен» cell of the ОГЭ appeal export: «Математика(2026.06.02)». */
export function parseExamCell(raw: string): ExamTitle | null {
  const match = new RegExp(String.raw`^(.+?)\s*\(\s*${DATE}\s*\)\s*$`).exec(raw.replace(/\u00a0/g, ' ').trim());
  if (!match) return null;
  return parseExamTitle(`${match[1]} ${match[2]}`);
}
