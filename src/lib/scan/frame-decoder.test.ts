import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './frame-decoder';

/** A grey frame with a QR code of `text` drawn dark on light, `scale` px a module. */
function qrFrame(text: string, width = 320, height = 240, scale = 4): Uint8ClampedArray {
  const luma = new Uint8ClampedArray(width * height).fill(220);
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const x0 = Math.floor((width - size * scale) / 2);
  const y0 = Math.floor((height - size * scale) / 2);
  for (let r = 0; r < size * scale; r++)
    for (let c = 0; c < size * scale; c++) if (data[Math.floor(r / scale) * size + Math.floor(c / scale)]) luma[(y0 + r) * width + x0 + c] = 35;
  return luma;
}

describe('FrameDecoder', () => {
  it('reads a QR code from grey levels, frame after frame with one reader', () => {
    const decoder = new FrameDecoder();
    expect(decoder.read(qrFrame('BST:DEMO0001:P0000042'), 320, 240)).toBe('BST:DEMO0001:P0000042');
    expect(decoder.read(qrFrame('BST:DEMO0001:P0000043'), 320, 240)).toBe('BST:DEMO0001:P0000043');
  });

  it('a frame without a code is null, not an error', () => {
    expect(new FrameDecoder().read(new Uint8ClampedArray(320 * 240).fill(200), 320, 240)).toBeNull();
  });
});
