// The signaling rooms (y-webrtc's topics): who is subscribed to what, bounded in the
// number of rooms and of subscribers per room. A room exists while it has a subscriber.

/**
 * @template T
 */
export class Rooms {
  /** @type {Map<string, Set<T>>} */
  #rooms = new Map();

  /**
   * @param {number} maxRooms
   * @param {number} maxPerRoom
   */
  constructor(maxRooms, maxPerRoom) {
    this.maxRooms = maxRooms;
    this.maxPerRoom = maxPerRoom;
  }

  /**
   * Adds `member` to `topic` if there is room for it.
   * @param {string} topic
   * @param {T} member
   * @returns {'ok' | 'rooms-full' | 'room-full'}
   */
  join(topic, member) {
    let members = this.#rooms.get(topic);
    if (!members) {
      if (this.#rooms.size >= this.maxRooms) return 'rooms-full';
      this.#rooms.set(topic, (members = new Set()));
    }
    if (members.has(member)) return 'ok';
    if (members.size >= this.maxPerRoom) return 'room-full';
    members.add(member);
    return 'ok';
  }

  /**
   * @param {string} topic
   * @param {T} member
   */
  leave(topic, member) {
    const members = this.#rooms.get(topic);
    if (!members) return;
    members.delete(member);
    if (members.size === 0) this.#rooms.delete(topic);
  }

  /**
   * The room's members, or undefined if nobody is in it.
   * @param {string} topic
   * @returns {ReadonlySet<T> | undefined}
   */
  get(topic) {
    return this.#rooms.get(topic);
  }

  get size() {
    return this.#rooms.size;
  }
}
