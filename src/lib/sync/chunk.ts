/**
 * Bounded pieces: the part of a doc a peer lacks (or one large update) as several valid
 * Yjs updates of at most `budget` bytes each. Plain y-webrtc sends the whole missing state
 * as one message, which Chromium drops past 256 KiB (STACK.md).
 *
 * Algorithm: the structs to send are taken as per-client runs (from the peer's clock for a
 * doc, or as decoded from an update) and written one by one, each in Yjs's V1 encoding
 * (context free: a struct's bytes do not depend on what precedes it, so its size is known
 * before it is placed). A piece is cut when the next struct would pass the budget. The
 * delete set follows in pieces of its own.
 *
 * Invariants:
 * - every piece is a well-formed V1 update: per client ONE contiguous run (the V1 reader
 *   keeps only the last run of a client), then a delete set;
 * - structs are placed in causal order: a struct goes only after the structs it points at
 *   (origin, right origin, parent) that the peer lacks, so the receiver's validator can
 *   always place an overwrite (validate.ts) and no piece waits on a later one;
 * - the pieces together carry exactly the structs and deletions of the whole.
 * Re-encoding entries into a fresh doc would be smaller to write but gives them new struct
 * ids: the same entry twice, under two ids, is a conflict; so structs keep their ids.
 */
import * as Y from 'yjs';
import { Bytes } from './wire';

/** Yjs exports the class but not its type. */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** One piece: a valid update and how many structs it carries (for progress). */
export interface Chunk {
  update: Uint8Array;
  items: number;
}

type Struct = Y.Item | Y.GC | Y.Skip;

interface Run {
  client: number;
  structs: readonly Struct[];
  /** index of the next struct to place, and the clock offset into it */
  next: number;
  offset: number;
}

// Worst-case bytes of a run's header (struct count, client, clock: 3 varuints) and a piece's frame.
const RUN_HEADER = 16;
const FRAME = 8;

/**
 * The structs and deletions of `doc` that a peer with state vector `remoteSv` lacks, in
 * pieces of at most `budget` bytes. The whole delete set is always included (it is small,
 * and a deletion brings no struct that a state vector would show).
 */
export function encodeMissing(doc: Y.Doc, remoteSv: Map<number, number>, budget: number): Chunk[] {
  const runs: Run[] = [];
  doc.store.clients.forEach((structs, client) => {
    const clock = remoteSv.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= clock) return;
    const next = Y.findIndexSS(structs, clock);
    runs.push({ client, structs, next, offset: clock - structs[next]!.id.clock });
  });
  return [...pack(runs, budget), ...packDeleteSet(Y.createDeleteSetFromStructStore(doc.store), budget)];
}

/** One update as pieces of at most `budget` bytes; the update itself when it fits. */
export function splitUpdate(update: Uint8Array, budget: number): Chunk[] {
  const { structs, ds } = Y.decodeUpdate(update);
  if (update.length <= budget) return [{ update, items: structs.length }];
  const runs: Run[] = [];
  for (const s of structs) {
    const run = runs[runs.length - 1];
    if (run && run.client === s.id.client) (run.structs as Struct[]).push(s);
    else runs.push({ client: s.id.client, structs: [s], next: 0, offset: 0 });
  }
  return [...pack(runs, budget), ...packDeleteSet(ds, budget)];
}

/** Places the runs' structs in causal order into pieces (see the header). */
function pack(runs: Run[], budget: number): Chunk[] {
  const chunks: Chunk[] = [];
  let piece = new Map<number, { clock: number; parts: Uint8Array[] }>();
  let size = FRAME;
  let items = 0;
  const flush = () => {
    if (piece.size === 0) return;
    const w = new Bytes();
    w.uint(piece.size);
    for (const [client, run] of piece) {
      w.uint(run.parts.length).uint(client).uint(run.clock);
      for (const p of run.parts) w.raw(p);
    }
    w.uint(0); // no deletions in this piece
    chunks.push({ update: w.finish(), items });
    piece = new Map();
    size = FRAME;
    items = 0;
  };
  // A struct may go once nothing it points at is still waiting in some run.
  const waiting = new Map(runs.map((r) => [r.client, r]));
  const placedBefore = (id: Y.ID | null) => {
    const run = id && waiting.get(id.client);
    if (!run || run.next >= run.structs.length) return true;
    return id.clock < run.structs[run.next]!.id.clock + run.offset;
  };
  const ready = (s: Struct) => {
    if (!(s instanceof Y.Item)) return true;
    const parent: unknown = s.parent;
    return placedBefore(s.origin) && placedBefore(s.rightOrigin) && placedBefore(parent instanceof Y.ID ? parent : null);
  };
  let left = runs.reduce((n, r) => n + r.structs.length - r.next, 0);
  let stuck = false;
  while (left > 0) {
    let placed = 0;
    for (const run of runs) {
      for (; run.next < run.structs.length; run.next++, run.offset = 0) {
        const s = run.structs[run.next]!;
        // A cycle only comes from a broken update: then send as it comes rather than never.
        if (!stuck && !ready(s)) break;
        const enc = new Y.UpdateEncoderV1();
        s.write(enc, run.offset);
        const bytes = enc.toUint8Array();
        if (size + bytes.length + (piece.has(run.client) ? 0 : RUN_HEADER) > budget) flush();
        let open = piece.get(run.client);
        if (!open) {
          open = { clock: s.id.clock + run.offset, parts: [] };
          piece.set(run.client, open);
          size += RUN_HEADER;
        }
        open.parts.push(bytes);
        size += bytes.length;
        items++;
        placed++;
        left--;
      }
    }
    stuck = placed === 0;
  }
  flush();
  return chunks;
}

/** A delete set as updates with no structs, each at most `budget` bytes. */
function packDeleteSet(ds: DeleteSet, budget: number): Chunk[] {
  const chunks: Chunk[] = [];
  let ranges: [number, { clock: number; len: number }[]][] = [];
  let size = FRAME;
  const flush = () => {
    if (ranges.length === 0) return;
    const w = new Bytes().uint(0).uint(ranges.length); // no structs; then the delete set
    for (const [client, items] of ranges) {
      w.uint(client).uint(items.length);
      for (const d of items) w.uint(d.clock).uint(d.len);
    }
    chunks.push({ update: w.finish(), items: 0 });
    ranges = [];
    size = FRAME;
  };
  ds.clients.forEach((items, client) => {
    let open: { clock: number; len: number }[] | null = null;
    for (const d of items) {
      if (size + 20 + (open ? 0 : RUN_HEADER) > budget) {
        flush();
        open = null;
      }
      if (!open) {
        open = [];
        ranges.push([client, open]);
        size += RUN_HEADER;
      }
      open.push({ clock: d.clock, len: d.len });
      size += 20;
    }
  });
  flush();
  return chunks;
}
