/**
 * The one shape a value from a peer may have to be decoded: a plain record whose fields are
 * its own.
 *
 * Why: a decoder that builds objects by assignment (lib0's `readAny`, which Yjs uses for every
 * value in an update) turns a `__proto__` key into the object's prototype. The object then
 * reads like a well-formed entry through its inherited fields, but every copy of it keeps
 * only own fields: IndexedDB's structured clone, and the update this tablet re-encodes for the
 * next one, which that tablet refuses (and with it the whole piece of a catch-up). So a value
 * is accepted only if what a copy of it keeps is what was judged.
 */

/** True for an object of the plain prototype (or none): what JSON, structured clone and the wire make. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
