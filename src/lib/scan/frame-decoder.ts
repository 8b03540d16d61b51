/**
 * ZXing over one frame's pixels, shared by the decode worker and the main-thread fallback.
 * The decoder is zxing-wasm, the ZXing C++ reader compiled to WebAssembly: on the benchmark's
 * noisy, blurred pass frames it reads every one, where @zxing/library (ZXing's JavaScript
 * port) misses 3–9%, and it is a little faster (see README, Performance). Its `.wasm` is a
 * build asset of the app itself, precached by the service worker, never the CDN the library
 * would fetch it from by default: the gate has no network.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ZXingModuleOverrides } from 'zxing-wasm/reader';

/**
 * What the main thread posts to the decode worker: first where ZXing's `.wasm` is (the main
 * thread's copy: one file to download and precache, not one per bundle), then one frame at a
 * time, transferred.
 */
export type DecodeRequest = { kind: 'start'; wasmUrl: string } | { kind: 'frame'; frame: ImageBitmap };

/** What the decode worker answers. */
export type DecodeReply =
  /** The worker loaded ZXing and can decode. */
  | { kind: 'ready' }
  /** The worker loaded but cannot decode here (no 2D OffscreenCanvas, no WebAssembly). */
  | { kind: 'unsupported'; detail: string }
  /** One frame decoded: the code's text, or null if the frame held none; `ms` spent. */
  | { kind: 'read'; text: string | null; ms: number; width: number; height: number }
  /** Decoding failed for a reason other than "no code here". */
  | { kind: 'error'; detail: string };

/** Pixels as a canvas gives them: RGBA, 4 bytes a pixel. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

// QR codes (passes) and the 1D codes of tubes and boxes; one code a frame. `tryHarder` is
// noticeably better on small and tilted codes. `Plain` gives the code's text as encoded,
// without the human-readable decorations (GS1 brackets) the library adds by default.
const OPTIONS: ReaderOptions = {
  formats: ['QRCode', 'Code128', 'Code39', 'EAN13', 'ITF'],
  tryHarder: true,
  maxNumberOfSymbols: 1,
  textMode: 'Plain'
};

/** Makes the module load its `.wasm` from `url` (the app's own copy; see zxing-wasm-url.ts). */
export const wasmAt = (url: string): ZXingModuleOverrides => ({
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path)
});

/** Reads the codes of tubes, boxes and passes from frames. */
export class FrameDecoder {
  /** The text of the code in `pixels`, or null if there is none. */
  async read(pixels: Pixels): Promise<string | null> {
    const [found] = await readBarcodes(pixels as ImageData, OPTIONS);
    return found?.text ?? null;
  }
}

/**
 * Compiles the decoder's WebAssembly, then gives the decoder; rejects if it cannot be loaded
 * (no WebAssembly, the `.wasm` missing from the cache), so the camera can say so.
 * `overrides` say where the `.wasm` comes from (`wasmAt(url)`; unit tests hand it the bytes).
 */
export async function openFrameDecoder(overrides: ZXingModuleOverrides): Promise<FrameDecoder> {
  await prepareZXingModule({ overrides, fireImmediately: true });
  return new FrameDecoder();
}
