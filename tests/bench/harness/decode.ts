/**
 * Camera decoding of one frame: the app's decoder (@zxing/library as `FrameDecoder` runs it in
 * the decode worker: grey levels, then ZXing with the app's hints) against zxing-wasm (the
 * ZXing C++ decoder in WebAssembly, its .wasm served from this origin), on the same frames,
 * alternately, one after the other on this thread. The app decodes 1280×720 frames scaled to
 * 960×540; both sizes are measured here at full size, the harder case.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { FrameDecoder } from '$lib/scan/frame-decoder';
import { toLuminance } from '$lib/scan/luminance';
import { makeRow, median, type Row } from '../rows.js';
import { makeFrames } from './frames';

// The formats the app's FrameDecoder looks for, so both do the same work.
const WASM_OPTIONS: ReaderOptions = { formats: ['QRCode', 'Code128', 'Code39', 'EAN13', 'ITF'], tryHarder: true, maxNumberOfSymbols: 1 };

interface Tally {
  ms: number[];
  read: number;
}

async function compare(width: number, height: number, count: number, seed: number) {
  const frames = makeFrames(width, height, count, seed);
  const app = new FrameDecoder();
  const luma = new Uint8ClampedArray(width * height);
  const ours: Tally = { ms: [], read: 0 };
  const peer: Tally = { ms: [], read: 0 };
  const runApp = (image: ImageData) => app.read(toLuminance(image.data, luma), width, height);
  const runPeer = async (image: ImageData) => (await readBarcodes(image, WASM_OPTIONS))[0]?.text ?? null;
  // Warm-up (JIT, WebAssembly compilation), not counted.
  for (const f of frames.slice(0, 3)) {
    runApp(f.image);
    await runPeer(f.image);
  }
  for (const [i, f] of frames.entries()) {
    const order = i % 2 === 0 ? ['app', 'peer'] : ['peer', 'app'];
    for (const who of order) {
      const t0 = performance.now();
      const text = who === 'app' ? runApp(f.image) : await runPeer(f.image);
      const tally = who === 'app' ? ours : peer;
      tally.ms.push(performance.now() - t0);
      if (text === f.text) tally.read++;
    }
  }
  return { ours, peer, count };
}

export async function measureDecode(): Promise<{ rows: Row[]; notes: string[] }> {
  await prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) }, fireImmediately: true });
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const [width, height, count] of [[640, 480, 200], [1280, 720, 100]] as const) {
    const { ours, peer } = await compare(width, height, count, width);
    const size = `${width}×${height}`;
    const appMs = median(ours.ms);
    const peerMs = median(peer.ms);
    const goal = width === 640 ? '≤ 15 ms, < 2× zxing-wasm' : '< 2× zxing-wasm';
    rows.push(
      makeRow({ name: `camera decode ${size} pass QR: @zxing/library (app) median; floor zxing-wasm`, value: appMs, unit: 'ms/frame', floor: peerMs, goal, meets: (v, r) => (width !== 640 || v <= 15) && r !== null && r < 2 }),
      makeRow({ name: `camera decode ${size} pass QR: decoded by @zxing/library; floor zxing-wasm`, value: (100 * ours.read) / count, unit: '%', floor: (100 * peer.read) / count, goal: '≥ 99%', meets: (v) => v >= 99 })
    );
    notes.push(`decode ${size} over ${count} frames: @zxing/library median ${appMs.toFixed(1)} ms, ${ours.read} read; zxing-wasm median ${peerMs.toFixed(1)} ms, ${peer.read} read`);
  }
  return { rows, notes };
}
