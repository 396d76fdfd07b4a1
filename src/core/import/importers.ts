/**
 * The registry: every format of core/import/formats/ (and the monitoring forms) by name. It sits
 * above the formats and the pipeline — the pipeline gets what it needs of the formats from here.
 */
import { monitoringImporter } from '../monitoring/collect.ts';
import { describeMappedBatches } from './formats/canonical/importer.ts';
import { fisokoReportsImporter } from './formats/fisoko-reports/importer.ts';
import { objectivityImporter } from './formats/objectivity/importer.ts';
import { rcoiImporter } from './formats/rcoi/importer.ts';
import { directoryImporter } from './formats/school-directory/importer.ts';
import { additionalEducationImporter, medalImporter, olympiadImporter, staffImporter, termMarkImporter } from './formats/seed-tables/index.ts';
import { describeUserTables } from './formats/user-table/importer.ts';
import { vprResultsImporter } from './formats/vpr-results/importer.ts';
import type { BatchNames, DescribeBatches } from './pipeline/batches.ts';
import type { Importer } from './pipeline/registry.ts';

/**
 * Every format importFile() recognises (see pipeline/registry.ts for how to add one). Order only
 * breaks ties of equal confidence.
 */
export const IMPORTERS: readonly Importer[] = [
  vprResultsImporter,
  fisokoReportsImporter,
  rcoiImporter,
  objectivityImporter,
  directoryImporter,
  olympiadImporter,
  additionalEducationImporter,
  staffImporter,
  medalImporter,
  termMarkImporter,
  monitoringImporter,
];

/** Batches named beyond their format's label: by the importers, and by the two entries where the user lays the table out. */
const DESCRIBERS: readonly DescribeBatches[] = [...IMPORTERS.flatMap((importer) => importer.describeBatches ?? []), describeUserTables, describeMappedBatches];

/** How the list of loaded files names each import (pipeline/batches.ts). */
export const BATCH_NAMES: BatchNames = {
  labels: Object.assign({}, ...IMPORTERS.map((importer) => importer.labels)),
  describe: (db, batches) => new Map(DESCRIBERS.flatMap((describe) => [...describe(db, batches)])),
};
