/**
 * What a code that is no pass of ours probably is, so the gate can say what to ask for
 * instead of a bare 禁止通行: a health-code or itinerary QR (a web address of a health app),
 * another web address, a product barcode (EAN/UPC digits), or nothing we can name.
 */
export type ForeignCode = 'health-code' | 'web-address' | 'product-barcode' | 'unknown';

const URL = /^(?:https?:\/\/|www\.)/i;
// Words in the addresses of the provincial health-code apps and mini-programs seen at gates.
const HEALTH = /jkm|health|hsm|xcm|itinerary|jiankang|code\.|ykm|sukangma|gdjkm|suishenma/i;
const PRODUCT = /^\d{8}$|^\d{12,14}$/;

/** Names what `text` (a scanned code, cleaned) most likely is. Pure. */
export function foreignCodeOf(text: string): ForeignCode {
  if (URL.test(text)) return HEALTH.test(text) ? 'health-code' : 'web-address';
  if (PRODUCT.test(text)) return 'product-barcode';
  if (HEALTH.test(text) && text.length > 24) return 'health-code';
  return 'unknown';
}
