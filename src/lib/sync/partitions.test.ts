import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import type { SyncNode, SyncProblem } from './node';
import { connect, entriesState, ledgerEntryIds, makeLedgerPeer, makePeer } from './sync-fixtures';

type Link = ReturnType<typeof connect>;
type Step = { kind: 'write'; peer: number; n: number; day: number } | { kind: 'toggle'; a: number; b: number } | { kind: 'deliver'; pick: number; count: number };

const DAYS = ['day:2026-11-21', 'day:2026-11-22'];
const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

/** What the mesh needs of a peer: an in-memory one or one on a ledger. */
interface MeshPeer {
  node: SyncNode;
  problems: SyncProblem[];
  write(n: number, day: string): string[] | Promise<string[]>;
}

/** Peers joined by manual links: the test decides what is connected and what arrives when. */
class Mesh {
  links = new Map<string, Link>();
  written = new Set<string>();
  constructor(readonly peers: MeshPeer[]) {}

  toggle(a: number, b: number): void {
    if (a === b) return;
    const k = key(a, b);
    const link = this.links.get(k);
    if (link) {
      link.close(); // messages in flight are lost with the connection
      this.links.delete(k);
    } else this.links.set(k, connect(this.peers[a]!, this.peers[b]!, false));
  }

  /** Delivers up to `count` messages from links picked by `pick`, each fully handled. */
  async deliver(pick: number, count: number): Promise<boolean> {
    let any = false;
    for (let i = 0; i < count; i++) {
      const ends = [...this.links.values()].flatMap((l) => [l.pair.a, l.pair.b]).filter((e) => e.inbox.length > 0);
      if (ends.length === 0) break;
      ends[(pick + i) % ends.length]!.deliver();
      any = true;
      await Promise.all(this.peers.map((p) => p.node.idle()));
    }
    return any;
  }

  /** Delivers until nothing is in flight, not even after a task (a ledger's writes take several). */
  async drain(pick: number): Promise<void> {
    for (let quiet = 0; quiet < 2; ) {
      await Promise.all(this.peers.map((p) => p.node.idle()));
      if (await this.deliver(pick++, 50)) quiet = 0;
      else {
        quiet++;
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  }

  /** Runs the steps, then heals into a chain in the order `order` picks and delivers everything. */
  async play(steps: readonly Step[], order: number): Promise<void> {
    for (const s of steps) {
      if (s.kind === 'write') (await this.peers[s.peer]!.write(s.n, DAYS[s.day]!)).forEach((id) => this.written.add(id));
      else if (s.kind === 'toggle') this.toggle(s.a, s.b);
      else await this.deliver(s.pick, s.count);
    }
    // Heal into a chain in a random order: the ends never meet, only relays join them.
    const chain = permutation(this.peers.length, order);
    for (const k of [...this.links.keys()]) this.toggle(Number(k[0]), Number(k[2]));
    for (let i = 0; i + 1 < chain.length; i++) this.toggle(chain[i]!, chain[i + 1]!);
    await this.drain(order);
  }
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), peer: fc.nat(3), n: fc.integer({ min: 1, max: 3 }), day: fc.nat(1) }),
  fc.record({ kind: fc.constant('toggle' as const), a: fc.nat(3), b: fc.nat(3) }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(20), count: fc.integer({ min: 1, max: 8 }) })
);

describe('peers with random partitions and message orders', () => {
  it('hold the same entries after healing, none lost, even when the final links form only a chain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.nat(23), async (steps, order) => {
        const peers = ['deva0001', 'devb0001', 'devc0001', 'devd0001'].map((d) => makePeer(d));
        const mesh = new Mesh(peers);
        await mesh.play(steps, order);

        const states = peers.map(entriesState);
        for (const s of states.slice(1)) expect(s).toEqual(states[0]);
        const held = new Set(Object.values(states[0]!).flatMap((day) => Object.keys(day)));
        expect(held).toEqual(mesh.written);
        expect(peers.flatMap((p) => p.problems)).toEqual([]);
        peers.forEach((p) => p.node.destroy());
      }),
      { numRuns: 60 }
    );
  }, 30_000);

  it('on ledgers (fake-indexeddb): every ledger holds the same entries after healing, in its docs and its index', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.nat(23), async (steps, order) => {
        const peers = await Promise.all([1, 2, 3, 4].map(() => makeLedgerPeer('pt')));
        try {
          const mesh = new Mesh(peers);
          await mesh.play(steps, order);

          const states = await Promise.all(peers.map((p) => ledgerEntryIds(p, DAYS)));
          for (const s of states.slice(1)) expect(s).toEqual(states[0]);
          for (const day of DAYS) expect(states[0]![day]!.index).toEqual(states[0]![day]!.doc);
          expect(new Set(DAYS.flatMap((day) => states[0]![day]!.doc))).toEqual(mesh.written);
          expect(peers.flatMap((p) => p.problems)).toEqual([]);
        } finally {
          peers.forEach((p) => p.node.destroy());
          await Promise.all(peers.map((p) => p.ledger.settled()));
          peers.forEach((p) => p.ledger.destroy());
          await deleteTestLedgers();
        }
      }),
      { numRuns: 20 }
    );
  }, 30_000);
});

/** The `index`-th permutation of 0..n-1 (factorial numbering). */
function permutation(n: number, index: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = n; k > 0; k--) {
    out.push(pool.splice(index % k, 1)[0]!);
    index = Math.floor(index / k);
  }
  return out;
}
