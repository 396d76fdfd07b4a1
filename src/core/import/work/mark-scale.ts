import type { Database } from '../../db.ts';
import { queryObjects } from '../../db.ts';

export interface MarkBand {
  mark: number;
  min: number;
  max: number;
}

/** The ВПР scale for a work from mark_scale (data, because scales change every year). */
export function loadVprScale(db: Database, year: number, subjectCode: string, grade: number): MarkBand[] {
  return queryObjects<MarkBand>(
    db,
    `SELECT mark, min_primary AS min, max_primary AS max FROM mark_scale
     WHERE kind = 'vpr' AND year = ? AND subject_code = ? AND grade = ? AND level = ''
       AND min_primary IS NOT NULL AND max_primary IS NOT NULL
     ORDER BY mark`,
    [year, subjectCode, grade],
  );
}

export function markFor(bands: readonly MarkBand[], score: number): number | null {
  for (const band of bands) if (score >= band.min && score <= band.max) return band.mark;
  return null;
}
