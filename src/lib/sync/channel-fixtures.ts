/**
 * A pair of RTCDataChannel look-alikes over a real message channel of Node (a MessageChannel
 * or a BroadcastChannel), so that tests run the production `channelTransport` (webrtc.ts)
 * with no browser.
 *
 * What is copied from a data channel, because `channelTransport` depends on it:
 * - `readyState` starts `connecting`; both ends open together a task later, with an `open`
 *   event (a negotiated channel; sends before then are the caller's to hold back).
 * - `send` copies the bytes of the view given (not its whole buffer) into a send buffer;
 *   `bufferedAmount` counts them until the "wire" has taken them, a piece per task, and
 *   `bufferedamountlow` fires when it falls to `bufferedAmountLowThreshold` or below.
 *   `send` on a channel that is not open throws InvalidStateError, as a browser does.
 * - A message that arrives when the channel is not open is dropped, as the spec says.
 * - `close()` moves to `closing`; what is buffered is still sent, then the wire closes and
 *   both ends fire `close` once and are `closed`.
 * - Received messages are ArrayBuffers in a MessageEvent (`binaryType` 'arraybuffer').
 *
 * `stall()` stops the wire (a congested link), `flow()` restarts it; `fail()` fires `error`
 * on an open channel (the close that follows it is the test's to make).
 */

/** Bytes the wire takes from a send buffer per task (a congested link moves few per turn). */
const WIRE_PIECE = 256 * 1024;

/** One end of a message channel, reduced to what a data channel needs. */
interface Wire {
  post(data: ArrayBuffer): void;
  onData(handler: (data: ArrayBuffer) => void): void;
  close(): void;
  onClosed(handler: () => void): void;
}

function portWires(): [Wire, Wire] {
  const { port1, port2 } = new MessageChannel();
  const wire = (port: MessagePort): Wire => ({
    post: (data) => port.postMessage(data, [data]),
    onData: (handler) => (port.onmessage = (e: MessageEvent) => handler(e.data as ArrayBuffer)),
    close: () => port.close(),
    // Node fires `close` on both ports once either is closed.
    onClosed: (handler) => port.addEventListener('close', handler, { once: true })
  });
  return [wire(port1), wire(port2)];
}

let rooms = 0;
/** Two BroadcastChannels of one name; a channel does not hear its own posts. It does not hear a close either: a last message says it. */
function broadcastWires(): [Wire, Wire] {
  const name = `bastion-channel-fixture-${++rooms}`;
  const wire = (): Wire => {
    const channel = new BroadcastChannel(name);
    let closed = () => {};
    let open = true;
    const shut = () => {
      if (!open) return;
      open = false;
      channel.close();
      setTimeout(closed);
    };
    let onData: (data: ArrayBuffer) => void = () => {};
    channel.onmessage = (e: MessageEvent) => (e.data === 'closed' ? shut() : onData(e.data as ArrayBuffer));
    return {
      post: (data) => open && channel.postMessage(data), // a wire that ended carries nothing
      onData: (handler) => (onData = handler),
      close() {
        if (open) channel.postMessage('closed');
        shut();
      },
      onClosed: (handler) => (closed = handler)
    };
  };
  return [wire(), wire()];
}

/** An RTCDataChannel look-alike on one end of a wire (see the header). */
export class FakeDataChannel extends EventTarget {
  readyState: RTCDataChannelState = 'connecting';
  binaryType: BinaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  /** The most bytes ever waiting in the send buffer. */
  peakBuffered = 0;
  #buffer: ArrayBuffer[] = [];
  #stalled = false;
  #flushing = false;

  constructor(readonly wire: Wire) {
    super();
    wire.onData((data) => {
      if (this.readyState !== 'open') return;
      const event = new MessageEvent('message', { data });
      this.onmessage?.(event);
      this.dispatchEvent(event);
    });
    wire.onClosed(() => {
      this.readyState = 'closed';
      this.#buffer.length = 0;
      this.bufferedAmount = 0;
      const event = new Event('close');
      this.onclose?.(event);
      this.dispatchEvent(event);
    });
  }

  open(): void {
    if (this.readyState !== 'connecting') return;
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }

  send(data: ArrayBufferView): void {
    if (this.readyState !== 'open') throw new DOMException('the data channel is not open', 'InvalidStateError');
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.#buffer.push(copy.buffer);
    this.bufferedAmount += copy.byteLength;
    this.peakBuffered = Math.max(this.peakBuffered, this.bufferedAmount);
    this.#schedule();
  }

  close(): void {
    if (this.readyState === 'closing' || this.readyState === 'closed') return;
    this.readyState = 'closing';
    this.#stalled = false; // so that a congested channel still ends
    this.#schedule();
  }

  /** An error on the channel (an SCTP abort): `error` fires, and it stays open until closed. */
  fail(): void {
    const event = new Event('error');
    this.onerror?.(event);
    this.dispatchEvent(event);
  }

  stall(): void {
    this.#stalled = true;
  }

  flow(): void {
    this.#stalled = false;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#flushing || this.#stalled) return;
    this.#flushing = true;
    setTimeout(() => this.#flush());
  }

  /** The wire takes a piece of the buffer; a closing channel closes once it is empty. */
  #flush(): void {
    this.#flushing = false;
    if (this.readyState === 'closed' || this.#stalled) return;
    const before = this.bufferedAmount;
    for (let taken = 0; this.#buffer.length > 0 && taken < WIRE_PIECE; ) {
      const data = this.#buffer.shift()!;
      taken += data.byteLength;
      this.bufferedAmount -= data.byteLength;
      this.wire.post(data);
    }
    if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) this.dispatchEvent(new Event('bufferedamountlow'));
    if (this.#buffer.length > 0) this.#schedule();
    else if (this.readyState === 'closing') this.wire.close();
  }
}

/** A fake as the RTCDataChannel type `channelTransport` takes (it touches only what the fake has). */
export const asDataChannel = (fake: FakeDataChannel) => fake as unknown as RTCDataChannel;

/** Two joined fake data channels over a MessageChannel or a BroadcastChannel; both open a task later. */
export function fakeChannelPair(over: 'message-channel' | 'broadcast-channel'): [FakeDataChannel, FakeDataChannel] {
  const [x, y] = over === 'message-channel' ? portWires() : broadcastWires();
  const pair: [FakeDataChannel, FakeDataChannel] = [new FakeDataChannel(x), new FakeDataChannel(y)];
  setTimeout(() => pair.forEach((c) => c.open()));
  return pair;
}
