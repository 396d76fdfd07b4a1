import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** A headless Chromium with a fresh profile (IndexedDB empty, nothing cached) for one bench run; the caller closes it and removes the profile. */
export async function launch(): Promise<{ context: BrowserContext; page: Page; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'oko-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, profile };
}
