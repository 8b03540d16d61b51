/**
 * Sync as the screens see it: whether this tablet is looking for peers, how many it is
 * connected to, catch-up progress, refused updates, and the "sync paused" switch. The work
 * is done by the sync layer (session.ts over webrtc.ts); this class only starts it for the
 * open site and reports.
 */
import type { Site, StationKind } from '$lib/core/types';
import { formatDigest, type Digest } from '$lib/core/digest';
import type { Advert, TabletView } from '$lib/sync/advert';
import type { Ledger } from '$lib/ledger/ledger';
import { ledgerStore } from '$lib/sync/ledger-store';
import { DayDigests } from '$lib/ledger/day-digests';
import { SyncNode, type SyncProblem, type SyncProgress } from '$lib/sync/node';
import { WebrtcLink } from '$lib/sync/webrtc';
import { HEARTBEAT_MS, KnownTablets } from './known-tablets.svelte';

/** How this tablet names itself to the others (read afresh for every advert). */
export type Identity = () => { name: string; station: StationKind };

type Status = 'off' | 'searching' | 'connected' | 'paused';

/** The signaling endpoint `npm start` serves beside the app. */
export function defaultSignaling(): string[] {
  return [`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`];
}

export class SyncState {
  #status = $state<Status>('off');
  #peers = $state(0);
  #progress = $state<SyncProgress | null>(null);
  #problems = $state<SyncProblem[]>([]);
  #node: SyncNode | null = null;
  #link: WebrtcLink | null = null;
  #book = $state.raw<KnownTablets | null>(null);
  #ownAdvert = $state.raw<Advert | null>(null);
  #digests: DayDigests | null = null;
  #identity: Identity = () => ({ name: '', station: 'gate' });
  #deviceId = '';
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  get status() {
    return this.#status;
  }
  get peers() {
    return this.#peers;
  }
  get progress() {
    return this.#progress;
  }
  /** The latest refused or malformed updates (most recent first, at most 20). */
  get problems() {
    return this.#problems;
  }

  /** The site's other tablets this one knows of: connected now, or last seen when. */
  get tablets(): TabletView[] {
    return this.#book?.views ?? [];
  }

  /** What this tablet tells the others about itself (its per-day digests included). */
  get ownAdvert(): Advert | null {
    return this.#ownAdvert;
  }

  /** Says again who this tablet is (after its name or station changed). */
  readvertise(): void {
    this.#advertise(this.#digests?.digests);
  }

  /** Starts syncing the open site with the tablets of its room. */
  start(ledger: Ledger, site: Site, identity?: Identity): void {
    this.stop();
    if (identity) this.#identity = identity;
    this.#deviceId = ledger.deviceId;
    const book = new KnownTablets(site.id);
    this.#book = book;
    this.#node = new SyncNode(ledgerStore(ledger), {
      device: ledger.deviceId,
      onProblem: (p) => {
        console.warn('sync: refused', p.reason, p.doc, p.detail);
        this.#problems = [p, ...this.#problems].slice(0, 20);
      },
      onProgress: (p) => (this.#progress = p.received >= p.total ? null : p),
      advert: () => this.#ownAdvert,
      onAdvert: (advert, direct) => {
        book.hear(advert, direct, Date.now());
        this.#noteConnected();
      }
    });
    this.#digests = new DayDigests(ledger, (d) => this.#advertise(d));
    // Adverts also go out on a beat, so tablets heard only through others stay "reachable"
    // exactly as long as they are.
    this.#heartbeat = setInterval(() => {
      this.#advertise(this.#digests?.digests);
      book.refresh(Date.now());
    }, HEARTBEAT_MS);
    const node = this.#node;
    this.#link = new WebrtcLink({
      room: `bastion-${site.id}`,
      password: site.secret,
      signaling: site.signaling?.length ? site.signaling : defaultSignaling(),
      iceServers: site.iceServers ?? [],
      onTransport: (transport) => node.connect(transport),
      onPeers: (count) => {
        this.#peers = count;
        this.#noteConnected();
        if (count === 0) this.#progress = null;
        if (this.#status !== 'paused') this.#status = count > 0 ? 'connected' : 'searching';
      }
    });
    this.#status = 'searching';
  }

  /** Cuts sync in both directions until resumed (also how a partition is tested). */
  pause(): void {
    if (!this.#link) return;
    this.#status = 'paused';
    this.#progress = null;
    this.#link.pause();
    for (const s of this.#node?.sessions ?? []) s.destroy();
  }

  resume(): void {
    if (!this.#link) return;
    this.#status = 'searching';
    this.#link.resume();
  }

  /** Builds this tablet's advert from its digests and sends it to every peer. */
  #advertise(digests: ReadonlyMap<string, Digest> | undefined): void {
    if (!digests || !this.#node) return;
    const { name, station } = this.#identity();
    const days: Record<string, string> = {};
    let entries = 0;
    for (const [day, d] of digests) {
      days[day] = formatDigest(d);
      entries += d.count;
    }
    this.#ownAdvert = { device: this.#deviceId, name: name.slice(0, 64), station, entries, days, at: Date.now() };
    this.#node.advertise();
  }

  /** Tells the book which tablets are connected directly now (sessions that said HELLO). */
  #noteConnected(): void {
    const peers = [...(this.#node?.sessions ?? [])].filter((s) => !s.closed && s.peer).map((s) => s.peer!);
    this.#book?.setConnected(peers, Date.now());
  }

  stop(): void {
    this.#link?.destroy();
    this.#node?.destroy();
    this.#digests?.destroy();
    this.#digests = null;
    clearInterval(this.#heartbeat);
    this.#ownAdvert = null;
    this.#link = null;
    this.#node = null;
    this.#peers = 0;
    this.#status = 'off';
  }
}

export const sync = new SyncState();
