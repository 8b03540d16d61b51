/**
 * y-webrtc's own signaling encryption, for tests that forge what a tablet holding the site
 * secret could publish. The package's exports map hides the module; its types are in dist/.
 */
import type * as Crypto from '../../node_modules/y-webrtc/dist/src/crypto';
// @ts-expect-error the source module has no types beside it (they are built into dist/)
import * as source from '../../node_modules/y-webrtc/src/crypto.js';

export const { deriveKey, encryptJson } = source as typeof Crypto;
