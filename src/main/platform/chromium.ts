// The Chromium that runs Carnet outside Electron: Debian's, found at CHROMIUM_PATH, driven
// by playwright-core (which downloads no browser), to print journals (chromiumPdf.ts) and
// to host the renderer where Electron cannot run (browser.ts). The flags keep it from
// reaching the network on its own (updates, sync, background requests).
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Chromium cannot start its sandbox as root (CI containers): there, and only there, it
 *  runs without. */
const runningAsRoot = process.getuid?.() === 0;

export const CHROMIUM_ARGS: readonly string[] = [
  ...(runningAsRoot ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
