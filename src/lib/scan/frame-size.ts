/** The size camera frames are decoded at, shared by the decode worker and the main-thread fallback. */

/** A frame's size in pixels. */
export interface FrameSize {
  width: number;
  height: number;
}

/**
 * The size a frame is decoded at: `frame` scaled down (never up) so that its long side is at
 * most `maxSide`, keeping its shape. Decoding time grows with the pixel count, while a pass
 * held up at a gate fills much of the view and stays readable at a lower resolution.
 */
export function fitWithin(frame: FrameSize, maxSide: number): FrameSize {
  const scale = Math.min(1, maxSide / Math.max(frame.width, frame.height));
  return { width: Math.max(1, Math.round(frame.width * scale)), height: Math.max(1, Math.round(frame.height * scale)) };
}
