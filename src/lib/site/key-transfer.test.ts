import { describe, expect, it } from 'vitest';
import { generatePassKey } from '$lib/gate/passes';
import { KEY_TRANSFER_PREFIX, isTransferCode, newTransferCode, openKey, sealKey } from './key-transfer';

describe('key transfer', () => {
  it('opens with the code on a tablet that trusts the key, and with nothing else', async () => {
    const key = await generatePassKey();
    const held = { kid: key.kid, privateKey: key.privateKey, root: true };
    const code = newTransferCode();
    expect(isTransferCode(code)).toBe(true);
    const text = await sealKey('site0001', held, code);
    expect(text.startsWith(KEY_TRANSFER_PREFIX)).toBe(true);
    expect(text).not.toContain(code);
    const trusted = (kid: string) => kid === key.kid;

    const opened = await openKey(text, `${code.slice(0, 4)} ${code.slice(4)}`, 'site0001', trusted);
    expect(opened).toEqual({ ok: true, key: held });
    const wrong = code.replace(/^./, (d) => String((Number(d) + 1) % 10));
    expect(await openKey(text, wrong, 'site0001', trusted)).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await openKey(text, code, 'site0002', trusted)).toEqual({ ok: false, reason: 'other-site' });
    expect(await openKey(text, code, 'site0001', () => false)).toEqual({ ok: false, reason: 'not-a-site-key' });
    // One character of the sealed part changed: the tag fails, as for a wrong code.
    const changed = text.slice(0, 30) + (text[30] === 'A' ? 'B' : 'A') + text.slice(31);
    expect(await openKey(changed, code, 'site0001', trusted)).toMatchObject({ ok: false });
    for (const junk of ['', 'BPK1.', 'BSTJ1.abc', 'BPK1.@@@', 'BPK1.' + 'A'.repeat(800)]) {
      expect(await openKey(junk, code, 'site0001', trusted)).toEqual({ ok: false, reason: 'not-a-key-code' });
    }
    expect(await openKey(text, '1234', 'site0001', trusted)).toEqual({ ok: false, reason: 'wrong-code' });
  }, 30_000);
});
