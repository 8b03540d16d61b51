/**
 * Sync as the screens see it: whether this tablet is looking for peers, how many it is
 * connected to, catch-up progress, refused updates, and the "sync paused" switch. The work
 * is done by the sync layer (session.ts over webrtc.ts); this class only starts it for the
 * open site and reports.
 */
import type { Site } from '$lib/core/types';
import type { Ledger } from '$lib/sync/ledger';
import { ledgerStore } from '$lib/sync/ledger-store';
import { SyncNode, type SyncProblem, type SyncProgress } from '$lib/sync/session';
import { WebrtcLink } from '$lib/sync/webrtc';

type Status = 'off' | 'searching' | 'connected' | 'paused';

/** The signaling endpoint `npm start` serves beside the app. */
function defaultSignaling(): string[] {
  return [`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`];
}

export class SyncService {
  #status = $state<Status>('off');
  #peers = $state(0);
  #progress = $state<SyncProgress | null>(null);
  #problems = $state<SyncProblem[]>([]);
  #node: SyncNode | null = null;
  #link: WebrtcLink | null = null;

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

  /** Starts syncing the open site with the tablets of its room. */
  start(ledger: Ledger, site: Site): void {
    this.stop();
    this.#node = new SyncNode(ledgerStore(ledger), {
      device: ledger.deviceId,
      onProblem: (p) => {
        console.warn('sync: refused', p.reason, p.doc, p.detail);
        this.#problems = [p, ...this.#problems].slice(0, 20);
      },
      onProgress: (p) => (this.#progress = p.received >= p.total ? null : p)
    });
    const node = this.#node;
    this.#link = new WebrtcLink({
      room: `bastion-${site.id}`,
      password: site.secret,
      signaling: defaultSignaling(),
      onTransport: (transport) => node.connect(transport),
      onPeers: (count) => {
        this.#peers = count;
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

  stop(): void {
    this.#link?.destroy();
    this.#node?.destroy();
    this.#link = null;
    this.#node = null;
    this.#peers = 0;
    this.#status = 'off';
  }
}

export const sync = new SyncService();
