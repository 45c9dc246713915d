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
