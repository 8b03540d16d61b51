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
