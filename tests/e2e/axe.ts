import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the page under test. The script is evaluated through the DevTools protocol
 * (page.evaluate), which the page's Content-Security-Policy does not govern, so the check runs
 * against the app exactly as users get it — no `bypassCSP`. (A <script> tag, even
 * page.addScriptTag({ path }), would be refused: the CSP allows scripts from the origin only.)
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  /** CSS selectors of the offending nodes, with axe's one-line reason */
  nodes: string[];
}

/**
 * Violations of the WCAG 2.1 A/AA rules (and axe's best practices) on the page as it is now,
 * at `impacts` or worse. `context` narrows the check to part of the page (a dialog).
 */
export async function axeViolations(page: Page, options: { impacts?: Impact[]; context?: string } = {}): Promise<AxeViolation[]> {
  const impacts = options.impacts ?? ['serious', 'critical'];
  // a script, not an expression: end it with a plain value for evaluate() to return
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;0`);
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: RawViolation[] }> } }).axe;
    interface RawViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown[]; failureSummary?: string }>;
    }
    const result = await axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`),
    }));
  }, options.context ?? null);
  return (violations as AxeViolation[]).filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** «rule (impact): node — reason» lines, for a failure message that says what to fix. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) => v.nodes.slice(0, 5).map((node) => `${v.id} (${v.impact}): ${node}`));
}
