import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: every route renders in the browser, so the service worker can
    // answer any deep link offline with index.html.
    adapter: adapter({ fallback: 'index.html' }),
    // @vite-pwa/sveltekit generates and registers the service worker; kit's own must stay off.
    serviceWorker: { register: false }
  }
};
