/** Name normalisation and similarity for matching schools across systems (crosswalk, directory). */

const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/средняя общеобразовательная школа/g, ' сош '],
  [/основная общеобразовательная школа/g, ' оош '],
  [/начальная общеобразовательная школа/g, ' нош '],
  [/средняя школа/g, ' сш '],
  [/основная школа/g, ' ош '],
  [/начальная школа/g, ' нш '],
];

// Legal forms and words every school name shares: they say nothing about which school it is.
const NOISE_WORDS = new Set([
  'муниципальное',
  'государственное',
  'бюджетное',
  'казенное',
  'автономное',
  'частное',
  'некоммерческое',
  'общеобразовательное',
  'образовательное',
  'учреждение',
  'организация',
  'республики',
  'города',
  'им',
  'имени',
]);
const LEGAL_FORM = /^[а-я]{0,3}оу$|^ано[о]?$/;
// «г.», «с.», «п.», «д.», «х.» before a place name
const SETTLEMENT_MARK = /^[а-я]$/;

/** «МБОУ "СОШ № 5" г. Грозного» → 'сош 5 грозного' (case, quotes, «№», legal forms dropped). */
export function normaliseSchoolName(name: string): string {
  let text = name.toLowerCase().replace(/ё/g, 'е');
  for (const [phrase, short] of PHRASES) text = text.replace(phrase, short);
  text = text
    .replace(/[«»"'“”„`]/g, ' ')
    .replace(/№/g, ' ')
    .replace(/(\d+)/g, ' $1 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  return text
    .split(' ')
    .filter((word) => word && !SETTLEMENT_MARK.test(word) && !NOISE_WORDS.has(word) && !LEGAL_FORM.test(word))
    .join(' ');
}

function bigrams(text: string): Map<string, number> {
  const compact = ` ${text} `;
  const counts = new Map<string, number>();
  for (let i = 0; i < compact.length - 1; i++) {
    const gram = compact.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of character bigrams of the normalised names, 0…1. */
export function nameSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseSchoolName(a));
  const y = bigrams(normaliseSchoolName(b));
  let shared = 0;
  let total = 0;
  for (const [gram, n] of x) {
    shared += Math.min(n, y.get(gram) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Numbers in a name («СОШ №5» → ['5']): two schools with different numbers are different schools. */
export function schoolNumbers(name: string): string[] {
  return normaliseSchoolName(name).match(/\d+/g) ?? [];
}
