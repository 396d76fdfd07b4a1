import type { Database } from '../../../db.ts';
import { queryObjects } from '../../../db.ts';
import { aliasedSchool, insertSchool, municipalityNamed, municipalityOfMsuCode, recordAlias } from '../../schools/write.ts';
import type { RegionLine } from './title.ts';

export const UNKNOWN_MUNICIPALITY = 'Не указан';

export function placeholderName(code: string): string {
  return `ОО с кодом РЦОИ ${code}`;
}

/** «Код МСУ» → municipality.gia_msu_code; without it the region line's «Не указан», else the bare «Не указан». */
function municipalityOf(db: Database, msuCode: string | null, region: RegionLine | null): number {
  const regionCode = region?.code ?? null;
  return msuCode ? municipalityOfMsuCode(db, msuCode, regionCode) : municipalityNamed(db, UNKNOWN_MUNICIPALITY, regionCode);
}

/**
 * Schools by РЦОИ «Код ОО»: school_code_alias (source 'rcoi'), then a single school whose
 * gia_code is that code (an alias is added), else a placeholder school (pipeline/registry.ts contract:
 * fisoko_login NULL, gia_code = code) that the crosswalk screen later merges into the real one.
 */
export class RcoiSchools {
  private readonly ids = new Map<string, number>();
  readonly created: string[] = [];

  constructor(private readonly db: Database) {}

  idOf(code: string, msuCode: string | null, region: RegionLine | null): number {
    const known = this.ids.get(code);
    if (known !== undefined) return known;
    const id = this.find(code) ?? this.createPlaceholder(code, msuCode, region);
    this.ids.set(code, id);
    return id;
  }

  private find(code: string): number | null {
    const viaAlias = aliasedSchool(this.db, 'rcoi', code);
    if (viaAlias !== null) return viaAlias;
    const byGiaCode = queryObjects<{ school_id: number }>(this.db, 'SELECT school_id FROM school WHERE gia_code = ? LIMIT 2', [code]);
    if (byGiaCode.length !== 1) return null;
    const id = byGiaCode[0].school_id;
    recordAlias(this.db, 'rcoi', code, null, id);
    return id;
  }

  private createPlaceholder(code: string, msuCode: string | null, region: RegionLine | null): number {
    const municipalityId = municipalityOf(this.db, msuCode, region);
    const id = insertSchool(this.db, { municipalityId, login: null, giaCode: code, name: placeholderName(code) });
    recordAlias(this.db, 'rcoi', code, null, id);
    this.created.push(code);
    return id;
  }

  /** For appeals: a school known by this code, without creating one. */
  existing(code: string): number | null {
    return this.ids.get(code) ?? aliasedSchool(this.db, 'rcoi', code);
  }

  get count(): number {
    return new Set(this.ids.values()).size;
  }
}
