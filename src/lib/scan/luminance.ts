/**
 * Pixels to what ZXing reads: one grey level per pixel. Pure functions over typed arrays, so
 * the decode worker, the main-thread fallback and unit tests share them.
 */

/** A frame's size in pixels. */
export interface FrameSize {
  width: number;
  height: number;
}

/**
 * Grey levels of RGBA pixels, with the BT.601 weights ZXing's own canvas source uses
 * ((306 R + 601 G + 117 B) / 1024, rounded). A fully transparent pixel counts as white, as
 * in ZXing: it is the background of a drawn code, never ink.
 */
export function toLuminance(rgba: Uint8ClampedArray, out = new Uint8ClampedArray(rgba.length / 4)): Uint8ClampedArray {
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    out[j] = rgba[i + 3] === 0 ? 255 : (306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]! + 0x200) >> 10;
  }
  return out;
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
