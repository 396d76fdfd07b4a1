/**
 * The справка the report view shows: «Добавить в справку» appends to it (null — to the latest
 * one). Kept for the page's life, so coming back to the tab shows the same справка.
 */
let current: number | null = null;

export function currentReport(): number | null {
  return current;
}

export function showReport(id: number | null): void {
  current = id;
}
