/**
 * Where the app's copy of ZXing's `.wasm` is, as an absolute address: the decode worker
 * resolves addresses against its own location, so it is handed this one, and imports none
 * itself (each bundle that imports the file gets its own ~950 KB copy to precache).
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export const zxingWasmUrl = (): string => new URL(wasmUrl, document.baseURI).href;
