import type { ImportFile } from '../import/types.ts';
import { demoGiaProtocols, demoMedalCandidates, demoTermMarks } from './demo-gia.ts';
import { demoMunicipality } from './demo-roster.ts';
import { demoAdditionalEducation, demoDirectory, demoMarksReport, demoObjectivityList, demoOlympiad, demoPlannedReport, demoStaff } from './demo-tables.ts';
import { demoMonitoringFiles } from './demo-monitoring.ts';

export * from './demo-roster.ts';

/** How many files demoFiles() returns (tests/unit/samples.test.ts checks it). */
export const DEMO_FILE_COUNT = 40;

/**
 * What the app imports on first start (and the Vite plugin serves under ./demo/), in import order:
 * the school directory first (logins, РЦОИ codes, clusters), then the ФИС ОКО files, the РЦОИ
 * protocols, the tables that link to the protocols' participants, and the returned monitoring forms.
 */
export function demoFiles(): ImportFile[] {
  return [
    demoDirectory(),
    ...demoMunicipality(),
    demoMarksReport(),
    demoPlannedReport(),
    demoObjectivityList(),
    ...demoGiaProtocols(),
    demoTermMarks(),
    demoMedalCandidates(),
    demoOlympiad(),
    demoAdditionalEducation(),
    demoStaff(),
    ...demoMonitoringFiles(),
  ];
}
