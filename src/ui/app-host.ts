import type { RcoiContext } from '../core/import/formats/rcoi/exam-kind.ts';
import type { IndicatorDef } from '../core/indicators/types.ts';
import type { EngineClient } from '../engine/client.ts';
import type { ImportFilePayload, IndicatorSummary, TableInfo } from '../engine/protocol.ts';
import type { Autosave } from '../store/autosave.ts';
import type { WorkspaceStore, WorkspaceTab } from '../store/workspace.ts';
import type { QueryStops } from './queries/stops.ts';

/*
 * What the screen's parts (import desk, sessions, session key, downloads, shared indicators) use
 * of the App that owns them. They depend on this, App implements it: no part imports app.svelte.ts,
 * so the UI has no import cycle (docs/architecture.md, «Слои и правила импорта»).
 */

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface PendingContext {
  file: ImportFilePayload;
  message: string;
  /** an РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks 'examKind' (RcoiContext) */
  fields: Array<keyof RcoiContext>;
  guess: RcoiContext;
}

export interface OfferedIndicator {
  def: IndicatorDef;
  /** «по ссылке», «из файла «x.json»» */
  how: string;
}

export interface Progress {
  label: string;
  done: number;
  total: number;
}

export interface AppHost {
  readonly engine: EngineClient;
  readonly autosave: Autosave;
  readonly workspaceStore: WorkspaceStore;
  /** the import desk, as the session desk needs it */
  readonly imports: { clearError(): void; readonly running: boolean };
  /** «Остановить» and the time limit of queries (src/ui/queries/) */
  readonly queries: QueryStops;
  readonly sessionKey: { afterOpen(fileName: string): Promise<void> };
  tables: TableInfo[];
  indicators: IndicatorSummary[];
  ready: boolean;
  startupError: string;
  progress: Progress | null;
  importStatus: string;
  importError: string;
  pendingContext: PendingContext[];
  offeredIndicators: OfferedIndicator[];
  schedule<T>(job: () => Promise<T>): Promise<T>;
  /** `sticky`: stays until the user closes it */
  notify(kind: Notice['kind'], text: string, sticky?: boolean): void;
  showProgress(label: string, done: number, total: number): void;
  reloadCatalogues(): Promise<void>;
  fetchCatalogues(): Promise<[TableInfo[], IndicatorSummary[]]>;
  applyCatalogues(catalogues: [TableInfo[], IndicatorSummary[]]): void;
  resetForSession(): void;
  restoreWorkspace(openFirst?: boolean): Promise<void>;
  afterChange(): Promise<void>;
  open(tab: WorkspaceTab): void;
  close(key: string): void;
}
