// The renderer's door to main: `window.carnet`, built by the preload from the contract
// (or, in the e2e harness, by a stand-in that forwards to the same handlers).
import type { Api } from '../shared/ipc';

declare global {
  interface Window {
    carnet?: Api;
  }
}

export function carnet(): Api {
  if (!window.carnet) throw new Error('window.carnet is missing: the preload did not run.');
  return window.carnet;
}

/** Bytes that came from main as a Blob. (Transferred bytes never sit in shared memory,
 *  whatever their static type says.) */
export function blobOf(bytes: Uint8Array, type = ''): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}
