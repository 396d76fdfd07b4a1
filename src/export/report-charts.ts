import type { ChartSpec } from '../core/charts/chart-spec.ts';
import type { ReportDoc, ReportSection } from '../core/report/types.ts';
import { cleanSvg } from '../charts/clean-svg.ts';
import { embedChart, type EmbeddedChart } from '../charts/embed.ts';
import { isLandscape } from './report-cells.ts';

/**
 * The справка's charts drawn for its files, in the browser: each section's Vega-Lite spec is
 * embedded off-screen the one way the app draws charts (src/charts/embed.ts: sanitised spec,
 * `ast: true` with vega-interpreter because our CSP forbids eval, no loader, no action menu), at
 * the width of the printed page, then taken as SVG (HTML) and as PNG at 3× (Word: ≈ 290 dpi at
 * the size it is placed).
 */

export interface RenderedChart {
  /** Vega's SVG, cleaned of anything that could act or reach outside */
  svg?: string;
  png?: Uint8Array;
  /** CSS pixels */
  width: number;
  height: number;
}

/** The text width of the printed page in CSS pixels (A4 minus margins, as in report-docx.ts). */
const PAGE_WIDTH = { portrait: 620, landscape: 970 };
export const PNG_SCALE = 3;

async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Не удалось получить изображение диаграммы.'))), 'image/png'),
  );
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Every chart of `doc`, by section id. `want` says which forms to make. A chart that Vega cannot
 * draw stops the export with the section's title in the message.
 */
export async function renderReportCharts(
  doc: ReportDoc,
  want: { svg?: boolean; png?: boolean },
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, RenderedChart>> {
  const sections = doc.sections.filter((s): s is ReportSection & { chart: ChartSpec } => !!s.chart);
  const out = new Map<string, RenderedChart>();
  if (!sections.length) return out;
  const host = document.createElement('div');
  // Laid out (a 'container' width needs a real width) but out of sight and out of the reading order.
  host.setAttribute('aria-hidden', 'true');
  Object.assign(host.style, { position: 'fixed', left: '-20000px', top: '0', visibility: 'hidden', pointerEvents: 'none' });
  document.body.append(host);
  try {
    for (const [index, section] of sections.entries()) {
      onProgress?.(index, sections.length);
      const frame = document.createElement('div');
      frame.style.width = `${isLandscape(section) ? PAGE_WIDTH.landscape : PAGE_WIDTH.portrait}px`;
      host.append(frame);
      let result: EmbeddedChart | null = null;
      try {
        result = await embedChart(frame, section.chart);
        await result.view.runAsync();
        const rendered: RenderedChart = { width: 0, height: 0 };
        const svg = await result.view.toSVG();
        const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
        rendered.width = size ? Number(size[1]) : frame.clientWidth;
        rendered.height = size ? Number(size[2]) : frame.clientHeight;
        if (want.svg) rendered.svg = cleanSvg(svg);
        if (want.png) rendered.png = await canvasPng(await result.view.toCanvas(PNG_SCALE));
        out.set(section.id, rendered);
      } catch (error) {
        throw new Error(`диаграмма раздела «${section.title}» не построена: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        result?.finalize();
        frame.remove();
      }
    }
    onProgress?.(sections.length, sections.length);
  } finally {
    host.remove();
  }
  return out;
}
