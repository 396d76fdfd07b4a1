import type { MonitoringForm } from '../types.ts';
import { CAREERS } from './careers.ts';
import { LEADERS } from './leaders.ts';
import { MENTORING } from './mentoring.ts';
import { PRESCHOOL } from './preschool.ts';
import { UPBRINGING } from './upbringing.ts';

export { CAREERS, LEADERS, MENTORING, PRESCHOOL, UPBRINGING };
export { LEADER_CRITERIA } from './leaders.ts';
export { PRESCHOOL_AREAS } from './preschool.ts';

/** Every monitoring form Око generates and collects, in the order the МСОКО documents list the systems. */
export const FORMS: readonly MonitoringForm[] = [CAREERS, LEADERS, MENTORING, UPBRINGING, PRESCHOOL];

export function findForm(id: string): MonitoringForm | undefined {
  return FORMS.find((form) => form.id === id);
}
