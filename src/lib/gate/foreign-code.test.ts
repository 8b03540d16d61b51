import { describe, expect, it } from 'vitest';
import { foreignCodeOf } from './foreign-code';

describe('foreignCodeOf', () => {
  it('names a health-code web address, another address, a product barcode, and the rest', () => {
    expect(foreignCodeOf('https://jkm.sh.gov.cn/qr?c=AB12')).toBe('health-code');
    expect(foreignCodeOf('https://example.com/menu')).toBe('web-address');
    expect(foreignCodeOf('www.taobao.com')).toBe('web-address');
    expect(foreignCodeOf('6901234567892')).toBe('product-barcode');
    expect(foreignCodeOf('12345678')).toBe('product-barcode');
    expect(foreignCodeOf('TUBE-000123')).toBe('unknown');
  });
});

describe('foreignCodeOf at its edges', () => {
  it('reads web addresses in any case, with or without the scheme', () => {
    expect(foreignCodeOf('HTTPS://JKM.SH.GOV.CN/QR?C=AB12')).toBe('health-code');
    expect(foreignCodeOf('http://ykm.example.cn/x')).toBe('health-code');
    expect(foreignCodeOf('WWW.EXAMPLE.COM')).toBe('web-address');
    // Not a web address: a word that merely contains one's start.
    expect(foreignCodeOf('httpserver')).toBe('unknown');
  });

  it('takes EAN-8, UPC-A, EAN-13 and GTIN-14 digits as a product, and other runs of digits as nothing it can name', () => {
    for (const digits of ['12345678', '012345678905', '6901234567892', '16901234567899']) expect(foreignCodeOf(digits)).toBe('product-barcode');
    for (const digits of ['1234567', '123456789', '12345678901', '123456789012345']) expect(foreignCodeOf(digits)).toBe('unknown');
  });

  it('names a long health-app code with no address, but not a short text that happens to hold the word', () => {
    expect(foreignCodeOf('suishenma:8f2a9c01d3e4b5a6c7d8e9f0')).toBe('health-code');
    expect(foreignCodeOf('health-1')).toBe('unknown');
  });
});
