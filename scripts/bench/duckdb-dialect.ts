import type { SqlValue } from '../../src/core/db.ts';

/**
 * The dialect shim that runs the catalogue's SQLite SQL on DuckDB. Each rewrite is named, and
 * the benchmark records which indicators needed which: the list is the SQL's portability report.
 * Rewrites work on tokens (string literals, quoted names and comments are never touched).
 */

export interface Token {
  kind: 'word' | 'string' | 'quoted' | 'comment' | 'space' | 'param' | 'other';
  text: string;
}

const TOKEN =
  /('(?:[^']|'')*')|("(?:[^"]|"")*")|(--[^\n]*|\/\*[\s\S]*?\*\/)|(\s+)|((?<![\w:]):[A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_\u0400-\u04FF][\w\u0400-\u04FF$]*)|([\s\S])/g;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sql.matchAll(TOKEN)) {
    const kind = m[1] ? 'string' : m[2] ? 'quoted' : m[3] ? 'comment' : m[4] ? 'space' : m[5] ? 'param' : m[6] ? 'word' : 'other';
    tokens.push({ kind, text: m[0] });
  }
  return tokens;
}

const join = (tokens: Token[]) => tokens.map((t) => t.text).join('');
const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && words.includes(t.text.toUpperCase());

/** Index of the next token that is not whitespace or a comment, from `i` on. */
function next(tokens: Token[], i: number): number {
  while (i < tokens.length && (tokens[i].kind === 'space' || tokens[i].kind === 'comment')) i++;
  return i;
}

function previous(tokens: Token[], i: number): number {
  while (i >= 0 && (tokens[i].kind === 'space' || tokens[i].kind === 'comment')) i--;
  return i;
}

/** Index of the ')' that closes the '(' at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].text === '(') depth++;
    else if (tokens[j].text === ')' && --depth === 0) return j;
  }
  return tokens.length;
}

/** A bound value as a DuckDB literal of the type sql.js binds it with (integer or double). */
export function literal(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : `CAST(${value} AS DOUBLE)`;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error('двоичный параметр не ожидается');
}

/** `:name` → the literal of the resolved value: DuckDB-WASM binds parameters by position only. */
export function inlineParams(sql: string, params: Record<string, SqlValue>): string {
  return join(tokenize(sql).map((t) => (t.kind === 'param' ? { ...t, text: literal(params[t.text.slice(1)]) } : t)));
}

/** A rewrite of the shim: a name for the report and the change it makes (text in, text out). */
export interface Shim {
  name: string;
  apply: (sql: string) => string;
}

/**
 * SQLite's scalar MIN(a, b) / MAX(a, b) → least / greatest: in DuckDB max(x, n) is the aggregate
 * «the n largest values». A call is scalar when its arguments have a comma at the top level.
 * (least/greatest skip NULL where SQLite's scalar MIN/MAX return NULL; the catalogue's
 * arguments are never NULL.)
 */
const scalarMinMax: Shim = {
  name: 'MIN/MAX(a, b) → least/greatest',
  apply(sql) {
    const tokens = tokenize(sql);
    tokens.forEach((t, i) => {
      if (!isWord(t, 'MIN', 'MAX')) return;
      const open = next(tokens, i + 1);
      if (tokens[open]?.text !== '(') return;
      const close = closing(tokens, open);
      let depth = 0;
      for (let j = open; j < close; j++) {
        if (tokens[j].text === '(') depth++;
        else if (tokens[j].text === ')') depth--;
        else if (tokens[j].text === ',' && depth === 1) {
          t.text = t.text.toUpperCase() === 'MIN' ? 'least' : 'greatest';
          return;
        }
      }
    });
    return join(tokens);
  },
};

/** SQLite's `INDEXED BY index` (which of the table's indexes to read) is SQLite's own: dropped. */
const indexedBy: Shim = {
  name: 'INDEXED BY … → (убрано)',
  apply(sql) {
    const tokens = tokenize(sql);
    tokens.forEach((t, i) => {
      if (!isWord(t, 'INDEXED')) return;
      const by = next(tokens, i + 1);
      const index = next(tokens, by + 1);
      if (!isWord(tokens[by], 'BY') || tokens[index]?.kind !== 'word') return;
      for (let j = i; j <= index; j++) tokens[j].text = '';
    });
    return join(tokens);
  },
};

