/**
 * Fake-camera videos for Playwright. Chromium plays a `.y4m` file as its camera with
 * `--use-file-for-fake-video-capture=FILE` (and loops it), so a test can hold a QR code or a
 * barcode "in front of" the tablet. y4m is trivial to write: a text header, then per frame
 * `FRAME\n` and the raw Y, U and V planes (4:2:0). We draw only luma; chroma stays at 128
 * (grey). Codes come from the same libraries that print real passes and tube labels
 * (`qrcode`, `bwip-js`), drawn as dark-on-light with mild noise so the decoder works for it.
 *
 * Files go to tests/.generated/ (git-ignored), named by a hash of what they show, so a
 * second call with the same content reuses the file. A frame is 460 KB: keep videos short.
 */
import bwipjs from 'bwip-js/node';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';

export const WIDTH = 640;
export const HEIGHT = 480;
/** Frames a second the header declares: at 10 fps a frame is on screen for 100 ms. */
export const FPS = 10;
/** Where generated videos are written (git-ignored). */
export const GENERATED_DIR = resolve(process.cwd(), 'tests/.generated');

/** What one frame shows. */
export type Picture = { qr: string } | { code128: string } | 'blank';

/** A picture held for a number of frames. */
export interface Segment {
  show: Picture;
  frames: number;
}

const DARK = 35;
const LIGHT = 220;
// ± luma levels of grain. Keep it under ZXing's binarizer threshold (a block whose levels
// span under 24 counts as one colour): at ±14 per-pixel grain the quiet zone turns to salt
// and pepper and @zxing/library finds no QR at all, which no real camera produces.
const NOISE = 8;
// Light falls off from left to right by this many levels, as it does at a gate.
const FALLOFF = 25;
const MAX_FRAMES = 60; // 60 × 460 KB ≈ 28 MB

/** A black-on-white QR code at error correction M, centred, ~8 px a module with a quiet zone. */
function drawQr(luma: Uint8Array, text: string): void {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.min(8, Math.floor(HEIGHT / (size + 8))); // 4 quiet modules each side
  if (scale < 2) throw new Error(`QR for ${text.length} characters is too dense for ${WIDTH}×${HEIGHT}`);
  const x0 = Math.floor((WIDTH - size * scale) / 2);
  const y0 = Math.floor((HEIGHT - size * scale) / 2);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) if (data[r * size + c]) fillRect(luma, x0 + c * scale, y0 + r * scale, scale, scale);
}

/** A Code128 of `text` (bar widths from bwip-js's raw output), centred, 2–3 px a module. */
function drawCode128(luma: Uint8Array, text: string): void {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js gave no bar widths for code128');
  // sbs alternates bar, space, bar, … widths in modules, starting with a bar.
  const modules = symbol.sbs.reduce((a, b) => a + b, 0);
  const scale = Math.min(3, Math.floor(WIDTH / (modules + 20))); // 10 quiet modules each side
  if (scale < 1) throw new Error(`Code128 of ${text.length} characters is too wide for ${WIDTH} px`);
  let x = Math.floor((WIDTH - modules * scale) / 2);
  const height = 180;
  const y = Math.floor((HEIGHT - height) / 2);
  symbol.sbs.forEach((width, i) => {
    if (i % 2 === 0) fillRect(luma, x, y, width * scale, height);
    x += width * scale;
  });
}

function fillRect(luma: Uint8Array, x: number, y: number, w: number, h: number): void {
  for (let row = y; row < y + h; row++) luma.fill(DARK, row * WIDTH + x, row * WIDTH + x + w);
}

/** Grain (mulberry32, deterministic: same bytes on every machine) and uneven light. */
function addNoise(luma: Uint8Array, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < luma.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    const light = -FALLOFF * ((i % WIDTH) / WIDTH);
    luma[i] = Math.max(0, Math.min(255, Math.round(luma[i]! + light + (r * 2 - 1) * NOISE)));
  }
}

/** The Y plane of one frame showing `picture`, with noise seeded by `seed`. */
export function renderLuma(picture: Picture, seed = 1): Uint8Array {
  const luma = new Uint8Array(WIDTH * HEIGHT).fill(LIGHT);
  if (picture !== 'blank' && 'qr' in picture) drawQr(luma, picture.qr);
  else if (picture !== 'blank') drawCode128(luma, picture.code128);
  addNoise(luma, seed);
  return luma;
}

/**
 * Writes a video of `segments` in turn (Chromium loops it) and returns its absolute path.
 * `name` is a readable prefix; the file name also carries a hash of the content.
 */
