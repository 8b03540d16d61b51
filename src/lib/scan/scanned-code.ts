/**
 * The one event every scan source produces. The camera, a keyboard-wedge scanner and the
 * manual-entry field all hand the screen a `ScannedCode`, so the rules downstream never
 * care where a code came from (the source is kept only for the record and for feedback).
 */
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
