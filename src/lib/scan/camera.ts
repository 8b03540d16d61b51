/**
 * Continuous camera scanning: the camera stays on, every code it reads becomes a
 * `ScannedCode` with source `'camera'`, and trouble comes back as a `CameraError` value
 * through `onError`, never as an exception. The same code is reported again while it stays
 * in view; the station's scan intake (intake.ts) makes that one event.
 *
 * We open the stream ourselves (not through ZXing) so that every getUserMedia failure goes
 * through one mapping, and so the native BarcodeDetector and ZXing share the same stream.
 *
 * Decoders, best first: the browser's BarcodeDetector (native code, off the main thread);
 * ZXing in a Web Worker ('zxing-worker'); ZXing on the main thread ('zxing') only where
 * workers cannot decode. A decode takes tens of milliseconds: on the main thread that delays
 * every key a wedge scanner types and every tap, so the worker is the normal path.
 */
import { toCameraError, type CameraError } from './camera-error';
import { runFrameLoop } from './frame-loop';
import { canDecodeInWorker, openWorkerReader, type FrameReader } from './frame-readers';
import { nativeDetector, runNativeLoop } from './native-detector';
import type { ScanHandler } from './scanned-code';

export type { CameraError } from './camera-error';

/** A video input the user can choose. The label is empty until camera permission is given. */
export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** Options of `startCamera`. */
export interface CameraOptions {
  /** The camera to use; without it, or if it is gone, the back camera (facingMode environment). */
  deviceId?: string;
  /** Called with anything that stops the camera from scanning, at start or later. */
  onError: (error: CameraError) => void;
  /** Clock for the `at` of emitted codes (epoch ms). Default `Date.now`. */
  now?: () => number;
}

/** A running (or failed) camera. `stop()` is safe to call any number of times. */
export interface CameraSession {
  /** The camera actually streaming, or undefined if none is. */
  readonly deviceId: string | undefined;
  /**
   * Which decoder reads the frames: the browser's own, ZXing in a worker, ZXing on the main
   * thread (fallback); 'none' if the camera did not start.
   */
  readonly decoder: 'native' | 'zxing-worker' | 'zxing' | 'none';
  stop(): void;
  devices(): Promise<CameraDevice[]>;
}

// Pause between decode attempts: ~8 looks a second keep the gate quick without pinning a core.
const ATTEMPT_MS = 120;
// Long side of the frames ZXing decodes: a 720p frame is scaled to 960×540 before decoding.
// Measured in the worker on a 2-core machine (median per frame, code in view): 640 px ~6 ms,
// 960 px ~10 ms, 1280 px ~15 ms. Off the main thread the extra pixels cost only worker time,
// and a long tube label (~250 modules across half the view) keeps ~2 px a module at 960
// where 640 leaves ~1.3, too few to read reliably.
const DECODE_MAX_SIDE = 960;

/** Lists the video inputs (empty where there is no media API). */
export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const all = await navigator.mediaDevices.enumerateDevices();
  return all.filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/** Opens the camera into `video` and reports every code it reads to `onScan`. */
export async function startCamera(video: HTMLVideoElement, onScan: ScanHandler, opts: CameraOptions): Promise<CameraSession> {
  const now = opts.now ?? Date.now;
  const failed = (error: CameraError): CameraSession => {
    opts.onError(error);
    return { deviceId: undefined, decoder: 'none', stop: () => {}, devices: listCameras };
  };
  // getUserMedia only exists in a secure context (https or localhost).
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) return failed({ kind: 'insecure' });

  const opened = await openStream(opts.deviceId);
  if ('kind' in opened) return failed(opened);
  const stream = opened;
  const track = stream.getVideoTracks()[0];
  const emit = (text: string) => {
    // Delivered outside the decoder's loop, so a bug in a handler cannot stop the camera;
    // it still surfaces as an uncaught error.
    queueMicrotask(() => onScan({ text, source: 'camera', at: now() }));
  };

  let stopDecoding = () => {};
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    track?.removeEventListener('ended', onEnded);
    stopDecoding();
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
  };
  // Trouble after the camera was running is "scanning stopped", whatever the cause: the
  // person needs to know scanning is off, not why the camera could not start.
  const fail = (error: unknown) => {
    stop();
    opts.onError({ kind: 'stopped', detail: toCameraError(error).detail });
  };
  // The camera was unplugged or taken away by the system.
  const onEnded = () => fail({ name: 'NotReadableError', message: 'the camera stopped' });
  track?.addEventListener('ended', onEnded);

  video.muted = true;
  video.playsInline = true;
  let decoder: CameraSession['decoder'];
  try {
    const detector = await nativeDetector();
    video.srcObject = stream;
    if (detector) {
      await video.play();
      decoder = 'native';
      stopDecoding = runNativeLoop(detector, video, ATTEMPT_MS, emit, fail);
    } else {
      // The worker loads while the video starts.
      const opening = zxingReader();
      await video.play().catch(async (error: unknown) => {
        (await opening).close();
        throw error;
      });
      const reader = await opening;
      decoder = reader.kind === 'worker' ? 'zxing-worker' : 'zxing';
      stopDecoding = runFrameLoop(reader, video, ATTEMPT_MS, emit, fail);
    }
  } catch (error) {
    stop();
    return failed(toCameraError(error));
  }
  if (stopped) stopDecoding();
  return { deviceId: track?.getSettings().deviceId, decoder, stop, devices: listCameras };
}

/** The chosen camera; if it is gone (another tablet's id, a camera unplugged), the back one. */
async function openStream(deviceId: string | undefined): Promise<MediaStream | CameraError> {
  // 720p where the camera has it: dense signed passes (QR version 9–10) need the pixels.
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  const byFacing: MediaStreamConstraints = { audio: false, video: { ...size, facingMode: 'environment' } };
  try {
    if (deviceId) {
      try {
        return await navigator.mediaDevices.getUserMedia({ audio: false, video: { ...size, deviceId: { exact: deviceId } } });
      } catch (error) {
        if (toCameraError(error).kind !== 'absent') throw error;
      }
    }
    return await navigator.mediaDevices.getUserMedia(byFacing);
  } catch (error) {
    return toCameraError(error);
  }
}

/** ZXing in a worker where the browser can; on the main thread where it cannot. */
async function zxingReader(): Promise<FrameReader> {
  if (canDecodeInWorker()) {
    try {
      return await openWorkerReader(DECODE_MAX_SIDE);
    } catch {
      // The worker could not start (old engine, blocked script): decoding slowly beats not at all.
    }
  }
  const { inlineReader } = await import('./inline-reader');
  return inlineReader(DECODE_MAX_SIDE);
}
