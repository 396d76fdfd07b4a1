import type { Cell } from './cells.ts';
import { cellText, normalizeHeader } from './cells.ts';
import { parseTaskHeader } from './task-header.ts';

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
export function mapColumns<K extends string>(
  header: readonly Cell[],
  layout: Record<K, readonly HeaderMatcher[]>,
): Partial<Record<K, ColumnRef>> {
  const columns: Partial<Record<K, ColumnRef>> = {};
  for (const key of Object.keys(layout) as K[]) {
    const found = findColumn(header, layout[key]);
    if (found) columns[key] = found;
  }
  return columns;
}
