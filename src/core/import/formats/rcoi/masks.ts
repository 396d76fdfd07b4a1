/**
 * Answer masks of РЦОИ protocols (docs/methodology.md, «Откуда берутся файлы»; docs/formats.md, «Маски ответов»).
 *
 * Short answers: one character per task. «+» = full credit, counted as 1 point; «-» = 0; a digit
 * = the points on a multi-point task (a «0» in a КЕГЭ mask is read as 0 points); «X»/«Х» = not
 * attempted (score NULL, as in ВПР files). The file does not state the maximum of a short task:
 * it is taken as 1, or as the largest digit seen at that position in the block.
 *
 * Long and oral answers: «score(max)» repeated, e.g. «1(2)2(3)2(2)»; the maximum is stated.
 * Long-answer tasks are numbered after the short ones (16 short → 17, 18, …); oral tasks «У1», «У2», ….
 */

export type MaskPart = 'short' | 'long' | 'oral';

export interface MaskScore {
  score: number | null;
  /** as written: '+', '-', '2', 'X', '1(2)' */
  raw: string;
  /** stated maximum (long/oral), or the lower bound a short mark implies (1, or the digit) */
  max: number;
}

/** Why a mask could not be read: a Russian phrase for the error message. */
export class MaskProblem extends Error {}

const NOT_ATTEMPTED = /^[xXхХ]$/;

export function parseShortMask(text: string): MaskScore[] {
  const chars = text.replace(/\s+/g, '');
  const out: MaskScore[] = [];
  for (const char of chars) {
    if (char === '+') out.push({ score: 1, raw: '+', max: 1 });
    else if (char === '-' || char === '−' || char === '–') out.push({ score: 0, raw: '-', max: 1 });
    else if (char >= '0' && char <= '9') out.push({ score: Number(char), raw: char, max: Math.max(1, Number(char)) });
    else if (NOT_ATTEMPTED.test(char)) out.push({ score: null, raw: 'X', max: 1 });
    else {
      throw new MaskProblem(`символ «${char}» в маске кратких ответов: допустимы «+» (верно), «-» (неверно), цифры (баллы) и «X» (не выполнялось)`);
    }
  }
  return out;
}

const SCORED = /(\d+)\((\d+)\)/g;

export function parseScoredMask(text: string): MaskScore[] {
  const compact = text.replace(/\s+/g, '');
  const out: MaskScore[] = [];
  let consumed = 0;
  for (const match of compact.matchAll(SCORED)) {
    if (match.index !== consumed) break;
    consumed += match[0].length;
    const score = Number(match[1]);
    const max = Number(match[2]);
    if (score > max) {
      throw new MaskProblem(`в задании ${out.length + 1} маски балл ${score} больше максимального ${max}`);
    }
    out.push({ score, raw: match[0], max });
  }
  if (consumed !== compact.length) {
    throw new MaskProblem('маска не читается: ожидаются баллы в виде «балл(максимум)» подряд, например «1(2)2(3)0(2)»');
  }
  return out;
}

/** Task codes of one block: short 1…n, long n+1…, oral У1… */
export function taskCode(part: MaskPart, index: number, shortCount: number): string {
  if (part === 'short') return String(index + 1);
  if (part === 'long') return String(shortCount + index + 1);
  return `У${index + 1}`;
}
