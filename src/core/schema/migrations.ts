import { CANONICAL_SCHEMA } from './migrations/001-canonical.ts';
import { IMPORT_FORMATS_SCHEMA } from './migrations/002-import-formats.ts';
import { RCOI_SCHEMA } from './migrations/003-rcoi.ts';
import { CATALOGUE_SCHEMA } from './migrations/004-catalogue.ts';
import { REPORT_SCHEMA } from './migrations/005-report.ts';
import { MONITORING_SCHEMA } from './migrations/006-monitoring.ts';
import { AGGREGATES_SCHEMA } from './migrations/007-aggregates.ts';
import { ATTEMPTS_SCHEMA } from './migrations/008-attempts.ts';
import { RESULT_COUNTS_SCHEMA } from './migrations/009-result-counts.ts';
import { GIA_PERSONS_SCHEMA } from './migrations/010-gia-persons.ts';
import { DEFERRED_SCORE_KEY_SCHEMA } from './migrations/011-deferred-score-key.ts';
import { SCORE_KEY_BY_TRIGGERS_SCHEMA } from './migrations/012-score-key-by-triggers.ts';
import { VPR_YEARS_SCHEMA } from './migrations/013-vpr-years.ts';
import { TASK_SCORES_BY_KEY_SCHEMA } from './migrations/014-task-scores-by-key.ts';

/**
 * The canonical schema (docs/schema.md) is a public contract: users write SQL against it in the
 * console and in their own indicators. Migration i moves a database from
 * `PRAGMA user_version = i` to `i + 1`. Once released, a migration is never edited: add one.
 */
export const MIGRATIONS: readonly string[] = [
  CANONICAL_SCHEMA,
  IMPORT_FORMATS_SCHEMA,
  RCOI_SCHEMA,
  CATALOGUE_SCHEMA,
  REPORT_SCHEMA,
  MONITORING_SCHEMA,
  AGGREGATES_SCHEMA,
  ATTEMPTS_SCHEMA,
  RESULT_COUNTS_SCHEMA,
  GIA_PERSONS_SCHEMA,
  DEFERRED_SCORE_KEY_SCHEMA,
  SCORE_KEY_BY_TRIGGERS_SCHEMA,
  VPR_YEARS_SCHEMA,
  TASK_SCORES_BY_KEY_SCHEMA,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
