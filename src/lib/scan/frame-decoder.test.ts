import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { openFrameDecoder, type FrameDecoder, type Pixels } from './frame-decoder';

/** An RGBA frame of one grey level, 4 bytes a pixel. */
function greyFrame(width: number, height: number, level: number): Pixels {
  return { data: new Uint8ClampedArray(width * height * 4).fill(level), width, height };
}

/** A frame with a QR code of `text` drawn dark on light, `scale` px a module. */
function qrFrame(text: string, width = 320, height = 240, scale = 4): Pixels {
  const frame = greyFrame(width, height, 220);
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const x0 = Math.floor((width - size * scale) / 2);
  const y0 = Math.floor((height - size * scale) / 2);
  for (let r = 0; r < size * scale; r++)
    for (let c = 0; c < size * scale; c++)
      if (data[Math.floor(r / scale) * size + Math.floor(c / scale)]) frame.data.fill(35, ((y0 + r) * width + x0 + c) * 4, ((y0 + r) * width + x0 + c) * 4 + 3);
  return frame;
}

let decoder: FrameDecoder;
beforeAll(async () => {
  // Node has no service worker or asset server: hand the module its .wasm bytes.
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  decoder = await openFrameDecoder({ wasmBinary: readFileSync(wasm).buffer });
});

describe('FrameDecoder', () => {
  it('reads a QR code, frame after frame', async () => {
    expect(await decoder.read(qrFrame('BST:DEMO0001:P0000042'))).toBe('BST:DEMO0001:P0000042');
    expect(await decoder.read(qrFrame('BST:DEMO0001:P0000043'))).toBe('BST:DEMO0001:P0000043');
  });

  it('a frame without a code is null, not an error', async () => {
    expect(await decoder.read(greyFrame(320, 240, 200))).toBeNull();
  });
});
