import type { Page } from 'playwright-core';

/** What the app showed after a click or a parameter change, timed on the page's own clock. */
export interface ClickOutcome {
  /** until the view reports data-state ready or error */
  readyMs: number;
  /** until the result is drawn: the view ready, its chart drawn, the grid showing values (null: not within the limit) */
  drawnMs: number | null;
  /** until the grid first showed values, not the «…» of rows on their way (null: not within the limit, or no rows) */
  gridMs: number | null;
  /** until the chart was first drawn (null: not within the limit) */
  chartMs: number | null;
  state: 'ready' | 'error';
  /** rows of the result (the view's data-rows; the grid on screen is virtual) */
  rows: number;
}

/** A step that has not finished in this long has hung. */
const LIMIT_MS = 180_000;

/**
 * Runs in the page: resolves when the indicator's view is ready and drawn. The predicate is
 * checked on every DOM change (a MutationObserver), so the time is not rounded to a polling step.
 * `act` starts the step (a click, a parameter change) after the observer is in place.
 */
async function observe(page: Page, id: string, act: 'click' | { param: string; value: string }): Promise<ClickOutcome> {
  const outcome = await page.evaluate(
    ([id, act, limit]) =>
      new Promise<ClickOutcome | string>((resolve) => {
        const sectionOf = () => document.querySelector(`section[data-indicator="${id}"]`);
        const before = sectionOf();
        // a click on an indicator already open only brings its tab forward: nothing would run
        if (act === 'click' && before) return resolve(`${id}: вкладка уже открыта, щелчок ничего не посчитает`);
        // a parameter change must see the view run again and a new chart, not the previous result
        const oldChart = before?.querySelector('[data-testid="chart"] svg') ?? null;
        let ran = act === 'click';
        let readyMs: number | null = null;
        let gridMs: number | null = null;
        let chartMs: number | null = null;
        // the view says how many rows it has (data-rows); a build from before that, through its print table
        const rows = (section: Element) =>
          section.hasAttribute('data-rows')
            ? Number(section.getAttribute('data-rows'))
            : section.querySelectorAll('[data-testid="print-table"] tbody tr').length;
        const finish = (value: ClickOutcome | string) => {
          observer.disconnect();
          clearTimeout(timer);
          resolve(value);
        };
        const check = () => {
          const section = sectionOf();
          if (!section || (act === 'click' && section === before)) return;
          const state = section.getAttribute('data-state');
          if (state === 'running') ran = true;
          if (!ran || (state !== 'ready' && state !== 'error')) return;
          readyMs ??= performance.now() - start;
          if (state === 'error') return finish({ readyMs, drawnMs: readyMs, gridMs: null, chartMs: null, state, rows: 0 });
          const chart = section.querySelector('[data-testid="chart"] svg');
          const chartDone = chart !== null && chart !== oldChart && !section.querySelector('.chart-frame .note');
          const n = rows(section);
          // a row with a value drawn, not the «…» a grid shows while its rows are fetched
          const gridDone = n === 0 || section.querySelector('[data-testid="result-grid"] .htCore tbody td:not(.oko-pending)') !== null;
          if (chartDone) chartMs ??= performance.now() - start;
          if (gridDone && n > 0) gridMs ??= performance.now() - start;
          if (chartDone && gridDone) finish({ readyMs, drawnMs: performance.now() - start, gridMs, chartMs, state: 'ready', rows: n });
        };
        const observer = new MutationObserver((records) => {
          if (records.some((r) => r.attributeName === 'data-state' && r.oldValue === 'running')) ran = true;
          check();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true });
        const timer = setTimeout(() => {
          const section = sectionOf();
          if (readyMs !== null && section) finish({ readyMs, drawnMs: null, gridMs, chartMs, state: 'ready', rows: rows(section) });
          else finish(`${id}: нет результата за ${limit / 1000} с`);
        }, limit);
        const start = performance.now();
        if (act === 'click') {
          (document.querySelector(`[data-testid="indicator-${id}"]`) as HTMLElement).click();
        } else {
          const select = before?.querySelector(`[data-testid="param-${act.param}"]`) as HTMLSelectElement;
          select.value = act.value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        }
        check();
      }),
    [id, act, LIMIT_MS] as const,
  );
  if (typeof outcome === 'string') throw new Error(outcome);
  return outcome;
}

/** A click on the indicator in the catalogue, until its result is drawn. */
export const clickIndicator = (page: Page, id: string) => observe(page, id, 'click');

/** A parameter of the open indicator changed in its form, until the new result is drawn. */
export const changeParam = (page: Page, id: string, param: string, value: string) => observe(page, id, { param, value });

/**
 * Waits until the app is idle: the session status has read «Сохранено» for QUIET_MS on end.
 * The app saves 300 ms (workspace) + 500 ms (autosave) after a change, showing «Сохраняется…»
 * meanwhile; a quiet period longer than both means no save is pending or running.
 */
export async function idle(page: Page): Promise<void> {
  await page.evaluate(
    ([quiet, limit]) =>
      new Promise<void>((resolve, reject) => {
        const status = () => document.querySelector('[data-testid="session-status"]')?.textContent ?? '';
        let timer: ReturnType<typeof setTimeout> | undefined;
        const done = () => {
          observer.disconnect();
          clearTimeout(giveUp);
          resolve();
        };
        const check = () => {
          clearTimeout(timer);
          if (status().startsWith('Сохранено')) timer = setTimeout(done, quiet);
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        const giveUp = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`сессия не сохранилась за ${limit / 1000} с: «${status()}»`));
        }, limit);
        check();
      }),
    [QUIET_MS, LIMIT_MS] as const,
  );
}

/** Longer than the app's save delays together (300 + 500 ms). */
const QUIET_MS = 1500;

/** Closes every open tab (the app may reopen the last indicator with the session), one × at a time. */
export async function closeAllTabs(page: Page): Promise<void> {
  while (await page.locator('[role="tab"] .tab-close').count()) {
    await page.locator('[role="tab"] .tab-close').first().click();
  }
  await page.waitForFunction(() => !document.querySelector('section[data-indicator]'), null, { timeout: LIMIT_MS });
}

/** Closes the indicator's tab (its × ), so the next click opens and runs it afresh. */
export async function closeIndicator(page: Page, id: string): Promise<void> {
  await page.click('[role="tab"][aria-selected="true"] .tab-close');
  await page.waitForFunction((id) => !document.querySelector(`section[data-indicator="${id}"]`), id, { timeout: LIMIT_MS });
}
