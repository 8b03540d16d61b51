/**
 * The recorder's rules (录入员): what the next scan or tap means, given the round's tubes as
 * read by tube.ts. Outcomes are values: accepted (with the entry to record), duplicate (amber,
 * nothing to record) or refused (red, with the reason; nothing is recorded, the tube and the
 * person are as they were). Pure; never throws.
 *
 * The refusal reasons are a closed set of their own (SamplingReason): they are shown, not
 * stored. The reasons that are stored (a re-swab's) live in REASONS.
 */
import { lastOf } from '$lib/core/entries';
import { openTubeOf, type TubeBook, type TubeState } from './tube';
import { isRoundOpen } from '$lib/core/round';
import type { Entry, Reason, ReswabReason, VoidReason } from '$lib/core/types';

/** Why the recorder's action was refused or amber. Each needs a zh/en message. */
export type SamplingReason =
  | 'round-closed'
  | 'bad-tube-code'
  | 'bad-box-code'
  | 'tube-used'
  | 'tube-already-open'
  | 'tube-sealed'
  | 'seal-first'
  | 'no-open-tube'
  | 'tube-full'
  | 'tube-empty'
  | 'already-in-tube'
  | 'already-sampled'
  | 'nothing-to-undo'
  | 'tube-unknown'
  | 'tube-not-sealed'
  | 'tube-in-other-box'
  | 'already-in-box'
  | 'box-sealed'
  | 'box-empty';

/** The entry an accepted verdict stands for (id, time, device, station, staff are the ledger's). */
export type SamplingDraft = Pick<Entry, 'kind' | 'subject' | 'verdict' | 'round'> & { tube?: string; reason?: Reason; voids?: string };

export type RecorderVerdict<Extra = object> =
  | ({ kind: 'accepted'; draft: SamplingDraft } & Extra)
  | { kind: 'duplicate'; reason: SamplingReason; tube?: TubeState }
  | { kind: 'refused'; reason: SamplingReason; tube?: TubeState; earlier?: Entry[] };

/** Printable ASCII without spaces, 4–64 characters: what Code128/Code39 tube and box labels carry. */
const LABEL = /^[\x21-\x7e]{4,64}$/;

/** True if `text` can be a tube or box label (a personal code `BST:…` cannot). */
export function isLabelCode(text: string): boolean {
  return LABEL.test(text) && !/^BST:/i.test(text);
}

const draft = (book: TubeBook, d: Omit<SamplingDraft, 'verdict' | 'round'>): SamplingDraft => ({ ...d, verdict: 'accepted', round: book.round.id });

/** A tube barcode scanned at the recorder: opens it, or says why not. */
export function judgeTubeScan(book: TubeBook, device: string, barcode: string): RecorderVerdict {
  if (!isRoundOpen(book.round)) return { kind: 'refused', reason: 'round-closed' };
  if (!isLabelCode(barcode)) return { kind: 'refused', reason: 'bad-tube-code' };
  const mine = openTubeOf(book, device);
  const tube = book.tubes.get(barcode);
  if (mine && mine.barcode === barcode) return { kind: 'duplicate', reason: 'tube-already-open', tube: mine };
  if (tube && (tube.status === 'sealed' || tube.status === 'boxed')) return { kind: 'refused', reason: 'tube-sealed', tube };
  if (tube) return { kind: 'refused', reason: 'tube-used', tube };
  if (mine) return { kind: 'refused', reason: 'seal-first', tube: mine };
  return { kind: 'accepted', draft: draft(book, { kind: 'tube-open', subject: barcode, tube: barcode }) };
}

/** What the screen shows after a person goes in: how full the tube now is. */
export interface SampleExtra {
  count: number;
  capacity: number;
  /** True when this sample filled the tube: "tube full, seal it". */
  full: boolean;
}

/**
 * A person scanned at the recorder, into this tablet's open tube. A person already in another
 * tube of the round is refused (with their earlier samples, to show where and when) unless
 * the staff chose "sample again" with a reason: then it is a re-swab.
 */
