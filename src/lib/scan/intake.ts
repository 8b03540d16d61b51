/**
 * The one scan intake every station uses: what a scanned code is, before any station's rules.
 *
 *   raw text ──parse──▶ empty? ─────────────────────────────▶ ignored (nothing happened)
 *                        │
 *                        ▼
 *                      repeat of the same key within the window, not typed? ▶ ignored
 *                        │  (a camera sees a held code in many frames; a wedge trigger is
 *                        │   pressed twice; someone who typed a code wants an answer)
 *                        ▼
 *                      too long ───▶ too-long (noise or an attack: never recorded)
 *                      person code of another site ───▶ other-site
 *                      person code of this site ──────▶ person
 *                      anything else ─────────────────▶ label (a tube or box barcode,
 *                                                        or a code nobody issued)
 *
 * The repeat window is keyed by the station's own key (the gate adds its direction, so
 * turning the switch and scanning again is a new event; a tube station keys a person's code
 * by the tube it goes into, so a person refused before the tube was opened counts once it
 * is). Pure: no clock of its own, the scan carries its time. Never throws.
 */
import { parseCode } from '$lib/core/code';
import { RepeatFilter } from './repeat-filter';
import type { ScannedCode } from './scanned-code';

/** What a scanned code is, as far as every station agrees. */
export type Intake =
  | { kind: 'ignored'; why: 'empty' | 'repeat' }
  | { kind: 'too-long'; text: string }
  | { kind: 'other-site'; text: string; siteId: string }
  | { kind: 'person'; text: string; personId: string }
  | { kind: 'label'; text: string };

/** Same code again within this long on one tablet is the same event. */
export const REPEAT_WINDOW_MS = 3000;

export class ScanIntake {
  #filter: RepeatFilter;

  constructor(
    readonly siteId: string,
    windowMs: number = REPEAT_WINDOW_MS
  ) {
    this.#filter = new RepeatFilter(windowMs);
  }

  /**
   * Classifies one scan. `key` narrows the repeat filter (the gate's direction), and
   * `personKey` does for a person's code alone (a tube station's open tube: its own label,
   * held in view while it opens, stays one event). Typed codes always pass the filter, but
   * still start its window for the camera.
   */
  take(code: ScannedCode, key = '', personKey = key): Intake {
    const parsed = parseCode(code.text);
    if (parsed.kind === 'empty') return { kind: 'ignored', why: 'empty' };
    const fresh = this.#filter.admit(`${parsed.kind === 'person' ? personKey : key}|${parsed.text}`, code.at);
    if (!fresh && code.source !== 'manual') return { kind: 'ignored', why: 'repeat' };
    if (parsed.kind === 'too-long') return { kind: 'too-long', text: parsed.text };
    if (parsed.kind === 'unknown') return { kind: 'label', text: parsed.text };
    if (parsed.siteId !== this.siteId) return { kind: 'other-site', text: parsed.text, siteId: parsed.siteId };
    return { kind: 'person', text: parsed.text, personId: parsed.personId };
  }
}
