/// <reference types="svelte" />
/// <reference types="vite/client" />

declare const __HANDSONTABLE_KEY__: string;
