/**
 * Keyboard-wedge scanners on every scan screen, with no field focused: keys are read on
 * the window (or a given element) and handed to a `WedgeBuffer`, which decides whether
 * they were a scanner's burst. When an editable field has focus the keys are left to it,
 * so manual entry (and a scanner aimed at that field) works the ordinary way.
 */
import type { ScanHandler } from './scanned-code';
import { WedgeBuffer, type WedgeTiming } from './wedge-buffer';

/** Options of `attachWedge`. */
export interface WedgeOptions extends WedgeTiming {
  /** Clock for the `at` of emitted codes (epoch ms). Default `Date.now`. */
  now?: () => number;
}

// Inputs whose keys do not edit text: a scanner's burst while one of them has focus is ours.
const NON_TEXT_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image']);

/** True if keys typed at `target` edit text there (the wedge then keeps its hands off). */
export function isEditable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

// Named key values ("Shift", "ArrowLeft", "F1", "Unidentified", "Dead") are one capital and
// letters or digits; every other value is text the key types.
const NAMED_KEY = /^[A-Z][A-Za-z0-9]+$/;

/**
 * True if `key` (a KeyboardEvent.key) types text. Not `key.length === 1`: length counts UTF-16
 * units, so an emoji (two units) would be dropped and a code with one inside read as if it were
 * not there, where the camera refuses the same code.
 */
export function isCharacterKey(key: string): boolean {
  return key.length > 0 && !NAMED_KEY.test(key);
}

/**
 * Listens for wedge-scanner bursts on `target` and calls `onScan` with source `'wedge'`.
 * Returns a function that detaches the listener.
 */
export function attachWedge(target: Window | HTMLElement, onScan: ScanHandler, opts: WedgeOptions = {}): () => void {
  const buffer = new WedgeBuffer(opts);
  const now = opts.now ?? Date.now;

  const onKeyDown = (event: KeyboardEvent) => {
    if (isEditable(event.target)) {
      buffer.reset();
      return;
    }
    // A held key or an IME composition is a person, and so is a shortcut.
    if (event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) {
      buffer.reset();
      return;
    }
    // event.timeStamp is when the key arrived, not when a busy main thread got round to it:
    // a burst queued behind a long task still looks like a burst, and a person still like one.
    if (event.key === 'Enter' || event.key === 'Tab') {
      const text = buffer.end(event.timeStamp);
      if (text === null) return;
      // Only a real scan swallows its terminator: a focused button must not be clicked by it,
      // nor focus move on Tab; a person's Enter keeps its usual meaning.
      event.preventDefault();
      onScan({ text, source: 'wedge', at: now() });
      return;
    }
    // Shift, 'Unidentified', arrows, F-keys: not characters; scanners send Shift around capitals.
    if (!isCharacterKey(event.key)) return;
    // Inside a burst a space is part of the code, not a request to scroll the screen (nor to
    // press a focused button); a person's lone space keeps its meaning.
    if (event.key === ' ' && buffer.inBurst(event.timeStamp)) event.preventDefault();
    buffer.key(event.key, event.timeStamp);
  };

  // Capture phase, so a screen's own key handlers cannot see the terminator before we do.
  target.addEventListener('keydown', onKeyDown as EventListener, { capture: true });
  return () => target.removeEventListener('keydown', onKeyDown as EventListener, { capture: true });
}
