import { describe, expect, it } from 'vitest';
import { writeTableCsv } from './report-csv';

describe('writeTableCsv', () => {
  it('writes a BOM, quotes what needs quoting and defuses formulas', async () => {
    const blob = writeTableCsv([
      ['行号', '原因'],
      ['3', '=HYPERLINK("x")'],
      ['4', 'a, b']
    ]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    expect(text).toBe('\uFEFF行号,原因\r\n3,"\'=HYPERLINK(""x"")"\r\n4,"a, b"\r\n');
  });
});
