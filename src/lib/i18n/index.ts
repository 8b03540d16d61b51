/**
 * The message catalogue (paraglide-js, compiled from ./messages/{zh,en}.json). Chinese is
 * the base locale; the choice is stored on the tablet.
 */
export { m } from './paraglide/messages.js';
export { getLocale, setLocale, locales, type Locale } from './paraglide/runtime.js';
