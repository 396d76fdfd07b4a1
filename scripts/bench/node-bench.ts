import initSqlJs from 'sql.js';
import { Engine } from '../../src/engine/engine.ts';
import { CATALOGUE } from '../../src/core/indicators/index.ts';
import { largeF1 } from './large-files.ts';

export interface Figure {
  what: string;
  value: number;
  unit: string;
}

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

/** The core in Node: import of a 100,000-row Ф1 and every indicator's latency on it. */
export async function runNodeBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const SQL = await initSqlJs();
  const engine = new Engine(SQL);
  const [bytes, writeMs] = await time(() => largeF1(100_000));
  log(`  Ф1 100 000 строк записан (${(bytes.length / 1e6).toFixed(1)} МБ) за ${(writeMs / 1000).toFixed(1)} с`);
  const [outcome, importMs] = await time(() => engine.importFiles({ files: [{ name: 'bench-f1.xlsx', bytes }] }));
  if (!outcome[0].ok) throw new Error(outcome[0].message);
  figures.push({ what: 'Node: импорт Ф1, 100 000 строк', value: importMs, unit: 'мс' });
  for (const def of CATALOGUE) {
    const params = engine.paramOptions({ id: def.id, params: {} }).params;
    engine.runIndicator({ id: def.id, params }); // warm the page cache once
    const [, ms] = await time(() => engine.runIndicator({ id: def.id, params }));
    figures.push({ what: `Node: ${def.id} на 100 000 строк`, value: ms, unit: 'мс' });
  }
  const [saved, exportMs] = await time(() => engine.exportDatabase());
  figures.push({ what: `Node: выгрузка сессии (${(saved.length / 1e6).toFixed(0)} МБ)`, value: exportMs, unit: 'мс' });
  return figures;
}
