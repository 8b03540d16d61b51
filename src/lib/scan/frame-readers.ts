/**
 * Two ways to turn the current video frame into a code's text, behind one interface:
 *
 * - `openWorkerReader`: the frame is grabbed with `createImageBitmap` (scaled down by the
 *   browser, off the main thread) and transferred to the decode worker. The main thread
 *   only waits; ZXing's work happens elsewhere.
 * - `inlineReader` (in inline-reader.ts, loaded only when needed, so that ZXing is not in
 *   the screen's own bundle): the fallback where a browser lacks module workers,
 *   OffscreenCanvas or createImageBitmap. It decodes on the main thread, which is what the
 *   worker avoids.
 *
 * A worker that crashes, cannot be loaded after it started, or answers with an error makes
 * every later `read` reject with a `DecodeWorkerError`, so the camera reports it instead of
 * silently going blind.
 */
import type { DecodeReply, DecodeRequest } from './frame-decoder';
import { fitWithin, type FrameSize } from './frame-size';
import { zxingWasmUrl } from './zxing-wasm-url';

/** Reads the code in the video's current frame, if any. */
export interface FrameReader {
  readonly kind: 'worker' | 'inline';
  /** The code's text, or null if the frame holds none. Rejects if decoding broke. */
  read(video: HTMLVideoElement): Promise<string | null>;
  /** Releases the worker or canvas. */
  close(): void;
}

/** The decode worker failed: crashed, could not load its code, or threw while decoding. */
export class DecodeWorkerError extends Error {
  override name = 'DecodeWorkerError';
}

/** Whether this browser has what the worker path needs. */
export function canDecodeInWorker(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof createImageBitmap !== 'undefined';
}

/** The size `video`'s current frame is decoded at. */
export const frameSize = (video: HTMLVideoElement, maxSide: number): FrameSize =>
  fitWithin({ width: video.videoWidth, height: video.videoHeight }, maxSide);

/**
 * Starts the decode worker; resolves once it says it can decode. Rejects if it cannot
 * (failed to load, no OffscreenCanvas 2D in workers, ZXing's WebAssembly not loaded): the
 * caller then falls back to `inlineReader`. Frames are decoded with their long side at most `maxSide` pixels.
 */
export function openWorkerReader(maxSide: number): Promise<FrameReader> {
  const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'bastion-decode' });
  let broken: DecodeWorkerError | null = null;
  let pending: { resolve: (text: string | null) => void; reject: (error: Error) => void } | null = null;
  let onReady: { resolve: () => void; reject: (error: Error) => void } | null = null;

  const breakWith = (detail: string) => {
    broken ??= new DecodeWorkerError(detail);
    onReady?.reject(broken);
    pending?.reject(broken);
    onReady = pending = null;
    worker.terminate();
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault(); // reported through the camera's onError, not as an uncaught error
    breakWith(`decode worker crashed: ${event.message || 'could not load'}`);
  });
  worker.addEventListener('messageerror', () => breakWith('decode worker sent an unreadable message'));
  worker.addEventListener('message', ({ data }: MessageEvent<DecodeReply>) => {
    if (data.kind === 'ready') onReady?.resolve();
    else if (data.kind === 'unsupported') breakWith(data.detail);
    else if (data.kind === 'error') breakWith(data.detail);
    else {
      pending?.resolve(data.text);
      pending = null;
    }
  });

  const reader: FrameReader = {
    kind: 'worker',
    async read(video) {
      if (broken) throw broken;
      const { width, height } = frameSize(video, maxSide);
      const frame = await createImageBitmap(video, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
      if (broken) {
        frame.close();
        throw broken;
      }
      return new Promise<string | null>((resolve, reject) => {
        pending = { resolve, reject };
        const request: DecodeRequest = { kind: 'frame', frame };
        worker.postMessage(request, [frame]);
      });
    },
    close() {
      broken ??= new DecodeWorkerError('closed');
      pending = onReady = null;
      worker.terminate();
    }
  };
  const start: DecodeRequest = { kind: 'start', wasmUrl: zxingWasmUrl() };
  worker.postMessage(start);
  return new Promise((resolve, reject) => {
    onReady = { resolve: () => resolve(reader), reject };
  });
}
