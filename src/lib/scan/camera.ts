/**
 * Continuous camera scanning: the camera stays on, every code it reads becomes a
 * `ScannedCode` with source `'camera'`, and trouble comes back as a `CameraError` value
 * through `onError`, never as an exception. The same code is reported again while it stays
 * in view; wrap the handler in `dropRepeats` to make that one event.
 *
 * We open the stream ourselves (not through ZXing) so that every getUserMedia failure goes
 * through one mapping, and so the native BarcodeDetector and ZXing share the same stream.
 */
import { BrowserMultiFormatReader } from '@zxing/browser';
import { BarcodeFormat, ChecksumException, DecodeHintType, FormatException, NotFoundException } from '@zxing/library';
import { toCameraError, type CameraError } from './camera-error';
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
  /** Which decoder reads the frames; 'none' if the camera did not start. */
  readonly decoder: 'native' | 'zxing' | 'none';
  stop(): void;
  devices(): Promise<CameraDevice[]>;
}

// Pause between decode attempts: ~8 looks a second keep the gate quick without pinning a core.
const ATTEMPT_MS = 120;
// ZXing's NotFound/Checksum/Format are "no (complete) code in this frame": the normal case.
const FRAME_MISSES = [NotFoundException, ChecksumException, FormatException];

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
  const fail = (error: unknown) => {
    stop();
    opts.onError(toCameraError(error));
  };
  // The camera was unplugged or taken away by the system.
  const onEnded = () => fail({ name: 'NotReadableError', message: 'the camera stopped' });
  track?.addEventListener('ended', onEnded);

  video.muted = true;
  video.playsInline = true;
  let decoder: CameraSession['decoder'];
  try {
    const detector = await nativeDetector();
    if (detector) {
      video.srcObject = stream;
      await video.play();
      decoder = 'native';
      stopDecoding = runNativeLoop(detector, video, ATTEMPT_MS, emit, fail);
    } else {
      decoder = 'zxing';
      const controls = await zxingReader().decodeFromStream(stream, video, (result, error) => {
        if (result) emit(result.getText());
        else if (error && !FRAME_MISSES.some((miss) => error instanceof miss)) fail(error);
      });
      stopDecoding = () => controls.stop();
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

function zxingReader(): BrowserMultiFormatReader {
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.EAN_13, BarcodeFormat.ITF]],
    // Noticeably better on small and tilted codes, for a few milliseconds a frame.
    [DecodeHintType.TRY_HARDER, true]
  ]);
  return new BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: ATTEMPT_MS, delayBetweenScanSuccess: ATTEMPT_MS * 2 });
}
