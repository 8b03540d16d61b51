/**
 * The camera's decode loop for ZXing: grabs a frame when the `FramePacer` allows it (idle
 * decoder, interval passed), hands it to a `FrameReader`, reports any code, repeats until
 * stopped. A failed read is reported through `onError` once and ends the loop, as in
 * `runNativeLoop`.
 */
import { FramePacer } from './frame-pacer';
import type { FrameReader } from './frame-readers';

/** Runs `reader` on `video` until the returned function is called. */
export function runFrameLoop(
  reader: FrameReader,
  video: HTMLVideoElement,
  intervalMs: number,
  onText: (text: string) => void,
  onError: (error: unknown) => void
): () => void {
  const pacer = new FramePacer(intervalMs);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number) => {
    if (!stopped) timer = setTimeout(tick, ms);
  };
  const tick = async () => {
    if (stopped) return;
    // HAVE_CURRENT_DATA and a known size: before that there is no frame to look at.
    if (video.readyState < 2 || video.videoWidth === 0) return later(intervalMs);
    if (!pacer.tryGrab(performance.now())) return later(pacer.wait(performance.now()));
    try {
      const text = await reader.read(video);
      if (text !== null && !stopped) onText(text);
    } catch (error) {
      if (!stopped) onError(error);
      return;
    } finally {
      pacer.release();
    }
    later(pacer.wait(performance.now()));
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    reader.close();
  };
}
