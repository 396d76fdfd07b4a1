import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryAll } from '../../src/core/db.ts';
import { CATALOGUE, findIndicator } from '../../src/core/indicators/index.ts';
import type { IndicatorDef } from '../../src/core/indicators/index.ts';
import { bindingsFor, resolveParams } from '../../src/core/indicators/params.ts';
import { MUN, catalogueFixture } from './catalogue-fixture.ts';

/** EXPLAIN QUERY PLAN details, in plan order. */
function plan(db: Database, def: IndicatorDef, given: Record<string, string | number> = {}): string[] {
  const params = resolveParams(db, def, given);
  return queryAll(db, `EXPLAIN QUERY PLAN ${def.sql}`, bindingsFor(def.sql, params)).rows.map((row) => String(row[3]));
}

/**
 * Measured with sql.js 1.16: at 1,000,000 results a full scan of `result` inside a loop is a disaster
 * (with an index leading with (year, subject) a cohort self-join became a nested loop: 180 s at 100k rows). Every indicator must reach results through an index
 * (result by assessment_id, task_score by result_id); the aliases are r / ts / v in all SQL.
 */
const RESULT_SCAN = /\bSCAN (r|result|ts|task_score|v)\b/;
/** A result read by its key: the ГИА indicators come to each result from its row of agg_attempt. */
const BY_KEY = /^SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)$/;

describe('query plans', () => {
  const db = catalogueFixture();

  it('no indicator scans result or task_score', () => {
    for (const def of CATALOGUE)
      expect(
        plan(db, def).filter((line) => RESULT_SCAN.test(line)),
        def.id,
      ).toEqual([]);
  });

  it('results are looked up by their work (assessment_id) or one by its key, never by school: a school loop reads every year and kind', () => {
    for (const def of CATALOGUE) {
      const lookups = plan(db, def).filter((line) => /^SEARCH (r|v) /.test(line));
      expect(
        lookups.filter((line) => !/\(assessment_id=\?/.test(line) && !BY_KEY.test(line)),
        def.id,
      ).toEqual([]);
    }
  });

  it("V16 cohort: steps drive the lookup of each year's work, and its ОО rows of agg_result come by the work's key", () => {
    const lines = plan(db, findIndicator('V16')!, { year: 2024, subject: 'rus', grade: 4, municipality: MUN });
    const at = lines.findIndex((line) => line === 'SCAN st');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toMatch(/^SEARCH a USING (COVERING )?INDEX \S+ \(kind=\? AND year=\? AND subject_code=\? AND grade=\?\)$/);
    expect(lines[at + 2]).toMatch(/^SEARCH g USING INDEX \S+ \(assessment_id=\?\)$/);
    expect(lines.filter((line) => /SCAN g\b/.test(line))).toEqual([]);
  });

  it('the monitoring dynamics (P3, N3, B3) read the municipality’s ОО by (form, year, ОО), not every ОО’s answers', () => {
    for (const id of ['P3', 'N3', 'B3']) {
      const lines = plan(db, findIndicator(id)!, { municipality: MUN });
      expect(lines, id).toContain('SEARCH mv USING INDEX sqlite_autoindex_monitoring_value_1 (form_id=? AND year=? AND school_id=?)');
      expect(
        lines.filter((line) => /\b(SCAN mv|SEARCH mv USING INDEX \S+ \(form_id=\?\))/.test(line)),
        id,
      ).toEqual([]);
    }
  });

  it("with the planner's statistics (the engine runs ANALYZE after every import), results still come by index, per work", () => {
    const analysed = catalogueFixture();
    analysed.run('PRAGMA analysis_limit = 1000');
    analysed.run('ANALYZE');
    for (const def of CATALOGUE) {
      const lines = plan(analysed, def);
      expect(
        lines.filter((line) => RESULT_SCAN.test(line)),
        def.id,
      ).toEqual([]);
      // a loop over the municipality's schools may seek (school_id, assessment_id): one work's rows of one school;
      // medal candidates seek their own results by person
      const lookups = lines.filter((line) => /^SEARCH (r|v) /.test(line));
      expect(
        lookups.filter((line) => !/assessment_id=\?|^SEARCH r USING INDEX ix_result_student \(student_id=\?\)$/.test(line) && !BY_KEY.test(line)),
        def.id,
      ).toEqual([]);
    }
  });

  it('stays so with an index leading with (year, subject) and a plain school index, the pair that made a cohort self-join a nested loop', () => {
    const other = catalogueFixture();
    other.run('CREATE INDEX ix_test_assessment_year ON assessment(year, subject_code)');
    other.run('CREATE INDEX ix_test_result_school ON result(school_id)');
    const lines = plan(other, findIndicator('V16')!, { year: 2024, subject: 'rus', grade: 4, municipality: MUN });
    expect(lines.filter((line) => RESULT_SCAN.test(line))).toEqual([]);
    expect(lines.filter((line) => /SEARCH r /.test(line)).every((line) => /\(assessment_id=\?\)/.test(line))).toBe(true);
  });
});
