import { CATALOGUE, FAMILIES } from './catalogue/index.ts';
import type { IndicatorDef } from './types.ts';

export { CATALOGUE, FAMILIES };
export { MECHANISM, MIN_GROUP, SCHOOL_LEVEL, SUMMARY_LEVELS, TOTAL_LEVEL } from './catalogue/common.ts';
export { OptionLists, paramOptions, resolveParams, resolveWithOptions, sqlParamNames } from './params.ts';
export type { ParamOption } from './params.ts';
export { runIndicator, runResolved, validateIndicatorDef } from './run.ts';
export { readOnlyProblems } from './sql-guard.ts';
export {
  CustomIndicatorError,
  HASH_KEY,
  customFromSql,
  deleteCustomIndicator,
  importCustomIndicator,
  indicatorFromHash,
  indicatorFromJson,
  indicatorToHash,
  indicatorToJson,
  indicatorUrlHash,
  listCustomIndicators,
  nextCustomId,
  sanitizeIndicatorDef,
  saveCustomIndicator,
} from './custom.ts';
export type { CustomIndicatorInput } from './custom.ts';
export { catalogueMarkdown } from './docs.ts';
export type { IndicatorColumn, IndicatorDef, IndicatorParam, IndicatorResult } from './types.ts';

export function findIndicator(id: string): IndicatorDef | undefined {
  return CATALOGUE.find((def) => def.id === id);
}
