import type { View } from 'vega';

/**
 * The chart as PNG (2× for print) or SVG, straight from the Vega view. Both come back as Blobs
 * (no data: URLs, which our Content-Security-Policy would not let fetch()).
 */
export async function chartPng(view: View, scale = 2): Promise<Blob> {
  const canvas = await view.toCanvas(scale);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Не удалось получить изображение графика.'))), 'image/png'),
  );
}

export async function chartSvg(view: View): Promise<Blob> {
  const svg = await view.toSVG();
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}
