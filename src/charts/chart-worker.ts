/**
 * The chart worker: draws pictures of charts (chart-picture.ts) on the second core while the page
 * draws the result's table. Requests may overlap while Vega awaits its dataflow; each answer carries
 * its request's id.
 */
import './worker-canvas.ts';
import { chartPicture } from './chart-picture.ts';
import type { PictureRequest, PictureAnswer } from './picture-protocol.ts';

const scope = self as unknown as { onmessage: ((event: MessageEvent<PictureRequest>) => void) | null; postMessage(answer: PictureAnswer): void };

scope.onmessage = async ({ data: { id, spec, width } }) => {
  try {
    scope.postMessage({ id, svg: await chartPicture(spec, width) });
  } catch (error) {
    scope.postMessage({ id, svg: null, error: error instanceof Error ? error.message : String(error) });
  }
};
