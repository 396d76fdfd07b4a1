import { MONITORING_DOC } from '../monitoring/format-doc.ts';
import { CANONICAL_DOC } from './formats/canonical/docs.ts';
import { FISOKO_REPORTS_DOC } from './formats/fisoko-reports/docs.ts';
import { OBJECTIVITY_DOC } from './formats/objectivity/docs.ts';
import { RCOI_DOC } from './formats/rcoi/docs.ts';
import { SCHOOL_DIRECTORY_DOC } from './formats/school-directory/docs.ts';
import { SEED_TABLES_DOC } from './formats/seed-tables/docs.ts';
import { USER_TABLE_DOC } from './formats/user-table/docs.ts';
import { VPR_RESULTS_DOC } from './formats/vpr-results/docs.ts';
import { MIGRATION_002_DOC, PIPELINE_DOC } from './pipeline/docs.ts';
import { CROSSWALK_DOC } from './schools/docs.ts';

/** The sections of docs/formats.md in their order: each lives beside the code it describes. */
const SECTIONS: ReadonlyArray<readonly string[]> = [
  PIPELINE_DOC,
  VPR_RESULTS_DOC,
  FISOKO_REPORTS_DOC,
  OBJECTIVITY_DOC,
  SCHOOL_DIRECTORY_DOC,
  CROSSWALK_DOC,
  USER_TABLE_DOC,
  CANONICAL_DOC,
  MIGRATION_002_DOC,
  RCOI_DOC,
  SEED_TABLES_DOC,
  MONITORING_DOC,
];

/**
 * docs/formats.md, put together from the sections in the format folders (a unit test fails when the
 * file is stale; `OKO_WRITE_DOCS=1 npx vitest run --project unit tests/unit/formats-docs.test.ts`
 * rewrites it).
 */
export function formatsMarkdown(): string {
  const lines = [
    '# Форматы импорта',
    '',
    '<!-- Файл собран из разделов в папках src/core/import/ (formatsMarkdown в src/core/import/docs.ts). Не правьте вручную: тест formats-docs сверяет его с кодом. -->',
    '',
    ...SECTIONS.flatMap((section, i) => (i === 0 ? section : ['', ...section])),
  ];
  return `${lines.join('\n')}\n`;
}
