/**
 * Proof that src/lib/scan/camera.ts decodes real codes from a camera in real Chromium, through
 * its decode worker and through its main-thread fallback, and that a broken worker is
 * reported rather than leaving the camera silently blind. Chromium's fake camera plays the
 * videos from tests/support/fake-video.ts. The gate screen is not needed: camera.ts and the
 * worker are bundled on the fly (rolldown, which vite ships) and served with a bare page
 * through `page.route`, so these tests need no build and no server. camera.ts is loaded as an
 * ES module, so its `new URL('./decode.worker.ts', import.meta.url)` resolves to a route
 * here that serves the worker's bundle, and ZXing's .wasm is served from a route too.
 * tests/e2e/gate-camera.spec.ts covers the built app.
 * Each test launches its own browser, because the camera file is a launch flag.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { rolldown } from 'rolldown';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import type { CameraError } from '../../src/lib/scan/camera';
import { blankVideo, code128Video, FIXTURE_CODES, qrVideo, sequenceVideo } from '../support/fake-video';

// localhost is a secure context, so getUserMedia is allowed; no server listens, the route answers.
const ORIGIN = 'http://localhost:5999';
const WORKER_PATH = '/scan/decode.worker.ts';
const WASM_PATH = '/scan/zxing_reader.wasm';
const wasmBytes = () => readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));

interface SeenScan {
  text: string;
  source: string;
  ms: number;
}

interface Harness {
  scans: SeenScan[];
  errors: CameraError[];
}

/** What the route serves as the worker: the real one, a worker that crashes on its first frame, or nothing. */
type WorkerScript = 'real' | 'crashing' | 'missing';

const bundles = { camera: '', worker: '' };
// Says it is ready, then throws on the first frame, as a worker with a decoding bug would.
const CRASHING_WORKER = `postMessage({ kind: 'ready' }); onmessage = () => { throw new Error('decoder bug'); };`;

test.beforeAll(async () => {
  // Vite's `?url` import of ZXing's .wasm, as the harness page serves it.
  const wasmUrl = {
    name: 'wasm-url',
    resolveId: (id: string) => (id.endsWith('.wasm?url') ? '\0wasm-url' : null),
    load: (id: string) => (id === '\0wasm-url' ? `export default ${JSON.stringify(WASM_PATH)};` : null)
  };
  const bundle = async (input: string) => {
    const build = await rolldown({ input, platform: 'browser', plugins: [wasmUrl], resolve: { alias: { $lib: `${process.cwd()}/src/lib` } } });
    // One file each: the main-thread fallback is a dynamic import, inlined here.
    const { output } = await build.generate({ format: 'esm', codeSplitting: false });
    return output[0].code;
  };
  bundles.camera = await bundle('src/lib/scan/camera.ts');
  bundles.worker = await bundle('src/lib/scan/decode.worker.ts');
  // If camera.ts stops creating its worker this way, the worker tests below would pass
  // against the fallback: fail loudly instead.
  expect(bundles.camera).toContain('new URL("./decode.worker.ts", import.meta.url)');
});

/**
 * Launches Chromium with `video` as its camera (null: no camera device at all). The fake
 * UI answers the permission prompt with "allow"; without it headless Chromium says "deny".
 */
async function launch(video: string | null, { allow = true } = {}): Promise<Browser> {
  const camera = video ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] : [];
  const prompt = allow ? ['--use-fake-ui-for-media-stream'] : [];
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...prompt, ...camera] });
}

interface StartOptions {
  origin?: string;
  worker?: WorkerScript;
  /** Serve ZXing's .wasm, or answer 404 as a cache without it would. */
  wasm?: 'real' | 'missing';
  /** Hide window.Worker, as in a browser without module workers. */
  noWorkers?: boolean;
}

