/**
 * Vega measures text with a canvas it makes when it is loaded (vega-canvas: `document.createElement`),
 * or else guesses widths from letter counts — and labels, legends and titles laid out on guesses
 * would not match the live chart drawn over the picture. A worker has no document but has
 * OffscreenCanvas, measuring text with the same fonts: Vega is given that. Imported before Vega.
 */
const scope = globalThis as { document?: unknown };
if (scope.document === undefined && typeof OffscreenCanvas === 'function') {
  scope.document = { createElement: () => new OffscreenCanvas(1, 1) };
}
