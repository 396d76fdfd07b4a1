import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_CSP, SECURITY_HEADERS } from '../../scripts/security-headers.ts';

describe('the headers a host sends', () => {
  it("the page's <meta> policy is the header policy without what a meta tag cannot say", () => {
    const html = readFileSync('index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(PAGE_CSP);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(`${PAGE_CSP}; frame-ancestors 'none'`);
    expect(PAGE_CSP).toContain("connect-src 'self'");
    expect(PAGE_CSP).not.toContain("'unsafe-eval'");
  });

  it('docs/hosting.md gives every header with its exact value for nginx, Apache and Caddy', () => {
    const doc = readFileSync('docs/hosting.md', 'utf8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(doc, name).toContain(`add_header ${name} "${value}" always;`);
      expect(doc, name).toContain(`Header always set ${name} "${value}"`);
      expect(doc, name).toContain(`    ${name} "${value}"`);
    }
  });
});
