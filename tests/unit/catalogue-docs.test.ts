import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueMarkdown } from '../../src/core/indicators/index.ts';

const FILE = new URL('../../docs/indicators.md', import.meta.url);

describe('docs/indicators.md', () => {
  it('is generated from the definitions and up to date (OKO_WRITE_DOCS=1 rewrites it)', () => {
    const generated = catalogueMarkdown();
    if (process.env.OKO_WRITE_DOCS === '1') writeFileSync(FILE, generated);
    expect(
      readFileSync(FILE, 'utf8'),
      'docs/indicators.md is stale: run OKO_WRITE_DOCS=1 npx vitest run --project unit tests/unit/catalogue-docs.test.ts',
    ).toBe(generated);
  });

  it('lists every indicator with its mechanism, source, formula and parameters, and the table layouts', () => {
    const text = catalogueMarkdown();
    for (const def of CATALOGUE) {
      const row = text.split('\n').find((line) => line.startsWith(`| ${def.id} |`));
      expect(row, def.id).toBeDefined();
      expect(row).toContain(def.mechanism);
      for (const p of def.params) expect(row, `${def.id} ${p.name}`).toContain(`\`${p.name}\``);
    }
    for (const table of ['olympiad_result', 'additional_education', 'teaching_staff']) expect(text).toContain(`\`${table}\``);
    // a table row never breaks: one line per indicator
    expect(text.split('\n').filter((line) => /^\| [A-Z]\d/.test(line))).toHaveLength(CATALOGUE.length);
  });
});
