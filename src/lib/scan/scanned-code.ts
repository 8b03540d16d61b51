/**
 * The one event every scan source produces. The camera, a keyboard-wedge scanner and the
 * manual-entry field all hand the screen a `ScannedCode`, so the rules downstream never
 * care where a code came from (the source is kept only for the record and for feedback).
 */
import { RepeatFilter } from '$lib/scan/repeat-filter';

/** Where a scanned code came from. */
export type ScanSource = 'camera' | 'wedge' | 'manual';

/** A code read by any source: raw text (not yet cleaned or parsed), its source, and when. */
export interface ScannedCode {
  text: string;
  source: ScanSource;
  /** Milliseconds since the epoch, from the clock the source was given. */
  at: number;
}

/** Receives scanned codes. */
export type ScanHandler = (code: ScannedCode) => void;

/**
 * Wraps a handler so that the same text again within the filter's window is dropped,
 * whatever its source: a camera reports a code held in view every half second, and a
 * wedge scanner's trigger is often pressed twice. Manual entry is always passed through,
 * because someone who typed a code on purpose wants an answer.
 */
export function dropRepeats(onScan: ScanHandler, filter: RepeatFilter = new RepeatFilter()): ScanHandler {
  return (code) => {
    // Admit first in every case, so a typed code also starts the window for the camera.
    const fresh = filter.admit(code.text, code.at);
    if (fresh || code.source === 'manual') onScan(code);
  };
}
