import type { Database } from '../db.ts';
import { queryObjects, queryValue, run } from '../db.ts';
import type { ReportDoc, ReportSummary } from './types.ts';

/** The session's справки, the latest edited first (the report view opens the first). */
export function listReports(db: Database): ReportSummary[] {
  return queryObjects<{ id: number; title: string; body: string; updated_at: string }>(
    db,
    'SELECT id, title, body, updated_at FROM oko_report ORDER BY updated_at DESC, id DESC',
  ).map((row) => ({ id: row.id, title: row.title, sections: sectionCount(row.body), updatedAt: row.updated_at }));
}

function sectionCount(body: string): number {
  try {
    const doc = JSON.parse(body) as Partial<ReportDoc>;
    return Array.isArray(doc.sections) ? doc.sections.length : 0;
  } catch {
    return 0;
  }
}

export function getReport(db: Database, id: number): ReportDoc {
  const body = queryValue(db, 'SELECT body FROM oko_report WHERE id = ?', [id]);
  if (typeof body !== 'string') throw new Error('Справка не найдена: возможно, она удалена.');
  let doc: ReportDoc;
  try {
    doc = JSON.parse(body) as ReportDoc;
  } catch {
    throw new Error('Справка в файле сессии повреждена и не может быть открыта.');
  }
  return { ...doc, id };
}

/**
 * Writes the справка (a new one gets its id) and returns it as stored. `updatedAt` is set here, so
 * the order of the list is the order of the edits.
 */
export function saveReport(db: Database, doc: ReportDoc, now: Date): ReportDoc {
  const stamp = now.toISOString();
  const saved: ReportDoc = { ...doc, updatedAt: stamp, createdAt: doc.createdAt || stamp };
  const exists = saved.id !== null && queryValue(db, 'SELECT 1 FROM oko_report WHERE id = ?', [saved.id]) !== null;
  if (exists) {
    run(db, 'UPDATE oko_report SET title = ?, body = ?, updated_at = ? WHERE id = ?', [saved.meta.title, JSON.stringify(saved), stamp, saved.id]);
    return saved;
  }
  run(db, 'INSERT INTO oko_report (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)', [
    saved.meta.title,
    JSON.stringify({ ...saved, id: null }),
    saved.createdAt,
    stamp,
  ]);
  const id = Number(queryValue(db, 'SELECT last_insert_rowid()'));
  return { ...saved, id };
}

export function deleteReport(db: Database, id: number): boolean {
  run(db, 'DELETE FROM oko_report WHERE id = ?', [id]);
  return Number(queryValue(db, 'SELECT changes()')) > 0;
}
