/**
 * Builds the benchmark's harness page (tests/bench/harness) with the app's own modules, so the
 * library-level figures are measured on exactly the code the app runs, in the same Chromium.
 * Served under /__bench/ from the app's origin: the harness can then seed the app's
 * IndexedDB before the app itself is measured.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where the harness is built (git-ignored with the other generated test files). */
const HARNESS_OUT = here('../.generated/bench-harness');

export default defineConfig({
  root: here('harness'),
  base: '/__bench/',
  logLevel: 'warn',
  // No svelte.config.js here: the harness has no components, only the app's `.svelte.ts` state
  // classes, which need the Svelte compiler but no preprocessing.
  plugins: [svelte({ configFile: false })],
  resolve: { alias: { $lib: here('../../src/lib') } },
  build: { outDir: HARNESS_OUT, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' }
});
