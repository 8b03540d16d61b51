/**
 * The browser's own BarcodeDetector (Chrome on Android, ChromeOS and macOS; absent on Linux
 * and Windows desktop Chrome). It decodes in native code, so where it exists we prefer it
 * to ZXing. TypeScript's DOM library does not describe it yet, hence the small types here.
 */

interface DetectedBarcode {
  rawValue: string;
  format: string;
}

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** The symbologies Bastion reads: QR for passes, 1D codes for tubes and boxes. */
export const WANTED_FORMATS = ['qr_code', 'code_128', 'code_39', 'ean_13', 'itf'];

/** A native detector for our formats, or null if the browser has none that reads QR codes. */
export async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const supported = await Detector.getSupportedFormats();
    if (!supported.includes('qr_code')) return null;
    return new Detector({ formats: WANTED_FORMATS.filter((f) => supported.includes(f)) });
  } catch {
    // A detector that cannot even list its formats is one we cannot rely on: ZXing it is.
    return null;
  }
}

/**
 * Runs `detector` on `video` every `intervalMs` until the returned function is called.
 * A failed frame is reported through `onError` once and ends the loop.
 */
export function runNativeLoop(
  detector: BarcodeDetectorLike,
  video: HTMLVideoElement,
  intervalMs: number,
  onText: (text: string) => void,
  onError: (error: unknown) => void
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    // HAVE_CURRENT_DATA: before that there is no frame to look at.
    if (video.readyState >= 2) {
      try {
        for (const code of await detector.detect(video)) if (!stopped) onText(code.rawValue);
      } catch (error) {
        if (!stopped) onError(error);
        return;
      }
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
