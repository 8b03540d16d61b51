// A kiosk SPA: everything renders in the browser from local data; there is no server to
// render on, and the service worker serves index.html for every route offline.
export const ssr = false;
export const prerender = false;
