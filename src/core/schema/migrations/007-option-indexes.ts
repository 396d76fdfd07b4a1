/**
 * Parameter lists ask «which municipalities / schools have results of this work» one
 * municipality at a time; this index finds a municipality's schools without reading them all.
 */
export const OPTION_INDEXES_SCHEMA = `
CREATE INDEX ix_school_municipality ON school(municipality_id);
`;