export function judgeSample(book: TubeBook, device: string, personId: string, again?: ReswabReason): RecorderVerdict<SampleExtra> {
  if (!isRoundOpen(book.round)) return { kind: 'refused', reason: 'round-closed' };
  const tube = openTubeOf(book, device);
  if (!tube) return { kind: 'refused', reason: 'no-open-tube' };
  if (tube.samples.some((s) => s.subject === personId)) return { kind: 'duplicate', reason: 'already-in-tube', tube };
  const capacity = book.round.pooling;
  if (tube.samples.length >= capacity) return { kind: 'refused', reason: 'tube-full', tube };
  const earlier = book.samplesOf.get(personId);
  if (earlier && earlier.length > 0 && !again) return { kind: 'refused', reason: 'already-sampled', tube, earlier };
  const fields: Omit<SamplingDraft, 'verdict' | 'round'> = { kind: 'sample', subject: personId, tube: tube.barcode };
  if (again && earlier && earlier.length > 0) fields.reason = again;
  const count = tube.samples.length + 1;
  return { kind: 'accepted', draft: draft(book, fields), count, capacity, full: count >= capacity };
}

/** Sealing this tablet's open tube (封管). An empty tube cannot be sealed. */
export function judgeSeal(book: TubeBook, device: string): RecorderVerdict {
  const tube = openTubeOf(book, device);
  if (!tube) return { kind: 'refused', reason: 'no-open-tube' };
  if (tube.samples.length === 0) return { kind: 'refused', reason: 'tube-empty', tube };
  return { kind: 'accepted', draft: draft(book, { kind: 'tube-seal', subject: tube.barcode, tube: tube.barcode }) };
}

/**
 * Undo on the recorder: voids the last person put into this tablet's open tube, or, when the
 * tube is still empty, the opening of the tube itself (a wrong label scanned). A void, never
 * a delete: the undone entry stays in the ledger.
 */
export function judgeUndo(book: TubeBook, device: string, reason: VoidReason): RecorderVerdict<{ undoes: Entry }> {
  const tube = openTubeOf(book, device);
  if (!tube) return { kind: 'refused', reason: 'nothing-to-undo' };
  // This tablet's own last step: another tablet's samples (tablets apart opened the same tube)
  // are not this tablet's to undo.
  const undoes = lastOf(tube.samples, device) ?? lastOf(tube.opens, device);
  if (!undoes) return { kind: 'refused', reason: 'nothing-to-undo', tube };
  return { kind: 'accepted', draft: draft(book, { kind: 'void', subject: undoes.subject, tube: tube.barcode, voids: undoes.id, reason }), undoes };
}

/** A sealed tube scanned into the transport box `box`. */
export function judgeBoxAdd(book: TubeBook, box: string, barcode: string): RecorderVerdict {
  if (!isLabelCode(box) || book.tubes.has(box)) return { kind: 'refused', reason: 'bad-box-code' };
  if (book.boxes.get(box)?.status === 'sealed') return { kind: 'refused', reason: 'box-sealed' };
  const tube = book.tubes.get(barcode);
  if (!tube) return { kind: 'refused', reason: 'tube-unknown' };
  if (tube.boxAdds.some((e) => e.subject === box)) return { kind: 'duplicate', reason: 'already-in-box', tube };
  if (tube.status === 'boxed') return { kind: 'refused', reason: 'tube-in-other-box', tube };
  if (tube.status !== 'sealed') return { kind: 'refused', reason: 'tube-not-sealed', tube };
  return { kind: 'accepted', draft: draft(book, { kind: 'box-add', subject: box, tube: barcode }) };
}

/** Sealing the transport box `box`. An empty box cannot be sealed. */
export function judgeBoxSeal(book: TubeBook, box: string): RecorderVerdict {
  const state = book.boxes.get(box);
  if (state?.status === 'sealed') return { kind: 'refused', reason: 'box-sealed' };
  if (!state || state.adds.length === 0) return { kind: 'refused', reason: 'box-empty' };
  return { kind: 'accepted', draft: draft(book, { kind: 'box-seal', subject: box }) };
}
