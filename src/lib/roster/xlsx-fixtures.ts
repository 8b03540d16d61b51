/**
 * Workbooks for tests, built part by part: a ZIP writer (stored or deflated parts, any declared
 * size) and the smallest `.xlsx` read-excel-file reads, so a test can write the sheet XML itself
 * (cells far away, rows that claim millions, parts that lie about their size: which is why it
 * is written here and not with fflate's zipSync, which writes only true sizes).
 */
import { concatBytes } from '$lib/core/bytes';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

/** Options of `zip`: deflate the parts, or declare another unzipped size for some. */
export interface ZipOptions {
  deflate?: boolean;
  declared?: Record<string, number>;
}

/** A ZIP of `files` (text is written as UTF-8). */
export async function zip(files: Record<string, string | Uint8Array<ArrayBuffer>>, opts: ZipOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const stored = opts.deflate ? await deflateRaw(data) : data;
    const nameBytes = new TextEncoder().encode(name);
    const fields = { method: opts.deflate ? 8 : 0, crc: crc32(data), size: stored.length, unzipped: opts.declared?.[name] ?? data.length };
    const local = new DataView(new ArrayBuffer(30));
    [[0, 0x04034b50, 4], [4, 20, 2], [6, 0x0800, 2], [8, fields.method, 2], [14, fields.crc, 4], [18, fields.size, 4], [22, fields.unzipped, 4], [26, nameBytes.length, 2]].forEach(([at, v, n]) => (n === 4 ? local.setUint32(at!, v!, true) : local.setUint16(at!, v!, true)));
    const central = new DataView(new ArrayBuffer(46));
    [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [8, 0x0800, 2], [10, fields.method, 2], [16, fields.crc, 4], [20, fields.size, 4], [24, fields.unzipped, 4], [28, nameBytes.length, 2], [42, offset, 4]].forEach(([at, v, n]) => (n === 4 ? central.setUint32(at!, v!, true) : central.setUint16(at!, v!, true)));
    locals.push(new Uint8Array(local.buffer), nameBytes, stored);
    centrals.push(new Uint8Array(central.buffer), nameBytes);
    offset += 30 + nameBytes.length + stored.length;
  }
  const directorySize = centrals.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  const count = Object.keys(files).length;
  [[0, 0x06054b50, 4], [8, count, 2], [10, count, 2], [12, directorySize, 4], [16, offset, 4]].forEach(([at, v, n]) => (n === 4 ? end.setUint32(at!, v!, true) : end.setUint16(at!, v!, true)));
  return concatBytes(...locals, ...centrals, new Uint8Array(end.buffer));
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (n: number): string => (n < 26 ? String.fromCharCode(65 + n) : column(Math.floor(n / 26) - 1) + String.fromCharCode(65 + (n % 26)));

/** The `<sheetData>` of rows of text cells (inline strings, so no shared strings part is needed). */
export function sheetData(rows: readonly (readonly string[])[]): string {
  const body = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((text, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`).join('')}</row>`).join('');
  return `<sheetData>${body}</sheetData>`;
}

/** The parts of the smallest workbook read-excel-file reads, with `sheetDataXml` as its one sheet's data. */
export function workbookParts(sheetDataXml: string): Record<string, string> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="底册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}">${sheetDataXml}</worksheet>`
  };
}

/** A workbook file of `sheetDataXml`. */
export async function workbookFile(sheetDataXml: string, opts: ZipOptions = {}, name = '底册.xlsx'): Promise<File> {
  return new File([await zip(workbookParts(sheetDataXml), opts)], name);
}
