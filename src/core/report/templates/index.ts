import { GIA11_TEMPLATE, GIA9_TEMPLATE } from './gia.ts';
import { MONITORING } from './monitoring.ts';
import { OBJECTIVITY } from './objectivity.ts';
import { SCHOOL } from './school.ts';
import type { ReportTemplate } from './types.ts';
import { VPR_WORK } from './vpr-work.ts';

export type { BuildContext, ReportTemplate, SectionBuilder, TemplateSection } from './types.ts';

/** The ready-made reports in the order the picker offers them (docs/reports.md). */
export const TEMPLATES: readonly ReportTemplate[] = [VPR_WORK, SCHOOL, GIA9_TEMPLATE, GIA11_TEMPLATE, OBJECTIVITY, MONITORING];

export function findTemplate(id: string): ReportTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
