/**
 * ZXing over one frame's grey levels, shared by the decode worker and the main-thread
 * fallback. One `MultiFormatReader` is set up once with our hints and reused for every
 * frame (`decodeWithState`), as ZXing advises for continuous scanning.
 */
import {
  BarcodeFormat,
  BinaryBitmap,
  ChecksumException,
  DecodeHintType,
  FormatException,
  HybridBinarizer,
  MultiFormatReader,
  NotFoundException,
  RGBLuminanceSource
} from '@zxing/library';

/** What the main thread posts to the decode worker: one frame, transferred. */
export interface DecodeRequest {
  frame: ImageBitmap;
}

/** What the decode worker answers. */
export type DecodeReply =
  /** The worker loaded and can decode. */
  | { kind: 'ready' }
  /** The worker loaded but this browser cannot draw in it (no 2D OffscreenCanvas). */
  | { kind: 'unsupported' }
  /** One frame decoded: the code's text, or null if the frame held none; `ms` spent. */
  | { kind: 'read'; text: string | null; ms: number; width: number; height: number }
  /** Decoding failed for a reason other than "no code here". */
  | { kind: 'error'; detail: string };

// NotFound/Checksum/Format mean "no (complete) code in this frame": the normal case.
const FRAME_MISSES = [NotFoundException, ChecksumException, FormatException];

/** Reads QR codes (passes) and the 1D codes of tubes and boxes from grey-level frames. */
export class FrameDecoder {
  #reader = new MultiFormatReader();

  constructor() {
    const hints = new Map<DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.EAN_13, BarcodeFormat.ITF]],
      // Noticeably better on small and tilted codes, for a few milliseconds a frame.
      [DecodeHintType.TRY_HARDER, true]
    ]);
    this.#reader.setHints(hints);
  }

  /** The text of the code in `luma` (width × height grey levels), or null if there is none. */
  read(luma: Uint8ClampedArray, width: number, height: number): string | null {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luma, width, height)));
    try {
      return this.#reader.decodeWithState(bitmap).getText();
    } catch (error) {
      if (FRAME_MISSES.some((miss) => error instanceof miss)) return null;
      throw error;
    } finally {
      this.#reader.reset();
    }
  }
}
