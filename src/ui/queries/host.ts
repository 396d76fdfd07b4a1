import type { AppHost } from '../app-host.ts';
import { restartFromSaved, RestoreFailed, restorePoint } from '../import/cancel.ts';
import type { QueryStopHost } from './stops.ts';

/** How a stop reaches the app: the import's restore point and restart (cancel.ts), then fresh lists. */
export function queryStopHost(app: AppHost): QueryStopHost {
  return {
    async restorePoint() {
      // A view opened with the session starts its query before the autosave has the session.
      await app.autosave.attachedOrIdle();
      return restorePoint(app.autosave);
    },
    async restart(stillRunning) {
      try {
        return await restartFromSaved(app.engine, app.autosave, stillRunning);
      } catch (error) {
        if (error instanceof RestoreFailed) app.startupError = error.message;
        throw error;
      }
    },
    afterRestart: () => app.reloadCatalogues(),
    importing: () => app.imports.running,
    failed: (message) => app.notify('error', message),
  };
}
