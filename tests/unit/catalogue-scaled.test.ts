import { describe, expect, it } from 'vitest';
import { findIndicator, paramOptions, resolveParams } from '../../src/core/indicators/index.ts';
import { freshDatabase } from './sqlite.ts';

describe('V13 offers only works that have a ВПР scale', () => {
  it('lists русский 4 (scale shipped for 2026) and not математика 4 (none shipped)', () => {
    const db = freshDatabase();
    db.exec(`
      INSERT INTO municipality (municipality_id, name) VALUES (1, 'М');
      INSERT INTO school (school_id, municipality_id, fisoko_login) VALUES (1, 1, 'edu990001');
      INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES
        (1, 'vpr', 2026, 'rus', 4, 24), (2, 'vpr', 2026, 'math', 4, 20);
      INSERT INTO result (assessment_id, school_id, participant_code, primary_score, mark) VALUES
        (1, 1, '1', 15, 3), (2, 1, '1', 12, 4);
    `);
    const v13 = findIndicator('V13')!;
    const params = resolveParams(db, v13, {});
    expect(params).toMatchObject({ year: 2026, subject: 'rus', grade: 4 });
    expect(paramOptions(db, v13, params).subject.map((o) => o.value)).toEqual(['rus']);
    // the other ВПР indicators still offer both works
    const v2 = findIndicator('V2')!;
    expect(paramOptions(db, v2, resolveParams(db, v2, {})).subject.map((o) => o.value)).toEqual(['math', 'rus']);
  });
});