/** Opens the harness page and starts the camera; resolves with what the session says. */
async function start(browser: Browser, { origin = ORIGIN, worker = 'real', wasm = 'real', noWorkers = false }: StartOptions = {}): Promise<{ page: Page; decoder: string }> {
  const page = await browser.newPage();
  if (noWorkers) await page.addInitScript(() => Reflect.deleteProperty(window, 'Worker'));
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/scan/camera.js') return route.fulfill({ contentType: 'text/javascript', body: bundles.camera });
    if (path === WASM_PATH) return wasm === 'real' ? route.fulfill({ contentType: 'application/wasm', body: wasmBytes() }) : route.fulfill({ status: 404, body: 'not found' });
    if (path === WORKER_PATH) {
      if (worker === 'missing') return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ contentType: 'text/javascript', body: worker === 'real' ? bundles.worker : CRASHING_WORKER });
    }
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><video width="640" height="480"></video><script type="module">import * as scan from "/scan/camera.js"; window.BastionScan = scan;</script>'
    });
  });
  await page.goto(`${origin}/harness`);
  await page.waitForFunction(() => 'BastionScan' in window);
  const decoder = await page.evaluate(async () => {
    const w = window as unknown as Harness & { BastionScan: typeof import('../../src/lib/scan/camera'); session?: unknown };
    w.scans = [];
    w.errors = [];
    const t0 = performance.now();
    const session = await w.BastionScan.startCamera(
      document.querySelector('video')!,
      (code) => w.scans.push({ text: code.text, source: code.source, ms: Math.round(performance.now() - t0) }),
      { onError: (error) => w.errors.push(error) }
    );
    w.session = session;
    return session.decoder;
  });
  return { page, decoder };
}

const scansOf = (page: Page) => page.evaluate(() => (window as unknown as Harness).scans);
const errorsOf = (page: Page) => page.evaluate(() => (window as unknown as Harness).errors);
const decodeWorkers = (page: Page) => page.workers().filter((w) => w.url().endsWith(WORKER_PATH));

/** Waits for the first scan and records how long decoding took. */
async function firstScan(page: Page, label: string): Promise<SeenScan> {
  await page.waitForFunction(() => (window as unknown as Harness).scans.length > 0, undefined, { timeout: 15_000 });
  const [first] = await scansOf(page);
  test.info().annotations.push({ type: 'decode-ms', description: `${label}: ${first!.ms} ms from startCamera to first scan` });
  return first!;
}

