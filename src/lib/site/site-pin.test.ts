import { describe, expect, it } from 'vitest';
import { testRegistry } from './registry-fixtures';
import { SitePin } from './site-pin.svelte';

describe('SitePin', () => {
  it('with no PIN set, anything passes (a site without a supervisor PIN voids freely)', async () => {
    const pin = await SitePin.load(testRegistry().registry, 'site0001');
    expect(pin.isSet).toBe(false);
    expect(await pin.check('')).toBe(true);
  });

  it('once set, only that PIN passes, and it stays set after a reload', async () => {
    const { registry, reopen } = testRegistry();
    const pin = await SitePin.load(registry, 'site0001');
    await pin.set('2468');
    expect(pin.isSet).toBe(true);
    expect(await pin.check('2468')).toBe(true);
    expect(await pin.check('1357')).toBe(false);
    registry.close();

    const again = await SitePin.load(reopen(), 'site0001');
    expect(again.isSet).toBe(true);
    expect(await again.check('2468')).toBe(true);
    expect(await again.check('')).toBe(false);
  });

  it('refuses a PIN that is not 4 to 8 digits and stays unset', async () => {
    const pin = await SitePin.load(testRegistry().registry, 'site0001');
    await expect(pin.set('12a4')).rejects.toThrow(RangeError);
    await expect(pin.set('123')).rejects.toThrow(RangeError);
    expect(pin.isSet).toBe(false);
  });

  it("is one site's: another site on the same tablet has its own", async () => {
    const { registry } = testRegistry();
    await (await SitePin.load(registry, 'site0001')).set('2468');
    const other = await SitePin.load(registry, 'site0002');
    expect(other.isSet).toBe(false);
    expect(await other.check('1357')).toBe(true);
  });
});
