/**
 * How big a workbook would become once read, measured before it is read. An `.xlsx` is a ZIP of
 * XML; read-excel-file unzips every `.xml` part into memory and builds the sheet as arrays with
 * a slot for every cell up to the last row and column named. So a 3 KB file can say "1 GiB of
 * XML" or `<row r="10000000">` and take the tablet down (measured: 10 million rows, 24 s and
 * 2.9 GB of heap, from 3 KB). This reads what the file declares, and what it names, first.
 *
 * Algorithm:
 * 1. The ZIP's central directory, read as fflate (read-excel-file's unzipper) reads it: the end
 *    record found from the end, then one header per part with its declared sizes. The declared
 *    sizes of the parts read-excel-file unzips (`.xml`, `.xml.rels`) are summed.
 * 2. Each `.xml` part is inflated as a stream (never whole) and its `<row r>` and `<c r>` tags
 *    are scanned the way read-excel-file reads them (namespace prefixes dropped, character
 *    references decoded, `Number()` of the row part, the column letters in base 26). A part
 *    that inflates to more than it declared is counted as unmeasurable: its declaration lied.
 * 3. Rows are counted as read-excel-file numbers them (a `<row>` without `r` follows the one
 *    before it), cells as rows × the highest column, summed over the parts: the grid
 *    read-excel-file fills in.
 * Linear in the file: each regular expression below stops at the next `<` or `>`.
 */

/** What a workbook declares and names. `rows` and `cells` sum over its parts. */
export interface WorkbookSize {
  xmlBytes: number;
  rows: number;
  cells: number;
}

interface Part {
  name: string;
  method: number;
  /** bytes in the ZIP */
  size: number;
  /** bytes once unzipped: declared for a deflated part, its own size for a stored one (as fflate reads it) */
  unzipped: number;
  start: number;
}

const u16 = (d: Uint8Array, at: number) => (d[at]! | (d[at + 1]! << 8)) >>> 0;
const u32 = (d: Uint8Array, at: number) => (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;
const isXml = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

/** The parts of a ZIP as its central directory lists them; null where fflate would refuse it, or for ZIP64 (no roster needs it). */
function readDirectory(d: Uint8Array): Part[] | null {
  let end = d.length - 22;
  while (end > 0 && u32(d, end) !== 0x06054b50) if (d.length - --end > 65558) return null;
  if (end < 0 || u32(d, end) !== 0x06054b50) return null;
  if (u32(d, end - 20) === 0x07064b50) return null;
  const parts: Part[] = [];
  const count = u16(d, end + 8);
  for (let i = 0, at = u32(d, end + 16); i < count; i++) {
    if (at + 46 > d.length) return null;
    const nameLength = u16(d, at + 28);
    const name = new TextDecoder().decode(d.subarray(at + 46, at + 46 + nameLength));
    const [method, size, local] = [u16(d, at + 10), u32(d, at + 20), u32(d, at + 42)];
    parts.push({ name, method, size, unzipped: method === 0 ? size : u32(d, at + 24), start: local + 30 + u16(d, local + 26) + u16(d, local + 28) });
    at += 46 + nameLength + u16(d, at + 30) + u16(d, at + 32);
  }
  return parts;
}

/** read-excel-file's `parseCellAddress`: letters to a column in base 26 (any character counts), then `Number()` of the rest. */
function cellAddress(ref: string): [row: number, column: number] {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) break;
    column = column * 26 + c - 64;
  }
  return [Number(ref.slice(i)), column];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Math.min(0x10ffff, parseInt(e[1] === 'x' || e[1] === 'X' ? e.slice(2) : e.slice(1), e[1] === 'x' || e[1] === 'X' ? 16 : 10))) : ENTITIES[e.toLowerCase()]!
  );

// A `row` or `c` tag (any prefix), its attributes up to the next `>`; an `r` attribute (any prefix).
const TAG = /<(?:[^\s/<>:]+:)?(row|c)(?=[\s/>])([^<>]*)>/g;
const R_ATTRIBUTE = /(?:^|\s)(?:[^\s=<>:]+:)?r\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')/g;

/** Counts the rows and the highest column one sheet's XML names, fed in pieces. */
class SheetScan {
  rows = 0;
  columns = 0;
  #row = 0;
  #carry = '';

  feed(text: string): void {
    // Only whole tags are scanned; the rest waits for the next piece (and is never rescanned).
    const end = text.lastIndexOf('>');
    if (end < 0) {
      this.#carry += text;
      return;
    }
    this.#scan(this.#carry + text.slice(0, end + 1));
    this.#carry = text.slice(end + 1);
  }

  #scan(xml: string): void {
    for (const [, tag, attributes] of xml.matchAll(TAG)) {
      let named = 0;
      for (const [, double, single] of attributes!.matchAll(R_ATTRIBUTE)) {
        const value = decodeEntities(double ?? single ?? '');
        const [row, column] = tag === 'row' ? [Number(value), 0] : cellAddress(value);
        if (row > named) named = row;
        if (column > this.columns) this.columns = column;
      }
      if (tag === 'row') this.#row = named > 0 ? named : this.#row + 1;
      this.rows = Math.max(this.rows, this.#row, named);
    }
  }
}

/** True where the browser inflates raw deflate itself (Chrome 103+). */
function canInflate(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false; // an older browser: see scanPart
  }
}

/** The bytes of one part, as a stream; null for a compression fflate cannot read either. */
function partStream(d: Uint8Array<ArrayBuffer>, part: Part): ReadableStream<Uint8Array> | null {
  const bytes = d.slice(part.start, part.start + part.size);
  if (part.method === 0) return new Blob([bytes]).stream();
  if (part.method !== 8) return null;
  return new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
}

/** Inflates and scans one part; false if it is damaged or inflates past what it declared. */
async function scanPart(d: Uint8Array<ArrayBuffer>, part: Part, scan: SheetScan): Promise<boolean> {
  // Without an inflater of its own the browser cannot look inside: the declared sizes alone
  // then bound the file (a roster still imports; a sheet naming far rows is not caught).
  if (part.method === 8 && !canInflate()) return true;
  const stream = partStream(d, part);
  if (!stream) return false;
  const reader = stream.getReader();
  const text = new TextDecoder();
  let inflated = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      inflated += r.value.length;
      if (inflated > part.unzipped) return false;
      scan.feed(text.decode(r.value, { stream: true }));
    }
    scan.feed(text.decode());
    return true;
  } catch {
    return false; // damaged deflate data: the file is unreadable, as read-excel-file would find it
  } finally {
    void reader.cancel().catch(() => undefined); // stop inflating what is no longer read
  }
}

/**
 * What a workbook declares and names; null if it is not a ZIP fflate could read, or one of its
 * parts is damaged or larger than declared. Parts are scanned only while the declared XML is
 * within `maxXmlBytes` (beyond it the sizes alone refuse the file).
 */
export async function measureWorkbook(d: Uint8Array<ArrayBuffer>, maxXmlBytes: number): Promise<WorkbookSize | null> {
  const parts = readDirectory(d)?.filter((p) => isXml(p.name));
  if (!parts) return null;
  const size: WorkbookSize = { xmlBytes: parts.reduce((n, p) => n + p.unzipped, 0), rows: 0, cells: 0 };
  if (size.xmlBytes > maxXmlBytes) return size;
  for (const part of parts.filter((p) => p.name.endsWith('.xml'))) {
    const scan = new SheetScan();
    if (!(await scanPart(d, part, scan))) return null;
    size.rows += scan.rows;
    size.cells += scan.rows * scan.columns;
  }
  return size;
}
