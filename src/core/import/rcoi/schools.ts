import type { Database } from '../../db.ts';
import { queryObjects, queryValue } from '../../db.ts';
import type { RegionLine } from './title.ts';

export const UNKNOWN_MUNICIPALITY = 'Не указан';

export function placeholderName(code: string): string {
  return `ОО с кодом РЦОИ ${code}`;
}

function lastId(db: Database): number {
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

function idOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** «Код МСУ» → municipality.gia_msu_code; without it the region line's «Не указан», else the bare «Не указан». */
function municipalityOf(db: Database, msuCode: string | null, region: RegionLine | null): number {
  const regionCode = region?.code ?? null;
  if (msuCode) {
    const found = idOrNull(
      queryValue(
        db,
        'SELECT municipality_id FROM municipality WHERE gia_msu_code = ? AND (? IS NULL OR region_code IS NULL OR region_code = ?) ORDER BY municipality_id LIMIT 1',
        [msuCode, regionCode, regionCode],
      ),
    );
    if (found !== null) return found;
    db.run('INSERT INTO municipality (region_code, gia_msu_code, name) VALUES (?, ?, ?)', [regionCode, msuCode, `МСУ с кодом РЦОИ ${msuCode}`]);
    return lastId(db);
  }
  const found = idOrNull(queryValue(db, 'SELECT municipality_id FROM municipality WHERE region_code IS ? AND name = ?', [regionCode, UNKNOWN_MUNICIPALITY]));
  if (found !== null) return found;
  db.run('INSERT INTO municipality (region_code, name) VALUES (?, ?)', [regionCode, UNKNOWN_MUNICIPALITY]);
  return lastId(db);
}

/**
 * Schools by РЦОИ «Код ОО»: school_code_alias (source 'rcoi'), then a single school whose
 * gia_code is that code (an alias is added), else a placeholder school (registry.ts contract:
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
    const viaAlias = idOrNull(queryValue(this.db, "SELECT school_id FROM school_code_alias WHERE source = 'rcoi' AND code = ?", [code]));
    if (viaAlias !== null) return viaAlias;
    const byGiaCode = queryObjects<{ school_id: number }>(this.db, 'SELECT school_id FROM school WHERE gia_code = ? LIMIT 2', [code]);
    if (byGiaCode.length !== 1) return null;
    const id = byGiaCode[0].school_id;
    this.db.run("INSERT INTO school_code_alias (source, code, name_seen, school_id) VALUES ('rcoi', ?, NULL, ?)", [code, id]);
    return id;
  }

  private createPlaceholder(code: string, msuCode: string | null, region: RegionLine | null): number {
    const municipalityId = municipalityOf(this.db, msuCode, region);
    this.db.run('INSERT INTO school (municipality_id, fisoko_login, gia_code, full_name, is_active) VALUES (?, NULL, ?, ?, 1)', [
      municipalityId,
      code,
      placeholderName(code),
    ]);
    const id = lastId(this.db);
    this.db.run("INSERT INTO school_code_alias (source, code, name_seen, school_id) VALUES ('rcoi', ?, NULL, ?)", [code, id]);
    this.created.push(code);
    return id;
  }

  /** For appeals: a school known by this code, without creating one. */
  existing(code: string): number | null {
    return this.ids.get(code) ?? idOrNull(queryValue(this.db, "SELECT school_id FROM school_code_alias WHERE source = 'rcoi' AND code = ?", [code]));
  }

  get count(): number {
    return new Set(this.ids.values()).size;
  }
}
