import type { ReportSection } from '../../core/report/types.ts';
import type { AppHost as App } from '../app-host.ts';
import { QueryStopped } from '../queries/stops.ts';
import { currentReport } from './current.ts';

/**
 * «Добавить в справку»: the section is made by the engine (table, chart, drafted text) and appended
 * to the справка the report view shows, else to the latest one — a new one when there is none. The session changed, so the
 * autosave keeps it; the notice offers to open the справка.
 */
export async function addToReport(app: App, make: () => Promise<ReportSection>): Promise<boolean> {
  try {
    const section = await make();
    const doc = await app.engine.call('appendSection', { section, reportId: currentReport() });
    app.autosave.touch();
    app.notify(
      'info',
      `Раздел «${section.title}» добавлен в справку «${doc.meta.title}» (разделов: ${doc.sections.length}). Справка — слева, «Аналитическая справка».`,
    );
    return true;
  } catch (error) {
    // A stop says itself what became of the data: «Запрос остановлен: …».
    if (error instanceof QueryStopped) app.notify('error', `Раздел не добавлен в справку. ${error.message}`);
    else app.notify('error', `Раздел не добавлен в справку: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
