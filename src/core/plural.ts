/** Russian plural: plural(3, 'строка', 'строки', 'строк') → 'строки'; 1 строка, 2 строки, 5 строк, 21 строка. */
export function plural(n: number, one: string, few: string, many: string): string {
  const whole = Math.abs(Math.trunc(n));
  const mod10 = whole % 10;
  const mod100 = whole % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
