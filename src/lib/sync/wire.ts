/**
 * The sync protocol's messages on the wire, and the few byte helpers they need (the same
 * varint layout as lib0, which Yjs uses; lib0 is not a dependency of ours, so not imported).
 *
 * Every message: a type byte, the doc name (varstring; '' for HELLO), then the body:
 *
 * | type    | body                                            | meaning                                  |
 * | ------- | ----------------------------------------------- | ---------------------------------------- |
 * | HELLO   | device (varstring), doc count (varuint)         | who I am, how many STATEs follow          |
 * | STATE   | state vector (varbytes)                         | what I hold of this doc: send what I lack |
 * | CHUNK   | items in all (varuint), in this one, update     | a piece of the answer to a STATE          |
 * | DONE    | —                                               | the answer to a STATE is complete          |
 * | UPDATE  | update (varbytes)                               | a live change (own or relayed)            |
 * | ADVERT  | advert as JSON text (varstring, ≤ 8 KiB)        | a tablet's name, station, digests (advert.ts), own or relayed |
 *
 * Decoding treats its input as hostile: anything longer than a message may be is refused by
 * its length before it is read, and anything that is not exactly one message is null (the
 * session names the refusal: too-large, bad-message).
 */
import { MAX_MESSAGE } from './validate';

export const MSG = { HELLO: 0, STATE: 1, CHUNK: 2, DONE: 3, UPDATE: 4, ADVERT: 5 } as const;

/** One protocol message. */
export type Message =
  | { type: typeof MSG.HELLO; doc: ''; device: string; docs: number }
  | { type: typeof MSG.STATE; doc: string; stateVector: Uint8Array }
  | { type: typeof MSG.CHUNK; doc: string; total: number; items: number; update: Uint8Array }
  | { type: typeof MSG.DONE; doc: string }
  | { type: typeof MSG.UPDATE; doc: string; update: Uint8Array }
  | { type: typeof MSG.ADVERT; doc: ''; advert: string };

/** Longest doc name or device id on the wire (`day:YYYY-MM-DD` is 14). */
const MAX_NAME = 64;
/** Longest advert text: two months of day digests fit in a fraction of it. */
export const MAX_ADVERT = 8 * 1024;

/** A growable byte writer with lib0-compatible varuints. */
export class Bytes {
  #buf = new Uint8Array(256);
  #len = 0;

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  byte(b: number): this {
    this.#room(1);
    this.#buf[this.#len++] = b;
    return this;
  }

  uint(n: number): this {
    this.#room(8);
    while (n > 0x7f) {
      this.#buf[this.#len++] = 0x80 | (n % 0x80);
      n = Math.floor(n / 0x80);
    }
    this.#buf[this.#len++] = n;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.#room(bytes.length);
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
    return this;
  }

  bytes(bytes: Uint8Array): this {
    return this.uint(bytes.length).raw(bytes);
  }

  string(s: string): this {
    return this.bytes(new TextEncoder().encode(s));
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

class Truncated extends Error {
  override name = 'Truncated';
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.buf.length) throw new Truncated();
    return this.buf[this.pos++]!;
  }

  uint(): number {
    let n = 0;
    for (let shift = 1; ; shift *= 0x80) {
      const b = this.byte();
      n += (b & 0x7f) * shift;
      if (b < 0x80) break;
      if (shift > 2 ** 42) throw new Truncated(); // a ninth byte: past 2^53
    }
    // The eighth byte can still carry past 2^53, where counts and clocks stop being exact.
    if (!Number.isSafeInteger(n)) throw new Truncated();
    return n;
  }

  bytes(max = Infinity): Uint8Array {
    const n = this.uint();
    if (n > max || this.pos + n > this.buf.length) throw new Truncated();
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(max: number): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.bytes(max));
  }
}

/** Encodes one message. */
export function encodeMessage(m: Message): Uint8Array {
  const w = new Bytes().byte(m.type).string(m.doc);
  switch (m.type) {
    case MSG.HELLO:
      return w.string(m.device).uint(m.docs).finish();
    case MSG.STATE:
      return w.bytes(m.stateVector).finish();
    case MSG.CHUNK:
      return w.uint(m.total).uint(m.items).bytes(m.update).finish();
    case MSG.DONE:
      return w.finish();
    case MSG.UPDATE:
      return w.bytes(m.update).finish();
    case MSG.ADVERT:
      return w.string(m.advert).finish();
  }
}

/** Decodes one message of at most `maxBytes`; null for anything else (never throws). */
export function decodeMessage(buf: Uint8Array, maxBytes = MAX_MESSAGE): Message | null {
  if (!(buf instanceof Uint8Array) || buf.length > maxBytes) return null;
  try {
    const r = new Reader(buf);
    const type = r.byte();
    const doc = r.string(MAX_NAME);
    let m: Message;
    if (type === MSG.HELLO && doc === '') m = { type, doc, device: r.string(MAX_NAME), docs: r.uint() };
    else if (type === MSG.STATE) m = { type, doc, stateVector: r.bytes() };
    else if (type === MSG.CHUNK) m = { type, doc, total: r.uint(), items: r.uint(), update: r.bytes() };
    else if (type === MSG.DONE) m = { type, doc };
    else if (type === MSG.UPDATE) m = { type, doc, update: r.bytes() };
    else if (type === MSG.ADVERT && doc === '') m = { type, doc, advert: r.string(MAX_ADVERT) };
    else return null;
    return r.pos === buf.length ? m : null;
  } catch {
    return null; // truncated, or a name that is not UTF-8
  }
}

/** Decodes a Yjs state vector (client → clock) from a peer; null if malformed. */
export function decodeStateVector(buf: Uint8Array): Map<number, number> | null {
  try {
    const r = new Reader(buf);
    const out = new Map<number, number>();
    for (let n = r.uint(); n > 0; n--) out.set(r.uint(), r.uint());
    return r.pos === buf.length ? out : null;
  } catch {
    return null;
  }
}
