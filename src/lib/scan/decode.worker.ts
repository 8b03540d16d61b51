/**
 * The decode worker: ZXing runs here, off the main thread, so a frame's milliseconds of
 * decoding never delay a key from a wedge scanner or a tap on the screen. It receives frames
 * as transferred ImageBitmaps, draws them into an OffscreenCanvas to read the pixels, and
 * answers each one (see `DecodeReply`). The main thread sends a frame only when the previous
 * one has been answered, so there is never a queue here.
 */
import { openFrameDecoder, wasmAt, type DecodeReply, type DecodeRequest, type FrameDecoder } from './frame-decoder';

// The DOM library types `self` as a Window; this is all of the worker scope we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeReply): void;
};

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function contextFor(width: number, height: number): OffscreenCanvasRenderingContext2D | null {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  return context;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function serve(decoder: FrameDecoder) {
  scope.onmessage = async ({ data }) => {
    if (data.kind !== 'frame') return;
    const { frame } = data;
    try {
      const started = performance.now();
      const { width, height } = frame;
      const ctx = contextFor(width, height);
      if (!ctx) throw new Error('no 2D OffscreenCanvas context');
      ctx.drawImage(frame, 0, 0);
      frame.close();
      const text = await decoder.read(ctx.getImageData(0, 0, width, height));
      scope.postMessage({ kind: 'read', text, ms: performance.now() - started, width, height });
    } catch (error) {
      frame.close();
      scope.postMessage({ kind: 'error', detail: describe(error) });
    }
  };
}

if (typeof OffscreenCanvas === 'undefined' || !new OffscreenCanvas(1, 1).getContext('2d')) {
  scope.postMessage({ kind: 'unsupported', detail: 'no OffscreenCanvas 2D in workers' });
} else {
  // Waits to be told where ZXing's .wasm is, then loads it.
  scope.onmessage = ({ data }) => {
    if (data.kind !== 'start') return;
    scope.onmessage = null;
    openFrameDecoder(wasmAt(data.wasmUrl)).then(
      (decoder) => {
        serve(decoder);
        scope.postMessage({ kind: 'ready' });
      },
      (error: unknown) => scope.postMessage({ kind: 'unsupported', detail: `ZXing could not load: ${describe(error)}` })
    );
  };
}
