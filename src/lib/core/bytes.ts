/** Byte helpers shared by the codecs and their test fixtures. */

/** The bytes of `parts` one after another (a part may be a plain list of byte values). */
export function concatBytes(...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
