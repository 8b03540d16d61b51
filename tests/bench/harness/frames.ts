/**
 * Camera frames of a pass held up at a gate, for the decoder figures: a QR code of a pass's
 * size (~170 bytes: version 9 at error correction M, as a signed pass is), seen at a slant of a
 * few degrees, filling 45–70% of the view's height (4–6.3 px a module at 640×480, 1.5 times
 * that at 1280×720), with uneven light, sensor grain and the softness of a cheap tablet camera
 * (two box-blur passes: about a Gaussian of a quarter of a module). Deterministic: the same
 * frames in every run and for both decoders.
 */
import QRCode from 'qrcode';
import { seededRandom } from '$lib/roster/demo-roster';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A frame and the text its code holds. */
export interface Frame {
  image: ImageData;
  text: string;
}

/** Makes `count` frames of `width`×`height` (4:3 or 16:9; the code scales with the height). */
export function makeFrames(width: number, height: number, count: number, seed: number): Frame[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const text = 'BST1:' + Array.from({ length: 165 }, () => ALPHABET[Math.floor(random() * 64)]).join('');
    return { text, image: render(width, height, text, random) };
  });
}

function render(width: number, height: number, text: string, random: () => number): ImageData {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const k = height / 480;
  const modulePx = (4 + random() * 2.3) * k;
  const angle = ((random() * 2 - 1) * 8 * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const dark = 30 + random() * 40;
  const light = 180 + random() * 50;
  // Centre of the code, somewhere near the middle of the view.
  const cx = width / 2 + (random() * 2 - 1) * width * 0.1;
  const cy = height / 2 + (random() * 2 - 1) * height * 0.05;
  let luma: Float32Array = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Pixel → module coordinates, rotated about the code's centre.
      const dx = x - cx;
      const dy = y - cy;
      const u = Math.floor((dx * cos + dy * sin) / modulePx + size / 2);
      const v = Math.floor((-dx * sin + dy * cos) / modulePx + size / 2);
      const ink = u >= 0 && v >= 0 && u < size && v < size && data[v * size + u];
      luma[y * width + x] = ink ? dark : light - 30 * (x / width);
    }
  }
  // Box radius 1 twice is a Gaussian of σ ≈ 1.15 px, radius 2 twice σ ≈ 2 px.
  const radius = modulePx >= 7 ? 2 : 1;
  luma = boxBlur(boxBlur(luma, width, height, radius), width, height, radius);
  const out = new ImageData(width, height);
  for (let i = 0; i < luma.length; i++) {
    const g = Math.max(0, Math.min(255, Math.round(luma[i]! + (random() * 2 - 1) * 10)));
    out.data[i * 4] = out.data[i * 4 + 1] = out.data[i * 4 + 2] = g;
    out.data[i * 4 + 3] = 255;
  }
  return out;
}

/** A separable box blur of `radius` px (edges clamped). */
function boxBlur(src: Float32Array, width: number, height: number, radius: number): Float32Array {
  const pass = (from: Float32Array, along: number, across: number, step: number, stride: number) => {
    const to = new Float32Array(from.length);
    for (let j = 0; j < across; j++) {
      for (let i = 0; i < along; i++) {
        let sum = 0;
        for (let d = -radius; d <= radius; d++) sum += from[j * stride + Math.min(along - 1, Math.max(0, i + d)) * step]!;
        to[j * stride + i * step] = sum / (2 * radius + 1);
      }
    }
    return to;
  };
  return pass(pass(src, width, height, 1, width), height, width, width, 1);
}