test('reads a QR code through the camera', async () => {
  const browser = await launch(qrVideo(FIXTURE_CODES.person));
  try {
    const { page, decoder } = await start(browser);
    expect(decoder).toBe('zxing-worker'); // Linux Chromium has no BarcodeDetector
    expect(decodeWorkers(page)).toHaveLength(1);
    expect(await firstScan(page, 'QR')).toMatchObject({ text: FIXTURE_CODES.person, source: 'camera' });
    expect(await errorsOf(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('reads a Code128 tube label through the camera', async () => {
  const browser = await launch(code128Video(FIXTURE_CODES.tube));
  try {
    const { page, decoder } = await start(browser);
    expect(decoder).toBe('zxing-worker');
    expect(await firstScan(page, 'Code128')).toMatchObject({ text: FIXTURE_CODES.tube, source: 'camera' });
  } finally {
    await browser.close();
  }
});

test('reads several codes shown in turn by one video', async () => {
  const codes = [FIXTURE_CODES.person, FIXTURE_CODES.tube, FIXTURE_CODES.otherPerson];
  const browser = await launch(sequenceVideo([{ qr: codes[0]! }, { code128: codes[1]! }, { qr: codes[2]! }]));
  try {
    const { page } = await start(browser);
    await expect.poll(async () => new Set((await scansOf(page)).map((s) => s.text)).size, { timeout: 20_000 }).toBe(3);
    const scans = await scansOf(page);
    expect(new Set(scans.map((s) => s.text))).toEqual(new Set(codes));
    const firsts = codes.map((code) => scans.find((s) => s.text === code)!.ms);
    test.info().annotations.push({ type: 'decode-ms', description: `sequence: first seen at ${firsts.join(', ')} ms` });
  } finally {
    await browser.close();
  }
});

test('reports nothing while no code is in view, and stop releases the camera and the worker', async () => {
  const browser = await launch(blankVideo());
  try {
    const { page } = await start(browser);
    await page.waitForTimeout(2_000);
    expect(await scansOf(page)).toEqual([]);
    expect(await errorsOf(page)).toEqual([]);
    const released = await page.evaluate(() => {
      const video = document.querySelector('video')!;
      const tracks = (video.srcObject as MediaStream).getTracks();
      (window as unknown as { session: { stop(): void } }).session.stop();
      return { srcObject: video.srcObject, states: tracks.map((t) => t.readyState) };
    });
    expect(released).toEqual({ srcObject: null, states: ['ended'] });
    await expect.poll(() => decodeWorkers(page).length).toBe(0);
  } finally {
    await browser.close();
  }
});

test('without module workers it decodes on the main thread', async () => {
  const browser = await launch(qrVideo(FIXTURE_CODES.person));
  try {
    const { page, decoder } = await start(browser, { noWorkers: true });
    expect(decoder).toBe('zxing');
    expect(await firstScan(page, 'QR, main thread')).toMatchObject({ text: FIXTURE_CODES.person, source: 'camera' });
    expect(await errorsOf(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a worker that cannot load falls back to the main thread', async () => {
  const browser = await launch(code128Video(FIXTURE_CODES.tube));
  try {
    const { page, decoder } = await start(browser, { worker: 'missing' });
    expect(decoder).toBe('zxing');
    expect(await firstScan(page, 'Code128, worker missing')).toMatchObject({ text: FIXTURE_CODES.tube, source: 'camera' });
  } finally {
    await browser.close();
  }
});

test('without its WebAssembly, ZXing cannot start: "failed", and the camera is released', async () => {
  const browser = await launch(qrVideo(FIXTURE_CODES.person));
  try {
    const { page, decoder } = await start(browser, { wasm: 'missing' });
    expect(decoder).toBe('none');
    const errors = await errorsOf(page);
    expect(errors.map((e) => e.kind)).toEqual(['failed']);
    expect(errors[0]!.detail).toMatch(/wasm|WebAssembly|fetch|404/i);
    expect(await page.evaluate(() => document.querySelector('video')!.srcObject)).toBeNull();
  } finally {
    await browser.close();
  }
});

test('a worker that crashes while decoding is reported as "stopped" and the camera stops', async () => {
  const browser = await launch(qrVideo(FIXTURE_CODES.person));
  try {
    const { page, decoder } = await start(browser, { worker: 'crashing' });
    expect(decoder).toBe('zxing-worker');
    await expect.poll(async () => (await errorsOf(page)).map((e) => e.kind)).toEqual(['stopped']);
    expect((await errorsOf(page))[0]!.detail).toContain('decoder bug');
    expect(await page.evaluate(() => document.querySelector('video')!.srcObject)).toBeNull();
    expect(await scansOf(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('lists the cameras once permission is given', async () => {
  const browser = await launch(blankVideo());
  try {
    const { page } = await start(browser);
    const devices = await page.evaluate(() => (window as unknown as { session: { devices(): Promise<{ deviceId: string; label: string }[]> } }).session.devices());
    expect(devices.length).toBeGreaterThan(0);
    expect(devices[0]!.deviceId).not.toBe('');
  } finally {
    await browser.close();
  }
});

test('a tablet without a camera gets "absent", not an exception', async () => {
  const browser = await launch(null);
  try {
    const { page, decoder } = await start(browser);
    expect(decoder).toBe('none');
    expect((await errorsOf(page)).map((e) => e.kind)).toEqual(['absent']);
  } finally {
    await browser.close();
  }
});

test('a refused permission gets "denied"', async () => {
  const browser = await launch(blankVideo(), { allow: false });
  try {
    const { page, decoder } = await start(browser);
    expect(decoder).toBe('none');
    expect((await errorsOf(page)).map((e) => e.kind)).toEqual(['denied']);
  } finally {
    await browser.close();
  }
});

test('a page that is not a secure context gets "insecure"', async () => {
  const browser = await launch(blankVideo());
  try {
    const { page } = await start(browser, { origin: 'http://bastion.test' });
    expect(await errorsOf(page)).toEqual([{ kind: 'insecure' }]);
  } finally {
    await browser.close();
  }
});