export function writeVideo(name: string, segments: Segment[]): string {
  const total = segments.reduce((n, s) => n + s.frames, 0);
  if (total < 1 || total > MAX_FRAMES) throw new Error(`a fake video needs 1–${MAX_FRAMES} frames, not ${total}`);
  // The drawing parameters are part of the name, so changing how frames are drawn never
  // reuses a stale file from an earlier run.
  const drawing = { DARK, LIGHT, NOISE, FALLOFF, WIDTH, HEIGHT, FPS };
  const hash = createHash('sha256').update(JSON.stringify({ drawing, segments })).digest('hex').slice(0, 10);
  const path = join(GENERATED_DIR, `${name}-${hash}.y4m`);
  if (existsSync(path)) return path;

  writeY4m(path, (function* () {
    let frame = 0;
    for (const { show, frames } of segments) {
      for (let i = 0; i < frames; i++, frame++) yield renderLuma(show, frame + 1);
    }
  })());
  return path;
}

/** A video of one QR code of `text`. */
export function qrVideo(text: string, frames = 5): string {
  return writeVideo('qr', [{ show: { qr: text }, frames }]);
}

/** A video of one Code128 barcode of `text`. */
export function code128Video(text: string, frames = 5): string {
  return writeVideo('code128', [{ show: { code128: text }, frames }]);
}

/** A video with no code at all: a camera pointed at a wall. */
export function blankVideo(frames = 3): string {
  return writeVideo('blank', [{ show: 'blank', frames }]);
}

/**
 * A video presenting several codes in turn, each for `codeFrames` frames followed by
 * `blankFrames` blank ones (so a repeat filter sees each code leave the view).
 */
export function sequenceVideo(pictures: Exclude<Picture, 'blank'>[], opts: { codeFrames?: number; blankFrames?: number } = {}): string {
  const { codeFrames = 10, blankFrames = 5 } = opts;
  return writeVideo(
    'sequence',
    pictures.flatMap((show) => [
      { show, frames: codeFrames },
      { show: 'blank' as const, frames: blankFrames }
    ])
  );
}

/** Codes the standard fixtures show: a resident's personal code and a tube label. */
export const FIXTURE_CODES = {
  person: 'BST:DEMO0001:P0000042',
  otherPerson: 'BST:DEMO0001:P0000043',
  tube: 'TUBE20220306A0001'
} as const;

/** The videos most tests use; created once, then reused from disk. */
export function standardVideos() {
  return {
    qr: qrVideo(FIXTURE_CODES.person),
    code128: code128Video(FIXTURE_CODES.tube),
    blank: blankVideo(),
    sequence: sequenceVideo([{ qr: FIXTURE_CODES.person }, { code128: FIXTURE_CODES.tube }, { qr: FIXTURE_CODES.otherPerson }])
  };
}

/**
 * A video of a picture taken of the screen (a PNG, as Playwright's screenshot gives it):
 * the picture in grey, centred on a light background, with the same grain and light as the
 * drawn codes. For a printed sheet held up to the camera.
 */
export function pngVideo(name: string, png: Buffer, frames = 5): string {
  const image = PNG.sync.read(png);
  if (image.width > WIDTH || image.height > HEIGHT) throw new Error(`a ${image.width}×${image.height} picture does not fit a ${WIDTH}×${HEIGHT} frame`);
  const picture = new Uint8Array(WIDTH * HEIGHT).fill(LIGHT);
  const x0 = Math.floor((WIDTH - image.width) / 2);
  const y0 = Math.floor((HEIGHT - image.height) / 2);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const grey = (image.data[i]! * 299 + image.data[i + 1]! * 587 + image.data[i + 2]! * 114) / 1000;
      picture[(y0 + y) * WIDTH + x0 + x] = Math.round(DARK + ((LIGHT - DARK) * grey) / 255);
    }
  }
  const hash = createHash('sha256').update(picture).update(JSON.stringify({ NOISE, FALLOFF, frames })).digest('hex').slice(0, 10);
  const path = join(GENERATED_DIR, `${name}-${hash}.y4m`);
  if (existsSync(path)) return path;
  writeY4m(path, (function* () {
    for (let frame = 0; frame < frames; frame++) {
      const luma = Uint8Array.from(picture);
      addNoise(luma, frame + 1);
      yield luma;
    }
  })());
  return path;
}

/**
 * Writes grey frames as a y4m video at `path`. Written under a temporary name and renamed,
 * so a crash never leaves a truncated video that a later run would take for a finished one.
 */
function writeY4m(path: string, lumas: Iterable<Uint8Array>) {
  mkdirSync(GENERATED_DIR, { recursive: true });
  const partial = `${path}.${process.pid}.part`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
    const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
    for (const luma of lumas) {
      writeSync(fd, 'FRAME\n');
      writeSync(fd, luma);
      writeSync(fd, chroma);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}
