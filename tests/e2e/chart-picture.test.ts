import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppSession, foreignRequests, openApp, runSql } from './browser.ts';

/**
 * A result's chart is first a picture the chart worker draws while the page draws the table, then
 * the live Vega view drawn over it (Chart.svelte, charts/pictures.ts). The picture must be the live
 * chart — a user must not see it change or move when it comes alive — and must carry nothing active.
 */
const baseUrl = inject('baseUrl');

interface Drawn {
  markup: string;
  /** the chart's box on the page, px */
  height: number;
  /** texts of the axis labels */
  labels: string[];
  /** elements that could act: links, scripts, images, foreign objects */
  active: number;
}

/**
 * Does `act`, and returns the chart in `scope` as the worker's picture, seen the moment it is put
 * on the page (null: the chart came live without a picture).
 */
async function pictureAfter(page: Page, scope: string, act: () => Promise<void>): Promise<Drawn | null> {
  const picture = page.evaluate(
    (scope) =>
      new Promise<Drawn | null>((resolve) => {
        const observer = new MutationObserver(() => {
          const host = document.querySelector(`${scope} [data-testid="chart"]`);
          const drawn = host?.getAttribute('data-drawn');
          if (drawn === 'picture' && host!.querySelector('svg'))
            resolve({
              markup: host!.innerHTML,
              height: host!.getBoundingClientRect().height,
              labels: Array.from(host!.querySelectorAll('svg .role-axis-label text'), (t) => t.textContent ?? ''),
              active: host!.querySelectorAll('a, script, img, image, foreignObject, iframe').length,
            });
          else if (drawn === 'live') resolve(null);
          else return;
          observer.disconnect();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
    scope,
  );
  await act();
  return picture;
}

/** Clicks the indicator and returns its chart as the worker's picture and then as the live view. */
async function drawnTwice(page: Page, id: string): Promise<{ picture: Drawn | null; live: Pick<Drawn, 'markup' | 'height'> }> {
  const scope = `section[data-indicator="${id}"]`;
  const picture = await pictureAfter(page, scope, () => page.click(`[data-testid="indicator-${id}"]`));
  // the live view comes when the page is idle, or at once when the pointer comes to the chart
  await page.locator(`${scope} [data-testid="chart"]`).hover();
  const live = page.locator(`${scope} [data-testid="chart"][data-drawn="live"]`);
  await live.waitFor();
  return { picture, live: await live.evaluate((host) => ({ markup: host.innerHTML, height: host.getBoundingClientRect().height })) };
}

/**
 * What Vega's two SVG renderers write differently for the same scene: the background as a rect
 * (string renderer) or as a style (DOM renderer), a transparent fill written or left out, and the
 * DOM renderer's empty form for bound inputs (our charts bind none).
 */
function sameScene(markup: string): string {
  return markup
    .replace(/^(<svg[^>]*?)( style="[^"]*")?>(<rect width="[\d.]+" height="[\d.]+" fill="white"><\/rect>)?/, '$1>')
    .replaceAll(' fill="transparent"', '')
    .replace(/<form class="vega-bindings"><\/form>$/, '');
}

describe('the chart picture', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
  });
  afterAll(() => app?.close());

  it.each(['V1', 'V2', 'E6', 'G1', 'M1'])('%s: the worker draws the chart the live view then draws over it, in the same place', async (id) => {
    const { picture, live } = await drawnTwice(app.page, id);
    expect(picture).not.toBeNull();
    expect(picture!.markup).toContain('<text');
    expect(sameScene(picture!.markup)).toBe(sameScene(live.markup));
    expect(picture!.height).toBe(live.height);
  });

  it('cell text that looks like markup is text in the picture, and nothing in it acts', async () => {
    const { page } = app;
    const hostile = ['<img src=x onerror="window.okoPwned=1">', '</text><script>window.okoPwned=2</script>', '"><foreignObject>x</foreignObject>'];
    const picture = await pictureAfter(page, 'section.console', () =>
      runSql(page, hostile.map((text, i) => `SELECT '${text}' AS name, ${i + 1} AS n`).join(' UNION ALL ')),
    );
    expect(picture).not.toBeNull();
    expect(picture!.active).toBe(0);
    // each label is the text as written (Vega may shorten a long one with «…»)
    for (const text of hostile) expect(picture!.labels.some((label) => text.startsWith(label.replace(/…$/, '')))).toBe(true);
    expect(await page.evaluate(() => 'okoPwned' in window)).toBe(false);
  });

  it('asks nothing of the network and logs no error on the way', () => {
    expect(foreignRequests(app.pageRequests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

describe('without the chart worker', () => {
  it('charts are drawn live, as before there was one', async () => {
    const fresh = await openApp(baseUrl, {
      // a browser that cannot start the chart worker
      initScript: () => {
        const Original = window.Worker;
        window.Worker = class extends Original {
          constructor(url: string | URL, options?: WorkerOptions) {
            if (String(url).includes('chart-worker')) throw new Error('no chart worker here');
            super(url, options);
          }
        };
      },
    });
    try {
      await fresh.page.click('[data-testid="indicator-V1"]');
      await fresh.page.locator('section[data-indicator="V1"] [data-testid="chart"][data-drawn="live"] svg .mark-rect path').first().waitFor();
      expect(await fresh.page.locator('section[data-indicator="V1"] .chart-frame .note').count()).toBe(0);
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
