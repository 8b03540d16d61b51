import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_CODE_LENGTH, cleanCode, formatPersonCode, parseCode } from './code';

describe('parseCode', () => {
  it('reads a personal code, in either case', () => {
    const text = formatPersonCode('demo0001', 'k3x9a2b1');
    expect(text).toBe('BST:DEMO0001:K3X9A2B1');
    expect(parseCode(text)).toMatchObject({ kind: 'person', siteId: 'demo0001', personId: 'k3x9a2b1' });
    expect(parseCode(text.toLowerCase())).toMatchObject({ kind: 'person', personId: 'k3x9a2b1' });
  });

  it('strips scanner prefixes, ECI escapes, control and invisible characters', () => {
    expect(cleanCode(']Q1BST:A1B2:C3D4\r\n')).toBe('BST:A1B2:C3D4');
    expect(cleanCode('\\000026BST:A1B2:C3D4')).toBe('BST:A1B2:C3D4');
    expect(cleanCode('BST:\u200bA1B2:\u202eC3D4\u0007')).toBe('BST:A1B2:C3D4');
  });

  it('folds full-width characters typed through a Chinese IME', () => {
    expect(parseCode('ＢＳＴ：ＡＢＣＤ：１２３４')).toMatchObject({ kind: 'person', siteId: 'abcd', personId: '1234' });
  });

  it('keeps hostile text as text and classifies it as unknown', () => {
    const xss = '<img src=x onerror=alert(1)>';
    expect(parseCode(xss)).toEqual({ kind: 'unknown', text: xss });
  });

  it('refuses overlong input without keeping it', () => {
    const r = parseCode('A'.repeat(MAX_CODE_LENGTH + 1));
    expect(r.kind).toBe('too-long');
    expect(r.text.length).toBeLessThanOrEqual(64);
    expect(parseCode('x'.repeat(1_000_000)).kind).toBe('too-long');
  });

  it('treats blank input as nothing scanned', () => {
    expect(parseCode(' \r\n\t').kind).toBe('empty');
  });

  it('never throws and never returns more than the cap', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const r = parseCode(s);
        expect(r.text.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
      })
    );
    // 100 strings of up to 2,000 code points: ~1 s alone, several on a loaded 2-core machine.
  }, 30_000);

  it('rejects personal codes with malformed parts', () => {
    expect(parseCode('BST:demo0001:').kind).toBe('unknown');
    expect(parseCode('BST:de/mo:abcd').kind).toBe('unknown');
    expect(parseCode('BST:demo0001:abcd:extra').kind).toBe('unknown');
  });
});
