/**
 * The demo municipality: one fictional municipality written in every format the app reads, from
 * each format's own sample generator (core/import/formats/<id>/sample.ts, core/monitoring/sample.ts).
 * The roster (roster.ts) feeds the ФИС ОКО files, gia.ts the РЦОИ protocols and the tables linked to
 * their participants, tables.ts the reference tables, monitoring.ts the returned monitoring forms.
 */
import type { ImportFile } from '../import/types.ts';
import { demoGiaProtocols, demoMedalCandidates, demoTermMarks } from './gia.ts';
import { demoMunicipality } from './roster.ts';
import { demoAdditionalEducation, demoDirectory, demoMarksReport, demoObjectivityList, demoOlympiad, demoPlannedReport, demoStaff } from './tables.ts';
import { demoMonitoringFiles } from './monitoring.ts';

export * from './roster.ts';

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
