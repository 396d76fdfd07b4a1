/// <reference types="svelte" />
/// <reference types="vite/client" />

declare const __HANDSONTABLE_KEY__: string;
/** 'sheetjs' only in builds that benchmark the old XLSX reader (OKO_XLSX_READER=sheetjs npm run build); else 'auto'. */
declare const __OKO_XLSX_READER__: 'auto' | 'sheetjs';
