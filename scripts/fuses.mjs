// Electron fuses for the packaged app, in one place: electron-builder's afterPack hook
// (electron-builder.config.mjs) flips them in the Electron binary it just copied, before
// signing. test/unit/fuses.test.ts checks each value. Fuses are bits in the binary that
// no command-line flag or environment variable can turn back on.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** @type {import('@electron/fuses').FuseV1Config & { strictlyRequireAllFuses: true }} */
export const FUSES = {
  version: FuseVersion.V1,
  // Every fuse of this Electron must be given a value: a new one fails the packaging.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js with the app's trust.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (and other Chromium storage secrets) encrypted with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS cannot inject code into the main process…
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // …nor --inspect/--inspect-brk open a debugger on it.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash recorded at packaging (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only the packaged app.asar is loaded, never a loose app/ folder put beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // No custom V8 snapshot for the browser process: Carnet ships none.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// pages get no extra privileges (Carnet is served from app://).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron executable electron-builder produced, for its platform. */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
    case 'win32':
      return join(appOutDir, `${name}.exe`);
    default:
      return join(appOutDir, packager.executableName ?? name);
  }
}

/** electron-builder's afterPack hook. `flip` is injectable for the unit test. */
export async function afterPack(context, flip = flipFuses) {
  const binary = electronBinaryPath(context);
  // Flipping fuses breaks macOS's ad-hoc signature on arm64: re-sign ad hoc (the real
  // signature, if any, is applied after this hook).
  const arm64 = [3, 4, 'arm64', 'universal'].includes(context.arch);
  const resetAdHocDarwinSignature = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && arm64;
  await flip(binary, { ...FUSES, resetAdHocDarwinSignature });
}

export default afterPack;
