import type { ChartSpec } from '../core/charts/chart-spec.ts';

/** To the chart worker: draw `spec` (drawable: drawable.ts) this many CSS pixels wide. */
export interface PictureRequest {
  id: number;
  spec: ChartSpec;
  width: number;
}

/** From it: the picture's SVG markup; null when only a live view can draw the chart, or it failed (`error`). */
export interface PictureAnswer {
  id: number;
  svg: string | null;
  error?: string;
}
