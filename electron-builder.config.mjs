// Packaging with electron-builder (`npm run package`, after `npm run build`). It downloads
// Electron's binary from GitHub, so it runs only where GitHub is reachable (not on the
// machines without it), on Node ≥ 22.12 like Electron 45 itself.
// The app goes into app.asar; the afterPack hook (scripts/fuses.mjs) sets Electron's
// fuses — run-as-node off, NODE_OPTIONS and --inspect off, cookie encryption on, asar
// integrity on, app only from asar, no extra file:// privileges.
/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'org.carnet.app',
  productName: 'Carnet',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // Native modules: Carnet has none; nothing is rebuilt.
  npmRebuild: false,
  afterPack: './scripts/fuses.mjs',
  // Invitation links (carnet://join?…) open Carnet: declared to the system at install
  // (macOS Info.plist, the Linux desktop entry); main/invitationLinks.ts reads them.
  protocols: [{ name: 'Carnet invitation', schemes: ['carnet'] }],
  linux: { target: ['AppImage', 'deb'], category: 'Office' },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', hardenedRuntime: true },
  win: { target: ['nsis'] },
};
