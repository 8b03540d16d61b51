/**
 * The whole round at one sampling point (tests/e2e/sampling-round.spec.ts): ten residents of
 * one building, the tube label they go into, and the two fake-camera videos the tablet's
 * camera plays: at the guide, their ten personal QR codes in turn; at the recorder, the
 * Code128 tube label and then the same ten QR codes. Each code is held for 0.4 s (long
 * enough for the decoder, as the recorder test in sampling-stations.spec.ts measured) with a
 * blank frame between, so every code leaves the view before the next. Written by the global
 * setup; the spec calls the same functions to find the files (named by content).
 */
import { formatAddress } from '../../src/lib/roster/roster';
import type { Person } from '../../src/lib/core/types';
import { demoCode, demoRoster } from './app';
import { sequenceVideo } from './fake-video';

export const ROUND_TUBE = 'T20261122101';

/** Ten residents of one building (the roster's first), each at another address. */
export function roundPeople(): Person[] {
  const building = demoRoster()[0]!.building;
  const seen = new Set<string>();
  return demoRoster()
    .filter((p) => p.building === building && !seen.has(formatAddress(p)) && seen.add(formatAddress(p)))
    .slice(0, 10);
}

const held = { codeFrames: 4, blankFrames: 1 };

/** The guide's and the recorder's camera videos (55 frames at most: a 5.5 s loop). */
export function roundVideos(): { guide: string; recorder: string } {
  const people = roundPeople().map((p) => ({ qr: demoCode(p) }));
  return {
    guide: sequenceVideo(people, held),
    recorder: sequenceVideo([{ code128: ROUND_TUBE }, ...people], held)
  };
}
