/**
 * One tablet's side of sync (DESIGN.md, "Sync"): its store, a `PeerSync` per connected
 * peer (peer-sync.ts has the protocol), the adverts heard of other tablets, and the one
 * serial lane in which every peer's receives are validated and applied.
 */
import { SerialLane } from '$lib/core/lane';
import { MAX_MESSAGE, type Refusal } from './validate';
import type { SyncStore, Transport } from './store';
import type { Advert } from './advert';
import { PeerSync } from './peer-sync';

/** Something a session could not accept: shown on the devices panel. */
export interface SyncProblem {
  peer: string | null;
  doc: string;
  reason: Refusal | 'bad-message' | 'store-failed' | 'bad-advert';
  detail: string;
}

/** Catch-up progress of one doc from one peer: `received` of `total` structs (≈ entries). */
export interface SyncProgress {
  peer: string | null;
  doc: string;
  received: number;
  total: number;
}

export interface SyncNodeOptions {
  /** This tablet's device id, told to peers in HELLO. */
  device: string;
  /** Largest message sent or accepted (default 64 KiB). */
  maxMessage?: number;
  onProblem?: (p: SyncProblem) => void;
  onProgress?: (p: SyncProgress) => void;
  /** This tablet's advert as of now (null: none to send yet). */
  advert?: () => Advert | null;
  /** Hears a new advert of another tablet; `direct` when it came from that tablet itself. */
  onAdvert?: (advert: Advert, direct: boolean) => void;
}

/** One tablet's side of sync: its store and its sessions. */
export class SyncNode {
  readonly #lane = new SerialLane();
  readonly sessions = new Set<PeerSync>();
  /** The newest advert heard of each other tablet. */
  readonly adverts = new Map<string, Advert>();

  constructor(
    readonly store: SyncStore,
    readonly options: SyncNodeOptions
  ) {}

  get maxMessage(): number {
    return this.options.maxMessage ?? MAX_MESSAGE;
  }

  /** Starts syncing with the peer at the other end of `transport`. */
  connect(transport: Transport): PeerSync {
    const peer = new PeerSync(this, transport);
    this.sessions.add(peer);
    return peer;
  }

  /** Resolves when every queued receive and announcement has been handled. */
  idle(): Promise<void> {
    return this.#lane.idle();
  }

  /** Runs tasks one after the other (failures are reported by the task, never kept). */
  run(task: () => Promise<void>): Promise<void> {
    return this.#lane.run(task);
  }

  /** Sends this tablet's current advert to every peer (after its entries or name changed). */
  advertise(): void {
    const own = this.options.advert?.();
    if (own) for (const s of this.sessions) s.sendAdvert(own);
  }

  /** Keeps an advert heard from `from` if it is news, and passes it on; false if not news. */
  hearAdvert(advert: Advert, from: PeerSync): boolean {
    if (advert.device === this.options.device) return false;
    const known = this.adverts.get(advert.device);
    if (known && known.at >= advert.at) return false;
    this.adverts.set(advert.device, advert);
    this.options.onAdvert?.(advert, from.peer === advert.device);
    for (const s of this.sessions) if (s !== from) s.sendAdvert(advert);
    return true;
  }

  destroy(): void {
    for (const s of this.sessions) s.destroy();
  }
}

