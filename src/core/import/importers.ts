import { monitoringImporter } from '../monitoring/collect.ts';
import { directoryImporter } from './formats/school-directory/importer.ts';
import { fisokoReportsImporter } from './formats/fisoko-reports/importer.ts';
import { objectivityImporter } from './formats/objectivity/importer.ts';
import { rcoiImporter } from './formats/rcoi/importer.ts';
import type { Importer } from './pipeline/registry.ts';
import { additionalEducationImporter, medalImporter, olympiadImporter, staffImporter, termMarkImporter } from './formats/seed-tables/index.ts';
import { vprResultsImporter } from './formats/vpr-results/importer.ts';

/**
 * Every format importFile() recognises (see pipeline/registry.ts for how to add one). Order only breaks
 * ties of equal confidence.
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
