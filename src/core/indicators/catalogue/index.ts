import type { IndicatorDef } from '../types.ts';
import { V2 } from './marks.ts';
import { V1 } from './participants.ts';
import { V3, V4, V5, V6 } from './levels.ts';
import { V7, V8 } from './journal.ts';
import { V9 } from './tasks.ts';

/** The built-in catalogue in display order (domain.md §6). */
export const CATALOGUE: IndicatorDef[] = [V1, V2, V3, V4, V5, V6, V7, V8, V9];
