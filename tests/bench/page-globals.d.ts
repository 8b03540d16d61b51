/** What the benchmark's scripts leave on the app's window (see in-page.js). */
interface BenchVerdict {
  /** performance.now() when the scan's Enter reached the page. */
  enter: number;
  /** … when the verdict was in the DOM. */
  dom: number;
  /** … at the next animation frame after that (the verdict painted). */
  frame: number;
  /** The verdict's kind (the panel's data-kind): accepted, refused … */
  kind: string;
  /** The crypto.subtle.verify made between the two (a signed pass's), if any. */
  verify?: { at: number; ms: number };
}

interface Window {
  __bench?: {
    enters: number[];
    verifies: { at: number; ms: number }[];
    ready: Promise<{ dom: number; frame: number }>;
    pending?: Promise<BenchVerdict>;
    floorDb?: IDBDatabase;
  };
}
