import * as XLSX from '@e965/xlsx';
import initSqlJs from '../../wasm/node.ts';
import { Engine } from '../../src/engine/engine.ts';
import { CATALOGUE } from '../../src/core/indicators/index.ts';
import { ImportError, importFile } from '../../src/core/import/index.ts';
import { importUserTable, previewSheet } from '../../src/core/import/formats/user-table/importer.ts';
import { migrate } from '../../src/core/schema/migrate.ts';
import { cachedLargeCsv, largeF1 } from './large-files.ts';

export interface Figure {
  what: string;
  value: number;
  unit: string;
  /** several runs: the median with min–max and what else was measured, as one line */
  spread?: string;
}

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

const MB = 1024 * 1024;

/** Peak memory of this process, sampled whenever `sample()` is called (an import is synchronous: timers never fire inside it). */
class MemoryPeak {
  rss = 0;
  heap = 0;
  sample = (): void => {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heap = Math.max(this.heap, m.heapUsed);
  };
}

/** Runs one measured step; a failure is logged and the other figures still come. */
async function step(log: (line: string) => void, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    log(`  ✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The core in Node: a 1,000,000-row CSV (8 columns) as a table of the user's own — recognised
 * as no known layout, previewed, streamed into SQLite — with rows/s and the process's peak
 * memory (first, so that the peak is its own); then the import of a 100,000-row Ф1 and every
 * indicator's latency on it.
 */
export async function runNodeBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const SQL = await initSqlJs();

  await step(log, 'CSV 1 000 000', async () => {
    const rows = 1_000_000;
    const bytes = cachedLargeCsv(rows);
    const file = { name: 'мониторинг 1000000.csv', bytes };
    log(`  CSV ${rows.toLocaleString('ru-RU')} строк × 8 столбцов: ${(bytes.length / MB).toFixed(0)} МБ`);
    const db = new SQL.Database();
    migrate(db);
    const peak = new MemoryPeak();
    peak.sample();
    const baseline = peak.rss;

    const [refused, detectMs] = await time(async () => {
      try {
        await importFile(db, file);
        return null;
      } catch (error) {
        return error instanceof ImportError ? error.code : String(error);
      }
    });
    if (refused !== 'unknown-format') throw new Error(`ожидался 'unknown-format', получено ${refused}`);
    figures.push({ what: 'Node: CSV 1 000 000 строк — распознать как «свою таблицу» (unknown-format)', value: detectMs, unit: 'мс' });

    const [preview, previewMs] = await time(() => previewSheet(file));
    figures.push({ what: 'Node: CSV 1 000 000 строк — предпросмотр (30 строк, типы по 10 000, подсчёт строк)', value: previewMs, unit: 'мс' });
    const sheet = preview.sheets[0];
    if (sheet.totalRows !== rows + 1) throw new Error(`предпросмотр насчитал ${sheet.totalRows} строк`);
    log(`  типы столбцов: ${sheet.columns.map((c) => `${c.name}:${c.type}`).join(', ')}`);

    let progressCalls = 0;
    const [summary, importMs] = await time(() =>
      importUserTable(
        db,
        file,
        { sheet: sheet.name, headerRow: preview.suggestedHeaderRow, tableName: 'user_мониторинг', columns: sheet.columns },
        {
          onProgress: () => {
            progressCalls++;
            peak.sample();
          },
        },
      ),
    );
    peak.sample();
    if (summary.rows !== rows) throw new Error(`загружено ${summary.rows} строк`);
    figures.push({ what: 'Node: CSV 1 000 000 строк × 8 — импорт «своей таблицы»', value: importMs, unit: 'мс' });
    figures.push({ what: 'Node: CSV 1 000 000 строк × 8 — скорость импорта', value: rows / (importMs / 1000), unit: 'строк/с' });
    figures.push({ what: 'Node: CSV 1 000 000 строк — пик памяти процесса (RSS)', value: peak.rss / MB, unit: 'МБ' });
    figures.push({ what: 'Node: CSV 1 000 000 строк — прирост RSS за импорт', value: (peak.rss - baseline) / MB, unit: 'МБ' });
    log(`  прогресс сообщён ${progressCalls} раз; пик кучи JS ${(peak.heap / MB).toFixed(0)} МБ`);
    const [saved, exportMs] = await time(() => db.export());
    figures.push({ what: `Node: выгрузка сессии с таблицей 1 000 000 строк (${(saved.length / MB).toFixed(0)} МБ)`, value: exportMs, unit: 'мс' });
    db.close();

    // For comparison only: how SheetJS read the same CSV before csv-reader.ts (not used any more).
    const [, sheetjsMs] = await time(() => {
      const text = new TextDecoder().decode(bytes);
      const workbook = XLSX.read(text, { type: 'string', raw: true, dense: true, cellText: false, cellHTML: false, cellFormula: false });
      return XLSX.utils.sheet_to_json(workbook.Sheets[workbook.SheetNames[0]], { header: 1, raw: true, defval: null, blankrows: true }).length;
    });
    peak.sample();
    figures.push({ what: 'Node: для сравнения — SheetJS читает тот же CSV целиком (без записи)', value: sheetjsMs, unit: 'мс' });
    figures.push({ what: 'Node: для сравнения — пик RSS после чтения SheetJS', value: peak.rss / MB, unit: 'МБ' });
  });
  await step(log, 'Ф1 100 000', async () => {
    const engine = new Engine(SQL);
    const [bytes, writeMs] = await time(() => largeF1(100_000));
    log(`  Ф1 100 000 строк записан (${(bytes.length / 1e6).toFixed(1)} МБ) за ${(writeMs / 1000).toFixed(1)} с`);
    const [outcome, importMs] = await time(() => engine.importFiles({ files: [{ name: 'bench-f1.xlsx', bytes }] }));
    if (!outcome[0].ok) throw new Error(outcome[0].message);
    figures.push({ what: 'Node: импорт Ф1, 100 000 строк', value: importMs, unit: 'мс' });
    figures.push({ what: 'Node: импорт Ф1, 100 000 строк — скорость', value: 100_000 / (importMs / 1000), unit: 'строк/с' });
    for (const def of CATALOGUE) {
      const params = engine.paramOptions({ id: def.id, params: {} }).params;
      engine.runIndicator({ id: def.id, params }); // warm the page cache once
      const [, ms] = await time(() => engine.runIndicator({ id: def.id, params }));
      figures.push({ what: `Node: ${def.id} на 100 000 строк`, value: ms, unit: 'мс' });
    }
    const [saved, exportMs] = await time(() => engine.exportDatabase());
    figures.push({ what: `Node: выгрузка сессии (${(saved.length / 1e6).toFixed(0)} МБ)`, value: exportMs, unit: 'мс' });
  });

  return figures;
}
