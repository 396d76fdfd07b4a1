import { CATALOGUE } from './catalogue/index.ts';
import type { IndicatorDef } from './types.ts';

export { CATALOGUE };
export { MECHANISM, MIN_GROUP, SCHOOL_LEVEL, TOTAL_LEVEL } from './catalogue/common.ts';
export { paramOptions, resolveParams, sqlParamNames } from './params.ts';
export type { ParamOption } from './params.ts';
export { runIndicator, validateIndicatorDef } from './run.ts';
export type { IndicatorColumn, IndicatorDef, IndicatorParam, IndicatorResult } from './types.ts';

export function findIndicator(id: string): IndicatorDef | undefined {
  return CATALOGUE.find((def) => def.id === id);
}
