/**
 * The decode worker: ZXing runs here, off the main thread, so a frame's 10–100 ms of decoding
 * never delays a key from a wedge scanner or a tap on the screen. It receives frames as
 * transferred ImageBitmaps, draws them into an OffscreenCanvas to read the pixels, and
 * answers each one (see `DecodeReply`). The main thread sends a frame only when the previous
 * one has been answered, so there is never a queue here.
 */
import { FrameDecoder, type DecodeReply, type DecodeRequest } from './frame-decoder';
import { toLuminance } from './luminance';

// The DOM library types `self` as a Window; this is all of the worker scope we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeReply): void;
};

const decoder = new FrameDecoder();
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;
let luma = new Uint8ClampedArray(0);

function contextFor(width: number, height: number): OffscreenCanvasRenderingContext2D | null {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
    luma = new Uint8ClampedArray(width * height);
  }
  return context;
}

scope.onmessage = ({ data: { frame } }) => {
  try {
    const started = performance.now();
    const { width, height } = frame;
    const ctx = contextFor(width, height);
    if (!ctx) throw new Error('no 2D OffscreenCanvas context');
    ctx.drawImage(frame, 0, 0);
    frame.close();
    const text = decoder.read(toLuminance(ctx.getImageData(0, 0, width, height).data, luma), width, height);
    scope.postMessage({ kind: 'read', text, ms: performance.now() - started, width, height });
  } catch (error) {
    frame.close();
    scope.postMessage({ kind: 'error', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};

scope.postMessage(typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('2d') ? { kind: 'ready' } : { kind: 'unsupported' });
