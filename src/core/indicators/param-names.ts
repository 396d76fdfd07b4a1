const LITERALS_AND_COMMENTS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;
const NAMED = /(?<![\w:]):([A-Za-z_][A-Za-z0-9_]*)/g;

/** The `:names` an SQL text binds, in order of first use; string literals and comments are skipped. */
export function sqlParamNames(sql: string): string[] {
  const code = sql.replace(LITERALS_AND_COMMENTS, ' ');
  return [...new Set(Array.from(code.matchAll(NAMED), (m) => m[1]))];
}
