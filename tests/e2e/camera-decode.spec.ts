/**
 * Proof that src/lib/scan/camera.ts decodes real codes from a camera in real Chromium.
 * Chromium's fake camera plays the videos from tests/support/fake-video.ts. The gate screen
 * is not needed: the module is bundled on the fly (rolldown, which vite ships) and served
 * with a bare page through `page.route`, so these tests need no build and no server.
 * Each test launches its own browser, because the camera file is a launch flag.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { rolldown } from 'rolldown';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import type { CameraError } from '../../src/lib/scan/camera';
import { blankVideo, code128Video, FIXTURE_CODES, qrVideo, sequenceVideo } from '../support/fake-video';

// localhost is a secure context, so getUserMedia is allowed; no server listens, the route answers.
const ORIGIN = 'http://localhost:5999';

interface SeenScan {
  text: string;
  source: string;
  ms: number;
}

interface Harness {
  scans: SeenScan[];
  errors: CameraError[];
}

let bundle = '';

test.beforeAll(async () => {
  const build = await rolldown({ input: 'src/lib/scan/camera.ts', platform: 'browser', resolve: { alias: { $lib: `${process.cwd()}/src/lib` } } });
  const { output } = await build.generate({ format: 'iife', name: 'BastionScan' });
  bundle = output[0].code;
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

/** Opens the harness page at `origin` and starts the camera; resolves with what the session says. */
async function start(browser: Browser, origin = ORIGIN): Promise<{ page: Page; decoder: string }> {
  const page = await browser.newPage();
  await page.route(`${origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><video width="640" height="480"></video>' })
  );
  await page.goto(`${origin}/harness`);
  await page.addScriptTag({ content: bundle });
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
    expect(decoder).toBe('zxing'); // Linux Chromium has no BarcodeDetector
    expect(await firstScan(page, 'QR')).toMatchObject({ text: FIXTURE_CODES.person, source: 'camera' });
    expect(await errorsOf(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('reads a Code128 tube label through the camera', async () => {
  const browser = await launch(code128Video(FIXTURE_CODES.tube));
  try {
    const { page } = await start(browser);
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

test('reports nothing while no code is in view, and stop releases the camera', async () => {
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
    const { page } = await start(browser, 'http://bastion.test');
    expect(await errorsOf(page)).toEqual([{ kind: 'insecure' }]);
  } finally {
    await browser.close();
  }
});
