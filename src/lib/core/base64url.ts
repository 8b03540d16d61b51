/**
 * base64url without padding (RFC 4648 §5): how keys and signatures sit in the site doc and
 * in join codes, as short text. Node 20 and older Chrome lack Uint8Array.fromBase64.
 */

/** The base64url text of `bytes`. */
export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The bytes of base64url `text`, or null if it is not that (padding, other characters, a stray length). */
export function fromBase64url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // Only the canonical text of its bytes: the unused low bits of the last character are zero.
  return toBase64url(out) === text ? out : null;
}
