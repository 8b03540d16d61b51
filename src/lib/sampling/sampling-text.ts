import type { SamplingReason } from '$lib/sampling/tube-rules';
import type { StickerColour } from '$lib/core/round';
import type { TubeStatus } from '$lib/sampling/tube';
import type { PersonTag, StationKind } from '$lib/core/types';
import type { TubeReason } from '$lib/sampling/tube-flow';
import { clockOf } from '$lib/core/day';
import { m } from '$lib/i18n';
import { reasonText } from '$lib/ui/reason-text';

const SAMPLING: Record<SamplingReason, () => string> = {
  'round-closed': m.sreason_round_closed,
  'bad-tube-code': m.sreason_bad_tube_code,
  'bad-box-code': m.sreason_bad_box_code,
  'tube-used': m.sreason_tube_used,
  'tube-already-open': m.sreason_tube_already_open,
  'tube-sealed': m.sreason_tube_sealed,
  'seal-first': m.sreason_seal_first,
  'no-open-tube': m.sreason_no_open_tube,
  'tube-full': m.sreason_tube_full,
  'tube-empty': m.sreason_tube_empty,
  'already-in-tube': m.sreason_already_in_tube,
  'already-sampled': m.sreason_already_sampled,
  'nothing-to-undo': m.sreason_nothing_to_undo,
  'tube-unknown': m.sreason_tube_unknown,
  'tube-not-sealed': m.sreason_tube_not_sealed,
  'tube-in-other-box': m.sreason_tube_in_other_box,
  'already-in-box': m.sreason_already_in_box,
  'box-sealed': m.sreason_box_sealed,
  'box-empty': m.sreason_box_empty
};

/** The sentence for why the recorder or the box screen said no. */
export function samplingReasonText(reason: TubeReason): string {
  return reason === 'other-site' || reason === 'too-long' ? reasonText(reason) : SAMPLING[reason]();
}

const STATUS: Record<TubeStatus, () => string> = { open: m.tube_status_open, full: m.tube_status_full, sealed: m.tube_status_sealed, boxed: m.tube_status_boxed };
export const tubeStatusText = (s: TubeStatus) => STATUS[s]();

const TAGS: Record<PersonTag, () => string> = {
  elderly: m.stag_elderly,
  disabled: m.stag_disabled,
  pregnant: m.stag_pregnant,
  bedridden: m.stag_bedridden,
  quarantined: m.stag_quarantined,
  sick: m.stag_sick
};
export const tagText = (t: PersonTag) => TAGS[t]();

/** Where a sample was taken, from the station that recorded it. */
export const whereText = (station: StationKind) => (station === 'homeVisit' ? m.sampling_where_home() : m.sampling_where_recorder());

/** `14:05:09` in the site's zone. */
export function clockIn(timeZone: string): (at: number) => string {
  return (at) => clockOf(at, timeZone);
}

const HEX: Record<StickerColour, string> = {
  red: '#dc2626',
  orange: '#ea580c',
  yellow: '#facc15',
  green: '#16a34a',
  blue: '#2563eb',
  purple: '#9333ea',
  pink: '#ec4899',
  white: '#ffffff'
};
/** The sticker colour as a CSS colour, for a swatch beside its name. */
export const stickerHex = (c: StickerColour) => HEX[c];
