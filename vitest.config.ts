import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Unit tests need only kit's aliases ($lib); the PWA and paraglide plugins of the app build
// keep file watchers that delay vitest's exit.
export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Property and fuzz suites run thousands of cases; on a 2-core CI machine under load a
    // suite that takes 2 s alone can pass vitest's 5 s default. A bound, not a speed goal.
    testTimeout: 30_000
  }
});
