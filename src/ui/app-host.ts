import type { IndicatorDef } from '../core/indicators/types.ts';
import type { EngineClient } from '../engine/client.ts';
import type { Autosave } from '../store/autosave.ts';
import type { WorkspaceStore, WorkspaceTab } from '../store/workspace.ts';
import type { Notice } from './notices/notices.svelte.ts';
import type { QueryStops } from './queries/stops.ts';

/*
 * What the screen's helper functions (downloads, shared indicators, «Добавить в справку», query
 * stops) use of the App that owns them. The stores state their own narrower hosts next to them
 * (ImportHost, SessionHost, SessionKeyHost, TabsHost, EditHistoryHost). They depend on these, App
 * implements them: no part imports app.svelte.ts (docs/architecture.md, «Состояние экрана»).
 */

export interface OfferedIndicator {
  def: IndicatorDef;
  /** «по ссылке», «из файла «x.json»» */
  how: string;
}

/** The progress line under the header: a session opening, an export being made. */
export interface Progress {
  label: string;
  done: number;
  total: number;
}

export interface AppHost {
  readonly engine: EngineClient;
  readonly autosave: Autosave;
  readonly workspaceStore: WorkspaceStore;
  /** the import desk: whether it runs, and the messages of import-status and import-error */
  readonly imports: { readonly running: boolean; status: string; error: string };
  /** «Остановить» and the time limit of queries (src/ui/queries/) */
  readonly queries: QueryStops;
  /** the open tabs (src/ui/tabs/) */
  readonly tabs: { open(tab: WorkspaceTab): void; close(key: string): void };
  startupError: string;
  offeredIndicators: OfferedIndicator[];
  schedule<T>(job: () => Promise<T>): Promise<T>;
  /** `sticky`: stays until the user closes it */
  notify(kind: Notice['kind'], text: string, sticky?: boolean): void;
  reloadCatalogues(): Promise<void>;
}
