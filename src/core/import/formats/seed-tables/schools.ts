/**
 * The ОО cell of a seed table → school_id, through what the session already knows (the school
 * directory, ФИС ОКО and РЦОИ imports). An ОО the session does not know is an error naming row,
 * column and value — never a new school: these tables are typed by hand, and a misspelt name
 * must not become a phantom school that quietly takes a share of the indicators.
 *
 *  1. «edu203389» / «sch203389» — the ФИС ОКО login (schools/write.ts findSchool: alias 'fisoko',
 *     school.fisoko_login, the other spelling edu↔sch);
 *  2. digits only («9306», «111001») — the РЦОИ code (alias 'rcoi', else the one school with that
 *     gia_code, else a directory row that had only a code: alias 'directory');
 *  3. anything else — the name: compared after schools/match.ts normaliseSchoolName (case, quotes,
 *     «№», legal forms do not matter) with school.full_name, short_name and the names seen in
 *     aliases; equal names first, else the one school whose name contains every word of the cell.
 */
import type { Database } from '../../../db.ts';
import { queryObjects, queryValue } from '../../../db.ts';
import { invalidValue } from '../../messages.ts';
import { nameSimilarity, normaliseSchoolName } from '../../schools/match.ts';
import { findSchool } from '../../schools/write.ts';
import type { TableRow } from './table.ts';

const LOGIN = /^(edu|sch)\d{4,8}$/i;
const RCOI_CODE = /^\d{2,8}$/;

const ADVICE = 'Загрузите сначала справочник ОО (или результаты этой ОО), либо укажите её логин ФИС ОКО или код РЦОИ, и загрузите файл снова.';

function idOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

interface NamedSchool {
  school_id: number;
  name: string;
}

export class SchoolResolver {
  private readonly cache = new Map<string, number>();
  private names: Array<{ id: number; display: string; folded: string; words: Set<string> }> | null = null;
  /** distinct schools resolved, for RunOutcome.schools */
  readonly used = new Set<number>();

  constructor(private readonly db: Database) {}

  /** school_id of the row's ОО cell (`key`, 'school' by default); throws when no single school fits. */
  resolve(row: TableRow, key = 'school'): number {
    const text = String(row.values[key] ?? '').trim();
    const cached = this.cache.get(text);
    if (cached !== undefined) {
      this.used.add(cached);
      return cached;
    }
    const id = this.find(text, row, key);
    this.cache.set(text, id);
    this.used.add(id);
    return id;
  }

  private find(text: string, row: TableRow, key: string): number {
    if (LOGIN.test(text)) {
      const id = findSchool(this.db, text.toLowerCase());
      if (id === null) throw invalidValue(row.place(key), text, 'ОО с таким логином ФИС ОКО в сессии нет', ADVICE);
      return id;
    }
    if (RCOI_CODE.test(text)) {
      const id = this.byRcoiCode(text);
      if (id === null) throw invalidValue(row.place(key), text, 'ОО с таким кодом РЦОИ в сессии нет', ADVICE);
      return id;
    }
    return this.byName(text, row, key);
  }

  private byRcoiCode(code: string): number | null {
    const viaAlias = idOrNull(queryValue(this.db, "SELECT school_id FROM school_code_alias WHERE source = 'rcoi' AND code = ?", [code]));
    if (viaAlias !== null) return viaAlias;
    const byGiaCode = queryObjects<{ school_id: number }>(this.db, 'SELECT school_id FROM school WHERE gia_code = ? LIMIT 2', [code]);
    if (byGiaCode.length === 1) return byGiaCode[0].school_id;
    return idOrNull(queryValue(this.db, "SELECT school_id FROM school_code_alias WHERE source = 'directory' AND code = ?", [code]));
  }

  private loadNames() {
    if (this.names) return this.names;
    const rows = queryObjects<NamedSchool>(
      this.db,
      `SELECT school_id, full_name AS name FROM school WHERE full_name IS NOT NULL
       UNION SELECT school_id, short_name FROM school WHERE short_name IS NOT NULL
       UNION SELECT school_id, name_seen FROM school_code_alias WHERE name_seen IS NOT NULL
       ORDER BY school_id`,
    );
    this.names = rows.map((row) => {
      const folded = normaliseSchoolName(row.name);
      return { id: row.school_id, display: row.name, folded, words: new Set(folded.split(' ').filter(Boolean)) };
    });
    return this.names;
  }

  private displayName(id: number): string {
    const name = queryValue(this.db, 'SELECT COALESCE(full_name, short_name, fisoko_login, gia_code) FROM school WHERE school_id = ?', [id]);
    return typeof name === 'string' ? name : `№ ${id}`;
  }

  private byName(text: string, row: TableRow, key: string): number {
    const folded = normaliseSchoolName(text);
    const names = this.loadNames();
    const unique = (ids: number[]) => [...new Set(ids)];
    let ids = folded ? unique(names.filter((n) => n.folded === folded).map((n) => n.id)) : [];
    if (ids.length === 0 && folded) {
      const words = folded.split(' ');
      ids = unique(names.filter((n) => words.every((word) => n.words.has(word))).map((n) => n.id));
    }
    if (ids.length === 1) return ids[0];
    if (ids.length > 1) {
      const listed = ids
        .slice(0, 4)
        .map((id) => `«${this.displayName(id)}»`)
        .join(', ');
      throw invalidValue(
        row.place(key),
        text,
        `под это название подходят несколько ОО сессии (${listed}${ids.length > 4 ? ' …' : ''})`,
        'Укажите логин ФИС ОКО или код РЦОИ этой ОО и загрузите файл снова.',
      );
    }
    let best: { id: number; score: number } | null = null;
    for (const name of names) {
      const score = nameSimilarity(text, name.display);
      if (score >= 0.6 && (!best || score > best.score)) best = { id: name.id, score };
    }
    const hint = best ? ` Похожее название в сессии: «${this.displayName(best.id)}».` : '';
    throw invalidValue(row.place(key), text, 'ОО с таким названием в сессии нет', `${hint ? `${hint.trim()} ` : ''}${ADVICE}`);
  }
}
