import type { Database, SqlValue } from '../db.ts';
import { findIndicator } from '../indicators/index.ts';
import { paramOptions, resolveParams, type ParamOption } from '../indicators/params.ts';
import type { IndicatorDef, IndicatorParam } from '../indicators/types.ts';
import { difficulties, tasks } from './builders/tasks.ts';
import { recommendations } from './builders/recommendations.ts';
import { schoolEge, schoolLevels, schoolOge, schoolRecommendations, schoolSignals, schoolVpr } from './builders/school.ts';
import { indicatorSection } from './sections.ts';
import { TEMPLATES, findTemplate } from './templates/index.ts';
import type { BuildContext, BuilderName, ReportTemplate, SectionBuilder, TemplateSection } from './templates/types.ts';
import type { ReportDoc, ReportSection, ReportTemplateSummary } from './types.ts';

const BUILDERS: Record<BuilderName, SectionBuilder> = {
  tasks,
  difficulties,
  recommendations,
  'school-vpr': schoolVpr,
  'school-levels': schoolLevels,
  'school-signals': schoolSignals,
  'school-oge': schoolOge,
  'school-ege': schoolEge,
  'school-recommendations': schoolRecommendations,
};

export function templateSummaries(): ReportTemplateSummary[] {
  return TEMPLATES.map(({ id, title, description }) => ({ id, title, description }));
}

function template(id: string): ReportTemplate {
  const found = findTemplate(id);
  if (!found) throw new Error(`Готовая справка «${id}» не найдена.`);
  return found;
}

export interface TemplateParams {
  /** the parameters' definitions, for the controls */
  defs: IndicatorParam[];
  params: Record<string, SqlValue>;
  options: Record<string, ParamOption[]>;
}

/** The template's parameters resolved from `given` (each list offers only what the data hold), with the choices. */
export function templateParams(db: Database, id: string, given: Record<string, SqlValue>): TemplateParams {
  const { params: defs } = template(id);
  const params = resolveParams(db, { params: defs }, given);
  return { defs, params, options: paramOptions(db, { params: defs }, params) };
}

/** ':year' → the template's `year`; anything else as it is. */
function bind(bindings: Record<string, SqlValue> | undefined, params: Record<string, SqlValue>): Record<string, SqlValue> {
  return Object.fromEntries(
    Object.entries(bindings ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' && value.startsWith(':') ? (params[value.slice(1)] ?? null) : value,
    ]),
  );
}

/** Every value bound to a parameter of the indicator must survive resolution; otherwise the data lack it. */
function holds(def: IndicatorDef, bound: Record<string, SqlValue>, resolved: Record<string, SqlValue>): boolean {
  return def.params.every((p) => !(p.name in bound) || String(resolved[p.name]) === String(bound[p.name]));
}

/** One set of parameters per value the data offer for the `each` parameters, in order, with their labels. */
function expand(
  db: Database,
  def: IndicatorDef,
  base: Record<string, SqlValue>,
  each: readonly string[],
): Array<{ params: Record<string, SqlValue>; labels: Record<string, string> }> {
  if (!each.length) return [{ params: base, labels: {} }];
  const [first, ...rest] = each;
  const resolved = resolveParams(db, def, base);
  if (!holds(def, base, resolved)) return [];
  return (paramOptions(db, def, resolved)[first] ?? []).flatMap((option) =>
    expand(db, def, { ...base, [first]: option.value }, rest).map((item) => ({ params: item.params, labels: { [first]: option.label, ...item.labels } })),
  );
}

/** «ОГЭ: {subject}» → «ОГЭ: Математика»; {name:lower} starts with a small letter. */
function fill(text: string, labels: Record<string, string>): string {
  return text.replace(/\{(\w+)(:lower)?\}/g, (whole, name: string, lower?: string) => {
    const label = labels[name];
    if (label === undefined) return whole;
    return lower ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  });
}

function sectionsOf(ctx: BuildContext, spec: TemplateSection): ReportSection[] {
  if ('text' in spec) {
    return [{ id: ctx.nextId(), kind: 'text', title: spec.title, paragraph: spec.text, drafted: spec.text, notes: [] }];
  }
  const bound = bind(spec.params, ctx.params);
  if ('builder' in spec) return BUILDERS[spec.builder](ctx, bound, fill(spec.title, ctx.labels));
  const def = findIndicator(spec.indicator);
  if (!def) throw new Error(`Показатель «${spec.indicator}» не найден в каталоге.`);
  return expand(ctx.db, def, bound, spec.each ?? []).flatMap(({ params, labels }) => {
    const resolved = resolveParams(ctx.db, def, params);
    if (!holds(def, params, resolved)) return [];
    const title = spec.title ? fill(spec.title, { ...ctx.labels, ...labels }) : def.title;
    return [
      indicatorSection(ctx.db, def, resolved, {
        id: ctx.nextId(),
        title,
        compareYear: spec.compareYear,
        focusSchool: spec.focus ? Number(ctx.params.school) : null,
      }),
    ];
  });
}

/** «2026-12-06» in the local calendar of `now`. */
const isoDate = (now: Date) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** A ready-made report built for the parameters: not saved yet (id null). */
export function buildReport(db: Database, id: string, given: Record<string, SqlValue>, now: Date): ReportDoc {
  const chosen = template(id);
  const { params, options } = templateParams(db, id, given);
  const labels = Object.fromEntries(
    chosen.params.map((p) => [p.name, options[p.name]?.find((o) => String(o.value) === String(params[p.name]))?.label ?? String(params[p.name] ?? '')]),
  );
  let seq = 0;
  const ctx: BuildContext = { db, params, labels, nextId: () => `s${++seq}` };
  const sections = chosen.sections.flatMap((spec) => sectionsOf(ctx, spec));
  const stamp = now.toISOString();
  return {
    id: null,
    meta: {
      title: fill(chosen.heading, labels),
      organisation: '',
      municipality: labels.municipality ?? '',
      procedure: chosen.procedure,
      year: params.year === null || params.year === undefined ? '' : String(params.year),
      author: '',
      date: isoDate(now),
    },
    template: { id: chosen.id, params },
    sections,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** An empty справка for «Добавить в справку» when the session has none yet. */
export function emptyReport(now: Date, municipality = ''): ReportDoc {
  const stamp = now.toISOString();
  return {
    id: null,
    meta: { title: 'Аналитическая справка', organisation: '', municipality, procedure: '', year: String(now.getFullYear()), author: '', date: isoDate(now) },
    sections: [],
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** The report with `section` appended under a fresh id (s1, s2, … unique within the report). */
export function withSection(doc: ReportDoc, section: ReportSection): ReportDoc {
  const used = doc.sections.map((s) => Number(/^s(\d+)$/.exec(s.id)?.[1] ?? 0));
  const next = Math.max(0, ...used) + 1;
  return { ...doc, sections: [...doc.sections, { ...section, id: `s${next}` }] };
}
