import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll } from '../../src/core/db.ts';
import { schoolChoiceParam, vprMunicipalityParam, vprWhere, VPR_PARAMS, VPR_SCHOOL_CHOICE } from '../../src/core/indicators/catalogue/common.ts';
import { giaMunicipalityParam, giaSchoolParam, giaYearParam } from '../../src/core/indicators/catalogue/gia-common.ts';
import { CATALOGUE, OptionLists, resolveWithOptions } from '../../src/core/indicators/index.ts';
import { bindingsFor } from '../../src/core/indicators/params.ts';
import { Engine } from '../../src/engine/engine.ts';
import { catalogueFixture } from './catalogue-fixture.ts';

const GIA9 = "'oge', 'gve9'";
const GIA11 = "'ege', 'gve11'";

/**
 * The option queries as they were before they were rewritten to be served by indexes (DISTINCT
 * over every result of the work): the new ones must offer exactly the same values and labels.
 */
const BEFORE = {
  vprYear: `SELECT DISTINCT a.year AS value, a.year AS label
FROM assessment a WHERE a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)
ORDER BY a.year DESC`,
  vprMunicipality: (filter: string) => `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM v_vpr v JOIN municipality m ON m.municipality_id = v.municipality_id
WHERE ${filter}
ORDER BY m.name`,
  vprSchool: schoolChoiceParam('v_vpr v JOIN school s ON s.school_id = v.school_id', vprWhere('v.')).options!,
  giaYear: (kinds: string) => `SELECT DISTINCT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind IN (${kinds}) AND EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id AND r.absent = 0)
ORDER BY a.year DESC`,
  giaMunicipality: (kinds: string) => `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM assessment a JOIN result r ON r.assessment_id = a.assessment_id
JOIN school s ON s.school_id = r.school_id JOIN municipality m ON m.municipality_id = s.municipality_id
WHERE a.kind IN (${kinds}) AND a.year = :year
ORDER BY m.name`,
  giaSchool: (kinds: string) =>
    schoolChoiceParam(
      'assessment a JOIN result r ON r.assessment_id = a.assessment_id JOIN school s ON s.school_id = r.school_id',
      `a.kind IN (${kinds}) AND a.year = :year AND s.municipality_id = :municipality`,
    ).options!,
};

const list = (db: Database, sql: string, values: Record<string, SqlValue>) => queryAll(db, sql, bindingsFor(sql, values)).rows;

/** Every work the data hold (and one they do not) in every municipality (and one that does not exist). */
function combinations(db: Database): Array<Record<string, SqlValue>> {
  const works = [...queryAll(db, 'SELECT DISTINCT year, subject_code, grade FROM assessment').rows, [1999, 'rus', 4]];
  const municipalities = [...queryAll(db, 'SELECT municipality_id FROM municipality').rows.map((r) => r[0]), 99];
  return works.flatMap(([year, subject, grade]) => municipalities.map((municipality) => ({ year, subject, grade, municipality })));
}

describe('parameter lists served by indexes', () => {
  const db = catalogueFixture();
  const all = combinations(db);

  it('offer the same values and labels as the DISTINCT queries they replace, for every choice before them', () => {
    const pairs: Array<[string, string, string]> = [
      ['ВПР: год', VPR_PARAMS[0].options!, BEFORE.vprYear],
      ['ВПР: муниципалитет', vprMunicipalityParam().options!, BEFORE.vprMunicipality('v.year = :year AND v.subject_code = :subject AND v.grade = :grade')],
      ['ВПР: муниципалитет за год', vprMunicipalityParam('v.year = :year').options!, BEFORE.vprMunicipality('v.year = :year')],
      ['ВПР: ОО', VPR_SCHOOL_CHOICE.options!, BEFORE.vprSchool],
      ['ГИА-9: год', giaYearParam(GIA9).options!, BEFORE.giaYear(GIA9)],
      ['ГИА-11: год', giaYearParam(GIA11).options!, BEFORE.giaYear(GIA11)],
      ['ГИА-9: муниципалитет', giaMunicipalityParam(GIA9).options!, BEFORE.giaMunicipality(GIA9)],
      ['ГИА-11: муниципалитет', giaMunicipalityParam(GIA11).options!, BEFORE.giaMunicipality(GIA11)],
      ['ГИА-9: ОО', giaSchoolParam(GIA9).options!, BEFORE.giaSchool(GIA9)],
      ['ГИА-11: ОО', giaSchoolParam(GIA11).options!, BEFORE.giaSchool(GIA11)],
    ];
    let nonEmpty = 0;
    for (const [what, now, before] of pairs) {
      for (const values of all) {
        const expected = list(db, before, values);
        if (expected.length > 1) nonEmpty++;
        expect(list(db, now, values), `${what}: ${JSON.stringify(values)}`).toEqual(expected);
      }
    }
    // the comparison saw real lists, not only empty ones
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('a walk through the cached lists resolves and offers exactly what a walk reading them all does', () => {
    const lists = new OptionLists().validFor('fixture');
    for (const def of CATALOGUE) {
      for (const given of [{}, { year: 2025 }, { municipality: 2 }, { school: 2 }] as Array<Record<string, SqlValue>>) {
        const read = resolveWithOptions(db, def, given);
        expect(resolveWithOptions(db, def, given, lists), `${def.id} ${JSON.stringify(given)}`).toEqual(read);
        // and again, now from the lists kept
        expect(resolveWithOptions(db, def, given, lists), `${def.id} ${JSON.stringify(given)}`).toEqual(read);
      }
    }
  });
});

describe('option lists kept by the engine', () => {
  it('are read again after any change of the data, also one made by SQL in the console', async () => {
    const engine = new Engine(await initSqlJs());
    const db = engine.database;
    db.run("INSERT INTO municipality (municipality_id, name) VALUES (1, 'Первый район'), (2, 'Второй район')");
    db.run("INSERT INTO school (school_id, municipality_id, short_name) VALUES (1, 1, 'СОШ №1'), (2, 2, 'СОШ №2')");
    db.run("INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (1, 'vpr', 2026, 'rus', 4, 10)");
    db.run("INSERT INTO result (assessment_id, school_id, participant_code, mark, primary_score) VALUES (1, 1, 'a', 4, 7)");
    const municipalities = () => engine.refreshIndicator({ id: 'V2', params: {} }).options.municipality.map((o) => o.label);
    expect(municipalities()).toEqual(['Первый район']);

    engine.runSql({ sql: "INSERT INTO result (assessment_id, school_id, participant_code, mark, primary_score) VALUES (1, 2, 'b', 3, 4)" });
    expect(municipalities()).toEqual(['Второй район', 'Первый район']);

    engine.runSql({ sql: "UPDATE municipality SET name = 'Район № 2' WHERE municipality_id = 2" });
    expect(municipalities()).toEqual(['Первый район', 'Район № 2']);
    expect(engine.paramOptions({ id: 'V2', params: {} }).options.municipality.map((o) => o.label)).toEqual(['Первый район', 'Район № 2']);

    engine.runSql({ sql: "DELETE FROM result WHERE participant_code = 'a'" });
    expect(municipalities()).toEqual(['Район № 2']);
    expect(engine.runIndicator({ id: 'V2', params: {} }).params.municipality).toBe(2);
  });
});
