import type { Cell } from './cells.ts';
import { cellText, normalizeHeader } from './cells.ts';
import type { Place } from './messages.ts';
import { duplicateColumn } from './messages.ts';
import { parseTaskHeader } from './work/task-header.ts';

/** How a header is recognised: exact text (folded) or a pattern over the folded text. */
export type HeaderMatcher = string | RegExp;

export interface ColumnRef {
  /** 0-based column index */
  index: number;
  /** header text as written in the file, for messages */
  header: string;
}

export interface TaskColumn extends ColumnRef {
  code: string;
  max: number;
  /** 1-based order among the task columns */
  position: number;
}

export function matchesHeader(folded: string, matcher: HeaderMatcher): boolean {
  return typeof matcher === 'string' ? folded === matcher : matcher.test(folded);
}

/** The first column whose header matches one of the synonyms. */
export function findColumn(header: readonly Cell[], synonyms: readonly HeaderMatcher[]): ColumnRef | undefined {
  for (const matcher of synonyms) {
    for (let index = 0; index < header.length; index++) {
      if (matchesHeader(normalizeHeader(header[index]), matcher)) return { index, header: cellText(header[index]) };
    }
  }
  return undefined;
}

export function findTaskColumns(header: readonly Cell[]): TaskColumn[] {
  const tasks: TaskColumn[] = [];
  header.forEach((cell, index) => {
    const parsed = parseTaskHeader(cellText(cell));
    if (parsed) tasks.push({ index, header: cellText(cell), code: parsed.code, max: parsed.max, position: tasks.length + 1 });
  });
  return tasks;
}

/** Locates every column of a layout that the header has. */
export function mapColumns<K extends string>(header: readonly Cell[], layout: Record<K, readonly HeaderMatcher[]>): Partial<Record<K, ColumnRef>> {
  const columns: Partial<Record<K, ColumnRef>> = {};
  for (const key of Object.keys(layout) as K[]) {
    const found = findColumn(header, layout[key]);
    if (found) columns[key] = found;
  }
  return columns;
}

/**
 * A column the layout reads (or a task column) that the header has twice under the same text
 * («Отметка» in H and in K): which one holds the data cannot be told, so the import stops with
 * 'duplicate-column' naming both (messages.ts). Headers the layout does not read may repeat.
 */
export function refuseDuplicateColumns(
  header: readonly Cell[],
  layout: Record<string, readonly HeaderMatcher[]>,
  place: Place & { row: number },
  tasks = false,
): void {
  const byText = new Map<string, number[]>();
  header.forEach((cell, index) => {
    const folded = normalizeHeader(cell);
    if (folded === '') return;
    const indexes = byText.get(folded);
    if (indexes) indexes.push(index);
    else byText.set(folded, [index]);
  });
  const matchers = Object.values(layout).flat();
  for (const [folded, indexes] of byText) {
    if (indexes.length < 2) continue;
    const read = matchers.some((matcher) => matchesHeader(folded, matcher)) || (tasks && parseTaskHeader(cellText(header[indexes[0]])) !== null);
    if (read) throw duplicateColumn({ ...place, column: cellText(header[indexes[0]]) }, indexes);
  }
}
