import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_CODE_LENGTH, cleanCode, formatPersonCode, parseCode, type ParsedCode } from './code';
import { HOSTILE_CHARS, fuzzRuns, hostileText, mutatedText } from './fuzz-fixtures';

const ID = /^[0-9a-z]{4,16}$/;
const id = fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'), minLength: 4, maxLength: 16 });
/** What scanners and IMEs put around or inside a code we printed. */
const decorated = (code: string) =>
  fc.tuple(fc.constantFrom('', ']Q1', ']C0', '\\000026'), fc.constantFrom('', '\r', '\n', '\r\n', '\t', ' '), fc.boolean(), fc.boolean()).map(([prefix, suffix, lower, wide]) => {
    let text = lower ? code.toLowerCase() : code;
    if (wide) text = Array.from(text, (c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    return prefix + text.replace(':', ':\u200b') + suffix;
  });

function expectOutcome(r: ParsedCode): void {
  expect(['person', 'unknown', 'too-long', 'empty']).toContain(r.kind);
  expect(r.text.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
  if (r.kind === 'person') {
    expect(r.siteId).toMatch(ID);
    expect(r.personId).toMatch(ID);
  }
}

describe('parseCode under fuzzing', () => {
  it('never throws and always answers one of its outcomes, for any text', () => {
    fc.assert(fc.property(hostileText(600), (s) => expectOutcome(parseCode(s))), { numRuns: fuzzRuns() });
  });

  it('reads back every personal code it prints, through scanner prefixes, IME full width and invisible characters', () => {
    fc.assert(
      fc.property(id, id, (site, person) => {
        fc.assert(
          fc.property(decorated(formatPersonCode(site, person)), (scanned) => {
            expect(parseCode(scanned)).toMatchObject({ kind: 'person', siteId: site, personId: person });
          }),
          { numRuns: 4 }
        );
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('a personal code with one hostile edit is refused or read as a well-formed code, never thrown on', () => {
    fc.assert(
      fc.property(
        id.chain((s) => mutatedText(formatPersonCode(s, 'k3x9a2b1'))),
        (text) => expectOutcome(parseCode(text))
      ),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('never lets an invisible or bidi character through into the text it keeps', () => {
    // The C0 and C1 controls, zero-width characters, bidi marks and overrides, and the BOM.
    const invisible = HOSTILE_CHARS.filter((c) => /^[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]$/u.test(c));
    fc.assert(
      fc.property(hostileText(100), (s) => {
        const text = cleanCode(s);
        for (const c of invisible) expect(text.includes(c)).toBe(false);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('refuses by its length alone anything over the cap, however blank or valid its start, and reads one at the cap', () => {
    const code = formatPersonCode('demo0001', 'k3x9a2b1');
    const atCap = code + ' '.repeat(MAX_CODE_LENGTH - code.length);
    expect(parseCode(atCap)).toMatchObject({ kind: 'person', personId: 'k3x9a2b1' });
    expect(parseCode(atCap + ' ').kind).toBe('too-long');
    expect(parseCode('\u200b'.repeat(MAX_CODE_LENGTH)).kind).toBe('empty');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS), minLength: 1, maxLength: 2000 }), fc.nat(3), (tail, which) => {
        const head = [code, '', ' '.repeat(MAX_CODE_LENGTH), '\u200b'.repeat(MAX_CODE_LENGTH)][which]!;
        const text = (head + tail).padEnd(MAX_CODE_LENGTH + 1, ' ');
        const r = parseCode(text);
        expect(r.kind).toBe('too-long');
        expect(r.text.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('regression: a burst of blanks over the cap is refused as too long, not passed over as nothing scanned', () => {
    expect(parseCode(' '.repeat(MAX_CODE_LENGTH + 1))).toEqual({ kind: 'too-long', text: '' });
    expect(parseCode('\u200b'.repeat(2000)).kind).toBe('too-long');
  });
});
