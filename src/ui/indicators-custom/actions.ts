/**
 * What the UI does with the user's own indicators: save one from the console, add one from a
 * .json file or a link, download it, share it, delete it. The definitions are parsed and
 * checked by src/core/indicators/custom.ts; the engine validates them against the data and
 * stores them in the session (oko_custom_indicator).
 */
import { HASH_KEY, indicatorFileSizeError, indicatorFromHash, indicatorFromJson, indicatorToJson, indicatorUrlHash } from '../../core/indicators/share.ts';
import type { IndicatorDef } from '../../core/indicators/types.ts';
import type { CustomIndicatorDraft } from '../../engine/protocol.ts';
import { downloadBlob } from '../../export/download.ts';
import type { AppHost as App, OfferedIndicator } from '../app-host.ts';
import { savingLimitMessage, timeLimitSeconds } from '../queries/time-limit.ts';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens the indicator's tab with its defaults, after the catalogue has been re-read. */
async function show(app: App, def: IndicatorDef): Promise<void> {
  await app.reloadCatalogues();
  const params = Object.fromEntries(def.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default ?? null]));
  app.tabs.open({ kind: 'indicator', id: def.id, params });
  app.autosave.touch();
}

/**
 * The engine checks a new indicator by running it once: SQL that is not ours, so under the time
 * limit (src/ui/queries/) — an endless query is stopped and the indicator is not saved.
 */
function checkedSave<T>(app: App, save: () => Promise<T>): Promise<T> {
  const seconds = timeLimitSeconds(location.search);
  return app.queries.run({ limitMs: seconds * 1000, limitMessage: savingLimitMessage(seconds) }, save);
}

/** «Сохранить как показатель». Throws the engine's Russian reasons when the query does not fit. */
export async function saveFromConsole(app: App, draft: CustomIndicatorDraft): Promise<IndicatorDef> {
  const def = await checkedSave(app, () => app.engine.call('createCustomIndicator', { draft }));
  await show(app, def);
  app.notify('info', `Показатель ${def.id} «${def.title}» сохранён в сессии — он в каталоге, в разделе «Мои показатели».`);
  return def;
}

/** Adds an indicator that came from a file or a link (already parsed); returns what was stored. */
export async function addIndicator(app: App, def: IndicatorDef, how: string): Promise<IndicatorDef> {
  const saved = await checkedSave(app, () => app.engine.call('importCustomIndicator', { def }));
  await show(app, saved);
  app.imports.error = '';
  app.imports.status = `Добавлен показатель ${saved.id} «${saved.title}» (${how}).`;
  return saved;
}

/** Is this file meant as an indicator? By name: .json files are never data exports of ours. */
export function isIndicatorFile(file: File): boolean {
  return /\.json$/i.test(file.name);
}

/**
 * .json files from `import-input` or «Загрузить показатель…». Each file is checked on its own;
 * a bad one is explained in Russian (import-error) and the others are still added.
 */
export async function importIndicatorFiles(app: App, files: File[]): Promise<void> {
  const offered: OfferedIndicator[] = [];
  const failed: string[] = [];
  for (const file of files) {
    // Refused before it is read, like every other file (src/core/import/limits.ts).
    const tooBig = indicatorFileSizeError(file.name, file.size);
    if (tooBig) {
      failed.push(tooBig);
      continue;
    }
    try {
      offered.push({ def: indicatorFromJson(await file.text()), how: `из файла «${file.name}»` });
    } catch (error) {
      failed.push(`Файл «${file.name}» не загружен как показатель: ${errorText(error).replace(/\.?$/, '.')}`);
    }
  }
  // A file may come from anyone, like a link: nothing is added before the user has seen it.
  offerIndicators(app, offered);
  app.imports.status = '';
  app.imports.error = failed.join('\n');
}

/** Queues indicators for the confirmation dialog (ConfirmIndicatorDialog.svelte). */
export function offerIndicators(app: App, offers: OfferedIndicator[]): void {
  if (offers.length) app.offeredIndicators = [...app.offeredIndicators, ...offers];
}

/** `indicator-<id>.json`: the method only — SQL, labels, chart — never rows. */
export function downloadIndicator(app: App, def: IndicatorDef): void {
  try {
    const text = indicatorToJson(def);
    const safeTitle = def.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
    downloadBlob(`показатель_${def.id}_${safeTitle}.json`, new Blob([text], { type: 'application/json' }));
  } catch (error) {
    app.notify('error', `Показатель не скачан: ${errorText(error)}`);
  }
}

/** This app's address with `#indicator=…`: opening it offers to add the indicator. */
export async function indicatorLink(def: IndicatorDef): Promise<string> {
  return `${location.origin}${location.pathname}${location.search}${await indicatorUrlHash(def)}`;
}

export type HashIndicator = { ok: true; def: IndicatorDef } | { ok: false; message: string };

/** The indicator in a `#indicator=…` hash; null when the hash holds none. */
export async function indicatorFromLocation(hash: string): Promise<HashIndicator | null> {
  if (!new RegExp(`^#?(?:.*&)?${HASH_KEY}=`).test(hash)) return null;
  try {
    return { ok: true, def: await indicatorFromHash(hash) };
  } catch (error) {
    return { ok: false, message: `Ссылка на показатель не открыта: ${errorText(error)}` };
  }
}

/** Removes the indicator from the session and closes its tab. */
export async function deleteIndicator(app: App, id: string): Promise<void> {
  try {
    await app.engine.call('deleteCustomIndicator', { id });
    app.tabs.close(`indicator:${id}`);
    await app.reloadCatalogues();
    app.autosave.touch();
  } catch (error) {
    app.notify('error', `Показатель не удалён: ${errorText(error)}`);
  }
}
