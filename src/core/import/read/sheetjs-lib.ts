/**
 * SheetJS, loaded when a file is first read, not with the engine: it is a third of the engine's
 * code and opening a session or answering an indicator never needs it (the page's start waits for
 * the engine). Every engine method that reads a file awaits loadSheetJs() first; Node tests load
 * it once in their setup (tests/unit/setup.ts).
 */
import type * as SheetJS from '@e965/xlsx';

let loaded: typeof SheetJS | undefined;

export async function loadSheetJs(): Promise<typeof SheetJS> {
  loaded ??= await import('@e965/xlsx');
  return loaded;
}

/** The loaded library; an entry point that reads files without loadSheetJs() first is a bug. */
export function sheetJs(): typeof SheetJS {
  if (!loaded) throw new Error('SheetJS is not loaded: the engine method reading this file must await loadSheetJs() first');
  return loaded;
}
