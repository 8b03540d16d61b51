import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/i18n/paraglide',
      // A kiosk has no server and no locale in its URLs: the choice is remembered on the tablet.
      strategy: ['localStorage', 'baseLocale']
    }),
    sveltekit(),
    SvelteKitPWA({
      registerType: 'autoUpdate',
      // From the root, whatever page is open: kit's relative paths would otherwise make a first
      // visit to /roster/import register /roster/sw.js (a 404) and never install offline.
      base: '/',
      scope: '/',
      // Without spa/adapterFallback index.html is not precached and an offline reload fails.
      kit: { spa: true, adapterFallback: 'index.html' },
      manifest: {
        name: 'Bastion 门岗',
        short_name: 'Bastion',
        description: '离线优先的卡口与核酸采样点登记 · Offline-first gate and sampling point ledger',
        lang: 'zh-CN',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        orientation: 'any',
        background_color: '#0b1220',
        theme_color: '#0b1220',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }]
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json,wav,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html'
      }
    })
  ]
});
