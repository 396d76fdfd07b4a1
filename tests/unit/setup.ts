import { loadSheetJs } from '../../src/core/import/sheetjs-lib.ts';

// The engine's file-reading methods load SheetJS themselves; unit tests also call the readers directly.
await loadSheetJs();
