/**
 * The layer rules of docs/architecture.md («Слои и правила импорта»), checked on every import in
 * src/ (including .svelte files and `import type`). `npm run lint` runs it; `npm test` fails on
 * any violation. Change a rule here and in docs/architecture.md together.
 */

/**
 * Core modules the UI may import as code, not only as types: formatting, names and constants
 * that touch no database. Everything else in core reaches the UI through engine/client.
 * The rule `ui-core-pure-stays-pure` keeps this list honest.
 */
const UI_PURE_CORE = [
  '^src/core/plural\\.ts$',
  '^src/core/rounding\\.ts$',
  '^src/core/sql-errors\\.ts$',
  '^src/core/report/format\\.ts$',
  '^src/core/schema/descriptions\\.ts$',
  '^src/core/schema/session-size\\.ts$',
  '^src/core/resizable-buffer\\.ts$',
  '^src/core/charts/',
  '^src/core/indicators/param-names\\.ts$',
  '^src/core/indicators/share\\.ts$',
  '^src/core/indicators/catalogue/(common|families)\\.ts$',
  '^src/core/import/file-size\\.ts$',
  '^src/core/import/limits\\.ts$',
  '^src/core/import/messages\\.ts$',
  '^src/core/import/types\\.ts$',
  '^src/core/import/formats/canonical/targets\\.ts$',
  '^src/core/import/cells\\.ts$',
  '^src/core/import/formats/user-table/names\\.ts$',
  '^src/core/import/formats/rcoi/exam-kind\\.ts$',
  '^src/core/session-file/key-wrap\\.ts$',
];

/** The sample generators: formats/<id>/sample*.ts, core/monitoring/sample.ts and what they share. */
const SAMPLES = ['/sample\\.ts$', '/sample-[a-z0-9]+\\.ts$', '^src/core/import/samples/'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere in src/, type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-stays-core',
      comment: 'core is plain TypeScript for the worker and Node: it imports nothing of engine, ui, export, store.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(engine|ui|export|store|main\\.ts)' },
    },
    {
      name: 'core-no-dom-libraries',
      comment: 'core runs in Node tests and in the worker: no UI or browser-storage libraries.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: 'node_modules/(svelte|handsontable|vega-embed|@codemirror|idb-keyval)/' },
    },
    {
      name: 'import-below-indicators',
      comment: 'Reading files does not depend on the catalogue or the report built on top of it.',
      severity: 'error',
      from: { path: '^src/core/import/' },
      to: { path: '^src/core/(indicators|report)/' },
    },
    {
      name: 'import-formats-apart',
      comment:
        'A format of core/import/formats/ does not import another: what two share lives outside formats/ (read, pipeline, schools, work). ' +
        '«в таблицу Око» (canonical) builds on the own-table format: its header shapes and remembered mappings.',
      severity: 'error',
      from: { path: '^src/core/import/formats/([^/]+)/' },
      to: {
        path: '^src/core/import/formats/',
        pathNot: ['^src/core/import/formats/$1/', '^src/core/import/formats/user-table/(importer|mapping-store)\\.ts$'],
      },
    },
    {
      name: 'pipeline-below-formats',
      comment:
        'The pipeline (envelope, detection, the list of batches) serves every format and names none: what it needs of them ' +
        'the registry (core/import/importers.ts, above formats/) hands in.',
      severity: 'error',
      from: { path: '^src/core/import/pipeline/' },
      to: { path: ['^src/core/import/formats/', '^src/core/import/(importers|index|docs)\\.ts$', '^src/core/monitoring/'] },
    },
    {
      name: 'samples-apart',
      comment:
        'A format reads files without its sample generator (formats/<id>/sample*.ts and the writer they share, import/samples/): ' +
        'only other samples and the demo municipality built from them import those.',
      severity: 'error',
      from: { path: '^src/', pathNot: [...SAMPLES, '^src/core/demo/'] },
      to: { path: SAMPLES },
    },
    {
      name: 'demo-on-top',
      comment: "The demo municipality is assembled from the formats' samples; nothing in core imports it.",
      severity: 'error',
      from: { path: '^src/core/', pathNot: '^src/core/demo/' },
      to: { path: '^src/core/demo/' },
    },
    {
      name: 'sqljs-in-engine-only',
      comment: 'One database owner: only the engine loads sql.js; everyone else imports its types.',
      severity: 'error',
      from: { pathNot: '^src/engine/' },
      to: { path: 'node_modules/sql\\.js/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'engine-not-ui',
      comment: 'The engine (worker side) never imports the UI, exports or the browser store.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(ui|export|store)/' },
    },
    {
      name: 'protocol-is-declarations',
      comment: 'protocol.ts is shared by both sides of the RPC: it declares types and imports only core types.',
      severity: 'error',
      from: { path: '^src/engine/protocol\\.ts$' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'protocol-types-only',
      severity: 'error',
      from: { path: '^src/engine/protocol\\.ts$' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-engine-through-client',
      comment: 'The UI talks to the engine only through engine/client.ts (and the types of engine/protocol.ts).',
      severity: 'error',
      from: { path: '^src/(ui|store|export)/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/(client|protocol)\\.ts$' },
    },
    {
      name: 'ui-protocol-types-only',
      severity: 'error',
      from: { path: '^src/(ui|store|export)/' },
      to: { path: '^src/engine/protocol\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-core-types-or-pure',
      comment: 'UI and store import core types; as code only the pure modules of UI_PURE_CORE.',
      severity: 'error',
      from: { path: '^src/(ui|store)/' },
      to: { path: '^src/core/', pathNot: UI_PURE_CORE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-core-pure-stays-pure',
      comment: 'A core module the UI imports as code reaches no file reader or writer (sql.js itself is imported by the engine only).',
      severity: 'error',
      from: { path: UI_PURE_CORE },
      to: { path: 'node_modules/(@e965/xlsx|fflate|docx|@duckdb)/', reachable: true },
    },
    {
      name: 'export-not-ui',
      comment: 'Exports build files from data; the UI calls them, never the other way round.',
      severity: 'error',
      from: { path: '^src/export/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'store-not-ui',
      comment: 'Sessions in IndexedDB know nothing of the screen.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(ui|export)/' },
    },
    {
      name: 'ui-stores-not-coordinator',
      comment:
        'App (ui/app.svelte.ts) coordinates the stores; a store gets the narrow host it needs, never App. Only components, the context that hands App to them, and main.ts import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.svelte$', '^src/ui/context\\.ts$', '^src/main\\.ts$'] },
      to: { path: '^src/ui/app\\.svelte\\.ts$' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte'],
    },
  },
};
