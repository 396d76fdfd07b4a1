import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, paramOptions } from '../../src/core/indicators/index.ts';
import type { IndicatorDef } from '../../src/core/indicators/index.ts';
import { catalogueFixture } from './catalogue-fixture.ts';
import { OUTSIDE_NOTES, literalsOf, svelteTexts, workingNote } from './wording-scan.ts';

/**
 * Every word a methodist reads is written for them: no working notes («seed», «[R]»), no
 * internal files (OUTSIDE_NOTES), no «таблица.столбец» names. The scan covers the
 * catalogue's user-visible fields, the option lists its parameters offer, and the markup of
 * every Svelte component.
 */

const UI = new URL('../../src/ui/', import.meta.url).pathname;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? svelteFiles(join(dir, entry.name)) : entry.name.endsWith('.svelte') ? [join(dir, entry.name)] : [],
  );
}

/** [where, text] of everything a definition shows. */
function definitionTexts(def: IndicatorDef): Array<[string, string]> {
  return [
    ['название', def.title],
    ['источник', def.source],
    ['формула', def.formula],
    ['как читать', def.interpretation ?? ''],
    ...def.columns.filter((c) => !c.hidden).map((c): [string, string] => [`столбец ${c.name}`, c.label]),
    ...def.params.map((p): [string, string] => [`параметр ${p.name}`, p.label]),
    // fixed option labels written into the options query (e.g. 'без кластеров')
    ...def.params.flatMap((p) => literalsOf(p.options ?? '').map((text): [string, string] => [`варианты ${p.name}`, text])),
  ];
}

function notesIn(entries: Array<[string, string]>): string[] {
  return entries.flatMap(([where, text]) => {
    const note = workingNote(text);
    return note ? [`${where}: ${note}`] : [];
  });
}

describe('the words of the interface', () => {
  it('the scan catches each kind of working note', () => {
    const [domain, design, stack] = OUTSIDE_NOTES;
    for (const bad of [
      `Формулы ${domain} §3`,
      `см. ${design}`,
      `замер (${stack.toUpperCase()})`,
      'программа (seed 002)',
      'правило [R] задано',
      'признак (objectivity_flag.flagged = 1)',
      'ege_threshold.min_certificate',
    ]) {
      expect(workingNote(bad), bad).not.toBeNull();
    }
    for (const good of ['Файл .sqlite откроется как сессия', 'ФИОКО, «Рекомендации по проведению анализа результатов ВПР», 2026, с. 7–8', 'f1.xlsx']) {
      expect(workingNote(good), good).toBeNull();
    }
  });

  it('the markup scan reads text and read attributes, not scripts, styles or code', () => {
    const texts = svelteTexts(`<script>const a = 'seed';</script>
<p title="Подсказка {x ? 'сноска' : ''}">Текст {count} строк</p>
<button aria-label={\`Закрыть «\${name}»\`} class="seed_box.big_one" onclick={() => go('x_y.z_w')}>×</button>
<style>.seed { color: red }</style>`);
    expect(texts).toEqual(['Подсказка сноска', 'Текст строк', 'Закрыть « »', '×']);
  });

  it('no definition of the catalogue carries a working note', () => {
    expect(CATALOGUE.length).toBeGreaterThan(40);
    expect(CATALOGUE.flatMap((def) => notesIn(definitionTexts(def)).map((note) => `${def.id} ${note}`))).toEqual([]);
  });

  it("the option lists the data offer read as Russian, the school directory's clusters included", () => {
    const db = catalogueFixture();
    db.run(
      "INSERT INTO cluster_assignment (scheme, year, school_id, cluster) VALUES ('directory', 2026, 1, 'город'), ('directory:размер', 2026, 1, 'крупные')",
    );
    const problems: string[] = [];
    for (const def of CATALOGUE) {
      const options = paramOptions(db, def, {});
      for (const [name, list] of Object.entries(options)) {
        problems.push(...notesIn(list.map((o): [string, string] => [`${def.id} ${name}`, o.label])));
      }
    }
    expect(problems).toEqual([]);
    const v3 = CATALOGUE.find((d) => d.id === 'V3')!;
    expect(paramOptions(db, v3, {}).scheme.map((o) => o.label)).toEqual([
      'без кластеров',
      'Кластеры по справочнику ОО',
      'Кластеры по справочнику ОО: размер',
      'Кластеры «settlement»',
      'Кластеры «size»',
    ]);
  });

  it('no Svelte component shows a working note', () => {
    const files = svelteFiles(UI);
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) =>
      svelteTexts(readFileSync(file, 'utf8')).flatMap((text) => {
        const note = workingNote(text);
        return note ? [`${file.slice(UI.length)}: ${note}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });
});