/** SQLite accepts `CROSS JOIN t ON …` (an inner join whose order the planner keeps); DuckDB wants JOIN. */
export const crossJoinOn: Shim = {
  name: 'CROSS JOIN … ON → JOIN … ON',
  apply(sql) {
    const tokens = tokenize(sql);
    tokens.forEach((t, i) => {
      if (!isWord(t, 'CROSS')) return;
      const joinAt = next(tokens, i + 1);
      if (!isWord(tokens[joinAt], 'JOIN')) return;
      // the table, an optional alias, then ON
      let j = next(tokens, joinAt + 1);
      for (let words = 0; words < 3 && j < tokens.length; words++) {
        if (isWord(tokens[j], 'ON')) {
          t.text = '';
          if (tokens[i + 1].kind === 'space') tokens[i + 1].text = '';
          return;
        }
        if (tokens[j].kind !== 'word' && tokens[j].kind !== 'quoted') return;
        j = next(tokens, j + 1);
      }
    });
    return join(tokens);
  },
};

/**
 * Arithmetic on a truth value: SQLite's comparisons are 0/1 integers (`:w * (z IS NOT NULL)`),
 * DuckDB's are BOOLEAN and have no `*`. A parenthesised comparison next to `*`, `+` or `-` gets
 * a cast to INTEGER.
 */
const booleanArithmetic: Shim = {
  name: '(логическое) в арифметике → CAST(… AS INTEGER)',
  apply(sql) {
    const tokens = tokenize(sql);
    tokens.forEach((t, i) => {
      if (t.text !== '(') return;
      const before = tokens[previous(tokens, i - 1)];
      const close = closing(tokens, i);
      const after = tokens[next(tokens, close + 1)];
      const arithmetic = (x: Token | undefined) => x !== undefined && ['*', '+', '-'].includes(x.text);
      if (!arithmetic(before) && !arithmetic(after)) return;
      if (before?.kind === 'word') return; // a function call
      const inner = tokens.slice(i + 1, close);
      const comparison = inner.some((x) => isWord(x, 'IS', 'IN', 'LIKE', 'BETWEEN') || ['=', '<', '>', '!'].includes(x.text));
      const nested = inner.some((x) => x.text === '(' || isWord(x, 'SELECT', 'CASE'));
      if (!comparison || nested) return;
      t.text = 'CAST(';
      tokens[close].text = ' AS INTEGER)';
    });
    return join(tokens);
  },
};

export const STATIC_SHIMS: Shim[] = [indexedBy, scalarMinMax, crossJoinOn, booleanArithmetic];

/** Aggregates of both dialects: inside one of them (as inside OVER (…) or a subquery) a column is not bare. */
const AGGREGATES = new Set(['SUM', 'COUNT', 'AVG', 'MIN', 'MAX', 'TOTAL', 'GROUP_CONCAT', 'STRING_AGG', 'ANY_VALUE']);

/**
 * SQLite lets a grouped query select a column that is neither grouped nor aggregated (its value
 * comes from some row of the group; the catalogue uses it for columns fixed by the group key,
 * e.g. a school's name when grouping by the school). DuckDB refuses and names the column; this
 * wraps that column in ANY_VALUE(…) in the select lists, HAVING and ORDER BY of grouped queries
 * whose group key does not mention it (wrapBare).
 */
export const bareColumn = {
  name: 'столбец вне GROUP BY → ANY_VALUE(столбец)',
  /** the column DuckDB names in its error, if that is the error */
  column(error: string): string | null {
    return /column "([^"]+)" must appear in the GROUP BY clause/.exec(error)?.[1] ?? null;
  },
  wrap(sql: string, column: string): string {
    const tokens = tokenize(sql);
    const lower = column.toLowerCase();
    const isColumn = (t: Token | undefined) =>
      t !== undefined && (t.kind === 'word' || t.kind === 'quoted') && t.text.replaceAll('"', '').toLowerCase() === lower;
    tokens.forEach((t, i) => {
      if (!isWord(t, 'SELECT')) return;
      // the select list: up to FROM at the same depth; the rest of the block: up to its closing paren, UNION or end
      let depth = 0;
      let from = -1;
      let end = tokens.length;
      for (let j = i + 1; j < tokens.length; j++) {
        const x = tokens[j];
        if (x.text === '(') depth++;
        else if (x.text === ')') {
          if (depth === 0) {
            end = j;
            break;
          }
          depth--;
        } else if (depth === 0 && from < 0 && isWord(x, 'FROM')) from = j;
        else if (depth === 0 && isWord(x, 'UNION', 'INTERSECT', 'EXCEPT')) {
          end = j;
          break;
        }
      }
      if (from < 0) return;
      const groupAt = tokens.findIndex((x, j) => j > from && j < end && isWord(x, 'GROUP') && depthBetween(tokens, from, j) === 0);
      const grouped = groupAt >= 0 || selectHasAggregate(tokens, i + 1, from);
      if (!grouped) return;
      // after GROUP BY: HAVING and ORDER BY may name the column too
      const tail =
        groupAt >= 0 ? tokens.findIndex((x, j) => j > groupAt && j < end && isWord(x, 'HAVING', 'ORDER') && depthBetween(tokens, groupAt, j) === 0) : -1;
      if (groupAt >= 0) {
        const keyEnd = tail >= 0 ? tail : end;
        const key = tokens.slice(groupAt, keyEnd).filter((x, j) => depthBetween(tokens, groupAt, groupAt + j) === 0);
        if (key.some(isColumn)) return;
      }
      wrapBare(tokens, i + 1, from, isColumn, true);
      if (tail >= 0) wrapBare(tokens, tail, end, isColumn, false);
    });
    return join(tokens);
  },
};

