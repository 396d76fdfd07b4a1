import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatsMarkdown } from '../../src/core/import/docs.ts';
import { IMPORTERS } from '../../src/core/import/index.ts';

const FILE = new URL('../../docs/formats.md', import.meta.url);

describe('docs/formats.md', () => {
  it('is put together from the sections in the format folders and up to date (OKO_WRITE_DOCS=1 rewrites it)', () => {
    const generated = formatsMarkdown();
    if (process.env.OKO_WRITE_DOCS === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8'), 'docs/formats.md is stale: run OKO_WRITE_DOCS=1 npx vitest run --project unit tests/unit/formats-docs.test.ts').toBe(
      generated,
    );
  });

  it('has a section for every format of the automatic detection', () => {
    const headings = formatsMarkdown()
      .split('\n')
      .filter((line) => line.startsWith('## '));
    expect(headings).toHaveLength(12);
    // Each importer's stored format names appear in the document (the table of detected formats or its section).
    for (const id of [
      'fisoko_f1',
      'vpr_form_2026',
      'fisoko_reports',
      'rcoi_protocol',
      'fioko_bias',
      'school_directory',
      'olympiad_result',
      'term_mark',
      'user_table',
    ]) {
      expect(formatsMarkdown(), id).toContain(`\`${id}\``);
    }
    expect(IMPORTERS).toHaveLength(11);
  });
});
