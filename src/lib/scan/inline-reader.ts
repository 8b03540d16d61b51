/**
 * The main-thread fallback of the camera's ZXing decoding (see frame-readers.ts): draws the
 * frame into a canvas and decodes it right here. A separate module, loaded only where the
 * worker cannot run, so that ZXing is not in the gate screen's own bundle.
 */
import { openFrameDecoder, wasmAt } from './frame-decoder';
import { frameSize, type FrameReader } from './frame-readers';
import { zxingWasmUrl } from './zxing-wasm-url';

/** Decodes on the main thread: only for browsers the worker path cannot run in. Rejects if ZXing cannot load. */
export async function inlineReader(maxSide: number): Promise<FrameReader> {
  const decoder = await openFrameDecoder(wasmAt(zxingWasmUrl()));
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    kind: 'inline',
    async read(video) {
      if (!context) throw new Error('no 2D canvas context');
      const { width, height } = frameSize(video, maxSide);
      if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
      context.drawImage(video, 0, 0, width, height);
      return decoder.read(context.getImageData(0, 0, width, height));
    },
    close() {
      Object.assign(canvas, { width: 0, height: 0 });
    }
  };
}
