import { loadSheetJs } from '../../src/core/import/read/sheetjs-lib.ts';

// The engine's file-reading methods load SheetJS themselves; unit tests also call the readers directly.
await loadSheetJs();
