/** Today as an ISO date in the user's time zone: what «срок прошёл» is measured against. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The school year a cycle started now belongs to, by its end: from September on, the next calendar year. */
export function currentSchoolYear(now = new Date()): number {
  return now.getMonth() >= 8 ? now.getFullYear() + 1 : now.getFullYear();
}

/** '2026-05-29' → '29.05.2026' */
export function russianDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : (iso ?? '');
}

/** Indicators of each form (src/core/indicators/catalogue/monitoring.ts), for the links under the board. */
export const FORM_INDICATORS: Record<string, string[]> = {
  careers: ['P1', 'P2', 'P3'],
  mentoring: ['N1', 'N2', 'N3'],
  upbringing: ['B1', 'B2', 'B3'],
  leaders: ['L1', 'L2'],
  preschool: ['S1', 'S2'],
};
