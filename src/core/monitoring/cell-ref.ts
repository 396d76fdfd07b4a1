/** A1 references for 0-based rows and columns: shared by the form writer and the collector. */

export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export const cellRef = (row: number, column: number) => `${columnName(column)}${row + 1}`;
