export type { SampleCell, SheetSpec } from './xlsx-writer.ts';
export { writeWorkbook, writeCsv } from './xlsx-writer.ts';
export type { F1Participant, F1School, F1Spec, SampleTask } from './fisoko-f1.ts';
export { fisokoF1Sheet, writeFisokoF1, f1SheetName, taskHeader } from './fisoko-f1.ts';
export type { Form2022Participant, Form2022Spec, Form2026Participant, Form2026Spec } from './vpr-form.ts';
export { vprForm2022Sheets, vprForm2026Sheets, writeVprForm2022, writeVprForm2026, JOURNAL_HEADER } from './vpr-form.ts';
export { DEMO_FILE_COUNT, DEMO_MUNICIPALITY, DEMO_SCHOOLS, DEMO_WORKS, DEMO_YEARS, demoFileName, demoFiles, demoMunicipality, demoSpecs } from './demo.ts';
export { demoGiaProtocols, demoMedalCandidates, demoMedalRows, demoPupils, demoRcoiCode, demoTermMarks } from './demo-gia.ts';
export {
  demoAdditionalEducation,
  demoDirectory,
  demoDirectoryRows,
  demoMarksReport,
  demoObjectivityList,
  demoObjectivityRows,
  demoOlympiad,
  demoPlannedReport,
  demoStaff,
  DEMO_MATH4_REQUIREMENTS,
} from './demo-tables.ts';
export type { Random } from './prng.ts';
export { createRandom } from './prng.ts';
export type { AggRowSpec, GroupBlockSpec, JournalRowSpec, ObjectivityRowSpec, PlannedEntitySpec, ReportTaskSpec, ReportTitleSpec } from './fisoko-reports.ts';
export {
  fisokoGroupsSheet,
  fisokoHistSheet,
  fisokoJournalSheet,
  fisokoMarksSheet,
  fisokoPlannedSheet,
  fisokoTasksSheet,
  objectivityListSheet,
  reportTitleRows,
} from './fisoko-reports.ts';
export * from './rcoi.ts';
export type { DirectoryRowSpec } from './school-directory.ts';
export { DIRECTORY_HEADERS, schoolDirectorySheet } from './school-directory.ts';
export * from './seed-tables.ts';
export type { FilledForm, FormAnswers } from './monitoring.ts';
export { excelDate, filledFormXlsx, filledSummaryXlsx } from './monitoring.ts';
export { DEMO_ADDITIONAL_COVERAGE, DEMO_ERROR_SCHOOL, DEMO_LATE_SCHOOL, demoAdditionalCoverage, demoMonitoringFiles } from './demo-monitoring.ts';
