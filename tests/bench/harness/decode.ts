/**
 * Camera decoding of one frame: the app's decoder (`FrameDecoder`, zxing-wasm, the ZXing C++
 * reader in WebAssembly, its .wasm served from this origin, as the decode worker runs it)
 * against @zxing/library (ZXing's JavaScript port, what @zxing/browser runs) with the same
 * formats and hints, on the same frames, alternately, one after the other on this thread.
 * The app decodes 1280×720 frames scaled to 960×540; both sizes are measured here at full
 * size, the harder case.
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
import { openFrameDecoder, wasmAt } from '$lib/scan/frame-decoder';
import { zxingWasmUrl } from '$lib/scan/zxing-wasm-url';
import { makeRow, median, type Row } from '../rows.js';
import { makeFrames } from './frames';

interface Tally {
  ms: number[];
  read: number;
}

/** @zxing/library set up as the app had it before zxing-wasm: one reader, reused, TRY_HARDER. */
function zxingLibrary(width: number, height: number) {
  const reader = new MultiFormatReader();
  reader.setHints(
    new Map<DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.EAN_13, BarcodeFormat.ITF]],
      [DecodeHintType.TRY_HARDER, true]
    ])
  );
  const luma = new Uint8ClampedArray(width * height);
  return (image: ImageData): string | null => {
    // Grey levels with the BT.601 weights of ZXing's own canvas source.
    const rgba = image.data;
    for (let i = 0, j = 0; j < luma.length; i += 4, j++) luma[j] = (306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]! + 0x200) >> 10;
    try {
      return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luma, width, height)))).getText();
    } catch (error) {
      if (error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException) return null;
      throw error;
    } finally {
      reader.reset();
    }
  };
}

async function compare(width: number, height: number, count: number, seed: number) {
  const frames = makeFrames(width, height, count, seed);
  const app = await openFrameDecoder(wasmAt(zxingWasmUrl()));
  const peerRead = zxingLibrary(width, height);
  const ours: Tally = { ms: [], read: 0 };
  const peer: Tally = { ms: [], read: 0 };
  const runApp = (image: ImageData) => app.read(image);
  const runPeer = async (image: ImageData) => peerRead(image);
  // Warm-up (JIT, WebAssembly compilation), not counted.
  for (const f of frames.slice(0, 3)) {
    await runApp(f.image);
    await runPeer(f.image);
  }
  for (const [i, f] of frames.entries()) {
    const order = i % 2 === 0 ? ['app', 'peer'] : ['peer', 'app'];
    for (const who of order) {
      const t0 = performance.now();
      const text = who === 'app' ? await runApp(f.image) : await runPeer(f.image);
      const tally = who === 'app' ? ours : peer;
      tally.ms.push(performance.now() - t0);
      if (text === f.text) tally.read++;
    }
  }
  return { ours, peer, count };
}

export async function measureDecode(): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const [width, height, count] of [[640, 480, 200], [1280, 720, 100]] as const) {
    const { ours, peer } = await compare(width, height, count, width);
    const size = `${width}×${height}`;
    const appMs = median(ours.ms);
    const peerMs = median(peer.ms);
    // The rule: use the other decoder where it is ≥ 2× faster; zxing-wasm also reads more.
    const goal = width === 640 ? '≤ 15 ms, < 2× @zxing/library' : '< 2× @zxing/library';
    rows.push(
      makeRow({ name: `camera decode ${size} pass QR: zxing-wasm (app) median; peer @zxing/library`, value: appMs, unit: 'ms/frame', floor: peerMs, goal, meets: (v, r) => (width !== 640 || v <= 15) && r !== null && r < 2 }),
      makeRow({ name: `camera decode ${size} pass QR: decoded by zxing-wasm (app); peer @zxing/library`, value: (100 * ours.read) / count, unit: '%', floor: (100 * peer.read) / count, goal: '≥ 99%', meets: (v) => v >= 99 })
    );
    notes.push(`decode ${size} over ${count} frames: zxing-wasm median ${appMs.toFixed(1)} ms, ${ours.read} read; @zxing/library median ${peerMs.toFixed(1)} ms, ${peer.read} read`);
  }
  return { rows, notes };
}
