import { normalizeHeader } from '../../cells.ts';

export type AggLevel = 'RF' | 'region' | 'municipality' | 'school';

/** One row (or column) label of a report: «Вся выборка», a region, «…(reg20_m012)», «…(edu203389)». */
export interface ReportEntity {
  level: AggLevel;
  /** fisoko_agg.entity: the login / municipality code, else the name as written */
  entity: string;
  /** the name without the code */
  name: string;
  /** for a school: the label of the municipality row above it (hierarchy order) */
  municipality: string | null;
}

const LOGIN = /^(.*?)\s*\(\s*((?:edu|sch)\d{4,8})\s*\)\s*$/i;
const MUNICIPALITY = /^(.*?)\s*\(\s*(reg\d+_m\d+)\s*\)\s*$/i;
const WHOLE_SAMPLE = new Set(['вся выборка', 'рф', 'россия', 'российская федерация', 'по россии', 'по рф']);
// An uncoded label that names a school rather than a territory [I].
const SCHOOL_WORDS = /(^|[\s«"(])([а-яё]{0,3}оу([\s«"]|$)|сош|оош|нош|школ|гимнази|лице[йя]|интернат|кадетск)|№/i;

const MUNICIPALITY_WORDS = /муниципальн|район|р-н|городской округ|г\.\s?о\./i;

/**
 * Reads labels in hierarchy order (РФ → регион → муниципалитет → ОО, as ФИС ОКО lists them).
 * Codes decide when present; an uncoded label is a school or a municipality if it reads like
 * one («МБОУ…», «№»; «…район», «городской округ»), else the region if no region was seen yet,
 * else a municipality [I] — stated in docs/formats.md.
 */
export class EntityReader {
  private regionSeen = false;
  private lastMunicipality: string | null = null;
  private readonly seen = new Map<string, ReportEntity>();

  /** The same label read twice (repeated in every row of a block) is the same entity. */
  read(text: string): ReportEntity {
    const label = text.replace(/\s+/g, ' ').trim();
    const known = this.seen.get(label);
    if (known) {
      if (known.level === 'municipality') this.lastMunicipality = label;
      return known;
    }
    const entity = this.classify(label);
    this.seen.set(label, entity);
    return entity;
  }

  private classify(label: string): ReportEntity {
    const school = LOGIN.exec(label);
    if (school) return { level: 'school', entity: school[2].toLowerCase(), name: school[1], municipality: this.lastMunicipality };
    const municipality = MUNICIPALITY.exec(label);
    if (municipality) {
      this.lastMunicipality = label;
      return { level: 'municipality', entity: municipality[2].toLowerCase(), name: municipality[1], municipality: null };
    }
    if (WHOLE_SAMPLE.has(normalizeHeader(label))) return { level: 'RF', entity: 'Вся выборка', name: label, municipality: null };
    if (SCHOOL_WORDS.test(label)) return { level: 'school', entity: label, name: label, municipality: this.lastMunicipality };
    if (MUNICIPALITY_WORDS.test(label) && !/автономн/i.test(label)) {
      this.lastMunicipality = label;
      return { level: 'municipality', entity: label, name: label, municipality: null };
    }
    if (!this.regionSeen) {
      this.regionSeen = true;
      return { level: 'region', entity: label, name: label, municipality: null };
    }
    this.lastMunicipality = label;
    return { level: 'municipality', entity: label, name: label, municipality: null };
  }
}

export function isWholeSample(label: string): boolean {
  return WHOLE_SAMPLE.has(normalizeHeader(label));
}

export function entityKey(entity: Pick<ReportEntity, 'level' | 'entity'>): string {
  return `${entity.level}\u0000${entity.entity}`;
}
