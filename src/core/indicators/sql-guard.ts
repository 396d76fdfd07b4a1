import type { Database } from '../db.ts';
import { queryAll } from '../db.ts';

const LITERALS_AND_COMMENTS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\//g;

/**
 * Statement keywords that change data or the connection; REPLACE only as «REPLACE INTO» (it is also a
 * function). Not after ':' '@' '$' (parameters such as :drop) or '.' (a column such as t.update).
 */
const WRITING =
  /(?<![:@$.\w])(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|ATTACH|DETACH|PRAGMA|VACUUM|REINDEX|ANALYZE|SAVEPOINT|RELEASE|BEGIN|COMMIT|ROLLBACK)\b|(?<![:@$.\w])REPLACE\s+INTO\b/i;

/**
 * Problems (Russian) that make an SQL text unfit for an indicator: an indicator — above all one
 * that arrives in a file or a link — may only read. Static: one statement, starting with SELECT,
 * WITH or VALUES, no writing keywords outside literals and comments. With a database, also asks
 * SQLite: the compiled program must not open a write transaction or a table for writing.
 */
export function readOnlyProblems(sql: string, db?: Database, what = 'SQL'): string[] {
  const code = sql.replace(LITERALS_AND_COMMENTS, ' ').trim();
  const problems: string[] = [];
  const body = code.replace(/;\s*$/, '');
  if (body.includes(';')) problems.push(`${what}: допускается один запрос, без «;» между запросами`);
  if (!/^(SELECT|WITH|VALUES)\b/i.test(body)) problems.push(`${what}: запрос должен начинаться с SELECT или WITH`);
  const writing = body.match(WRITING);
  if (writing) problems.push(`${what}: показатель может только читать данные, а в запросе есть «${writing[0].toUpperCase()}»`);
  if (db && !problems.length) {
    try {
      const plan = queryAll(db, `EXPLAIN ${body}`).rows;
      if (plan.some((row) => (row[1] === 'Transaction' && Number(row[3]) !== 0) || row[1] === 'OpenWrite')) {
        problems.push(`${what}: запрос изменяет базу, а показатель может только читать данные`);
      }
    } catch {
      // a syntax error is reported when the indicator is run
    }
  }
  return problems;
}
