import { describe, expect, it } from 'vitest';
import { CATALOGUE, MECHANISM, MIN_GROUP } from '../../src/core/indicators/index.ts';
import type { IndicatorDef } from '../../src/core/indicators/index.ts';
import { FORBIDDEN_PHRASES } from '../../src/core/report/wording.ts';

/** Everything a user reads of a definition. */
const texts = (def: IndicatorDef) => [
  def.title,
  def.source,
  def.formula,
  def.interpretation ?? '',
  ...def.columns.map((c) => c.label),
  ...def.params.map((p) => p.label),
];

/**
 * Verdicts the catalogue must never pronounce: objectivity outputs are «возможный признак,
 * требует анализа»; ВПР results are not an assessment of teachers. The справка refuses the same
 * phrases (src/core/report/wording.ts); these are the catalogue's own extra patterns.
 */
const FORBIDDEN: RegExp[] = [
  ...FORBIDDEN_PHRASES.map((f) => f.pattern),
  /необъективн\S*\s+(школ|ОО\b|организаци|учрежд)/i, // «необъективные школы», «необъективная ОО»
  /необъективность\s+(доказана|установлена|выявлена|подтверждена)/i,
  /доказан/i,
  /нарушени/i,
  /виновн/i,
  /фальсифи/i,
  /(рейтинг|оценк\S*|эффективност\S*)\s+(учител|педагог)/i, // «рейтинг учителей», «оценка педагогов»
];

const readsVpr = (def: IndicatorDef) => /v_vpr|kind = 'vpr'/.test(def.sql);

describe('wording of every definition', () => {
  it('contains no verdict phrases', () => {
    for (const def of CATALOGUE) {
      for (const text of texts(def)) {
        for (const phrase of FORBIDDEN) expect(text, `${def.id}: «${text}»`).not.toMatch(phrase);
      }
    }
  });

  it('the scan itself catches verdicts', () => {
    const bad = ['Необъективные школы района', 'необъективность доказана', 'нарушения при проверке', 'рейтинг учителей'];
    for (const text of bad)
      expect(
        FORBIDDEN.some((p) => p.test(text)),
        text,
      ).toBe(true);
    expect(FORBIDDEN.some((p) => p.test('Доля ОО с официальными признаками необъективности результатов ВПР'))).toBe(false);
  });

  it('objectivity outputs say «возможный признак, требует анализа»', () => {
    const objectivity = CATALOGUE.filter((d) => d.id.startsWith('O') || d.mechanism === MECHANISM.objectivity);
    expect(objectivity.map((d) => d.id)).toEqual(expect.arrayContaining(['O1', 'O2', 'O3', 'V8', 'V13', 'G3']));
    for (const def of objectivity) expect(def.interpretation, def.id).toMatch(/возможный признак, требует анализа/);
  });

  it('official flags are shown beside the computed signals', () => {
    const label = (id: string, column: string) => CATALOGUE.find((d) => d.id === id)!.columns.find((c) => c.name === column)?.label;
    expect(label('O2', 'official')).toMatch(/Официальный признак ФИОКО/);
    expect(label('M3', 'official_flags')).toMatch(/официальных признаков/i);
    expect(label('M1', 'official')).toMatch(/Официальные списки/);
  });

  it('every ВПР-based indicator says that ВПР results do not assess teachers', () => {
    const vpr = CATALOGUE.filter(readsVpr);
    expect(vpr.length).toBeGreaterThan(20);
    for (const def of vpr) expect(def.interpretation, def.id).toMatch(/не используются для оценки деятельности педагогических работников/);
  });

  it('mechanisms are the nine systems of the Сосновский район concept and the preschool monitoring of the Новоалександровский concept; titles and sources are filled in Russian', () => {
    const systems = Object.values(MECHANISM);
    expect(systems).toHaveLength(10);
    for (const def of CATALOGUE) {
      expect(systems, def.id).toContain(def.mechanism);
      for (const text of [def.title, def.source, def.formula, def.interpretation ?? '']) expect(text, def.id).toMatch(/[А-Яа-яЁё]{3}/);
      for (const column of def.columns) expect(column.label.trim(), `${def.id}.${column.name}`).not.toBe('');
    }
  });

  it('per-ОО results mark small groups and can hide them', () => {
    for (const def of CATALOGUE) {
      const perSchool = def.columns.some((c) => c.name === 'level');
      if (!perSchool || def.id === 'R1') continue;
      expect(
        def.columns.map((c) => c.name),
        def.id,
      ).toContain('small');
      expect(
        def.params.map((p) => p.name),
        def.id,
      ).toContain('hide_small');
    }
    expect(MIN_GROUP).toBe(10);
  });
});
