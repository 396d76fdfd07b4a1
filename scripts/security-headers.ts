/**
 * The HTTP headers a host should send with every file of Око (docs/hosting.md). The page's
 * <meta> CSP cannot say `frame-ancestors` and does not cover the engine's worker script: a
 * worker takes its policy from its own response. `vite preview` sends these, and the browser
 * tests run against it.
 */

/** The policy of index.html's <meta>, word for word (a unit test keeps them equal). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${PAGE_CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
