import type { F1Spec } from '../../src/core/samples/index.ts';
import { createRandom, writeFisokoF1 } from '../../src/core/samples/index.ts';

const TASKS = [
  ['1', 2], ['2', 1], ['3', 2], ['4', 3], ['5', 2], ['6', 1], ['7', 1], ['8', 2],
  ['9.1', 1], ['9.2', 2], ['10.1', 1], ['10.2', 2], ['11', 1], ['12.1', 2], ['12.2', 1],
] as const;

/** A municipal-scale Ф1 (ВПР 2026 русский язык 4 класс) with `rows` participants over schools of 250. */
export function largeF1Spec(rows: number): F1Spec {
  const random = createRandom(20260420);
  const perSchool = 250;
  const schools = Math.ceil(rows / perSchool);
  return {
    year: 2026,
    subject: 'Русский язык',
    grade: 4,
    examDate: '2026-04-20',
    tasks: TASKS.map(([code, max], i) => ({ code, max, difficulty: i % 5 === 4 ? 'П' : 'Б' })),
    schools: Array.from({ length: schools }, (_, s) => ({
      login: `edu88${String(s + 1).padStart(4, '0')}`,
      name: `МБОУ «СОШ №${s + 1}»`,
      municipality: 'Нагрузочный муниципальный район(reg88_m001)',
      participants: Array.from({ length: Math.min(perSchool, rows - s * perSchool) }, (_, p) => {
        const ability = random.next();
        const scores = TASKS.map(([, max]) => Math.min(max, Math.floor((ability + random.next() * 0.6) * (max + 0.5))));
        const total = scores.reduce((a, b) => a + b, 0);
        const mark = total >= 21 ? 5 : total >= 16 ? 4 : total >= 10 ? 3 : 2;
        const journal = Math.min(5, Math.max(2, mark + (random.chance(0.3) ? 1 : 0) - (random.chance(0.1) ? 1 : 0)));
        return { code: 40000 + p + 1, classOrdinal: 1 + (p % 3), variant: 1 + (p % 2), scores, mark, journal };
      }),
    })),
  };
}

export function largeF1(rows: number): Uint8Array {
  return writeFisokoF1(largeF1Spec(rows));
}