/**
 * Wraps the bare references to a column in tokens[from, to) in ANY_VALUE(…): not after AS, not
 * called as a function, not inside an aggregate, a window clause or a subquery. In a select list
 * an item that is just the column keeps its name (DuckDB would call it any_value(x)).
 */
function wrapBare(tokens: Token[], from: number, to: number, isColumn: (t: Token) => boolean, selectList: boolean): void {
  const stack: Array<'plain' | 'closed'> = [];
  for (let j = from; j < to; j++) {
    const x = tokens[j];
    if (x.text === '(') {
      const before = tokens[previous(tokens, j - 1)];
      const inner = tokens[next(tokens, j + 1)];
      const shut = (before?.kind === 'word' && (AGGREGATES.has(before.text.toUpperCase()) || isWord(before, 'OVER'))) || isWord(inner, 'SELECT');
      stack.push(shut ? 'closed' : 'plain');
    } else if (x.text === ')') stack.pop();
    else if (isColumn(x) && !stack.includes('closed')) {
      const before = previous(tokens, j - 1);
      if (isWord(tokens[before], 'AS')) continue;
      if (tokens[next(tokens, j + 1)]?.text === '(') continue;
      // a qualified name: alias . column
      const start = tokens[before]?.text === '.' ? previous(tokens, before - 1) : j;
      const itemStart = [',', 'SELECT', 'DISTINCT'].includes(tokens[previous(tokens, start - 1)]?.text.toUpperCase() ?? '');
      const itemEnd = next(tokens, j + 1) === to || tokens[next(tokens, j + 1)]?.text === ',';
      const name = x.text;
      tokens[start].text = 'ANY_VALUE(' + tokens[start].text;
      x.text += selectList && itemStart && itemEnd && !stack.length ? `) AS ${name}` : ')';
    }
  }
}

/** The paren depth at `to` relative to `from`. */
function depthBetween(tokens: Token[], from: number, to: number): number {
  let depth = 0;
  for (let j = from; j < to; j++) {
    if (tokens[j].text === '(') depth++;
    else if (tokens[j].text === ')') depth--;
  }
  return depth;
}

function selectHasAggregate(tokens: Token[], from: number, to: number): boolean {
  let depth = 0;
  for (let j = from; j < to; j++) {
    const x = tokens[j];
    if (x.text === '(') depth++;
    else if (x.text === ')') depth--;
    else if (depth === 0 && x.kind === 'word' && AGGREGATES.has(x.text.toUpperCase()) && tokens[next(tokens, j + 1)]?.text === '(') {
      const close = closing(tokens, next(tokens, j + 1));
      if (!isWord(tokens[next(tokens, close + 1)], 'OVER')) return true;
    }
  }
  return false;
}

/**
 * The indicator's SQL for DuckDB: parameters inlined, then the static shims that change it.
 * `shims` names those applied; bareColumn is applied by the runner when DuckDB names a column.
 */
export function toDuckDb(sql: string, params: Record<string, SqlValue>): { sql: string; shims: string[] } {
  let out = inlineParams(sql, params);
  const shims: string[] = [];
  for (const shim of STATIC_SHIMS) {
    const changed = shim.apply(out);
    if (changed !== out) shims.push(shim.name);
    out = changed;
  }
  return { sql: out, shims };
}

/**
 * Runs `sql` through `run` (DuckDB), fixing bare grouped columns one by one as DuckDB names
 * them; any other error is thrown as is. Returns the SQL that ran, the shims it needed and the
 * columns wrapped in ANY_VALUE.
 */
export async function runWithShim<T>(
  sql: string,
  params: Record<string, SqlValue>,
  run: (sql: string) => Promise<T>,
): Promise<{ sql: string; shims: string[]; bare: string[]; result: T }> {
  let { sql: text, shims } = toDuckDb(sql, params);
  const bare: string[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      return { sql: text, shims, bare, result: await run(text) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const column = bareColumn.column(message);
      const wrapped = column ? bareColumn.wrap(text, column) : text;
      if (!column || wrapped === text || attempt > 30) throw error;
      text = wrapped;
      bare.push(column);
      if (!shims.includes(bareColumn.name)) shims = [...shims, bareColumn.name];
    }
  }
}
