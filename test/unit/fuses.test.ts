// Electron fuses at packaging: scripts/fuses.mjs holds the values, and the afterPack hook
// that electron-builder.config.mjs names flips them in the packaged binary.
import { createRequire } from 'node:module';
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';
import builderConfig from '../../electron-builder.config.mjs';
import { afterPack, electronBinaryPath, FUSES } from '../../scripts/fuses.mjs';

describe('Electron fuses', () => {
  it.each([
    ['RunAsNode', FuseV1Options.RunAsNode, false],
    ['EnableCookieEncryption', FuseV1Options.EnableCookieEncryption, true],
    ['EnableNodeOptionsEnvironmentVariable', FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
    ['EnableNodeCliInspectArguments', FuseV1Options.EnableNodeCliInspectArguments, false],
    ['EnableEmbeddedAsarIntegrityValidation', FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
    ['OnlyLoadAppFromAsar', FuseV1Options.OnlyLoadAppFromAsar, true],
    ['GrantFileProtocolExtraPrivileges', FuseV1Options.GrantFileProtocolExtraPrivileges, false],
    ['LoadBrowserProcessSpecificV8Snapshot', FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, false],
  ] as const)('sets %s to %s', (_name, fuse, value) => {
    expect(FUSES[fuse]).toBe(value);
  });

  it('gives every fuse of the V1 wire a value, and fails packaging on a new one', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
    const fuses = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const fuse of fuses) expect(typeof FUSES[fuse as FuseV1Options], FuseV1Options[fuse]).toBe('boolean');
  });

  it('is applied by the afterPack hook of the packaging configuration, inside app.asar', () => {
    expect(builderConfig.afterPack).toBe('./scripts/fuses.mjs');
    expect(builderConfig.asar).toBe(true);
  });

  it('is a configuration electron-builder accepts (its own schema check)', async () => {
    // electron-builder's validator (app-builder-lib, installed with it): the same check
    // `npm run package` starts with, without downloading Electron.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(builderConfig, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...builderConfig, fusesTypo: true }, new DebugLogger(false))).rejects.toThrow();
  });

  it.each([
    ['linux', 1, '/dist/linux-unpacked/carnet', false],
    ['win32', 1, '/dist/win-unpacked/Carnet.exe', false],
    ['darwin', 1, '/dist/mac/Carnet.app/Contents/MacOS/Carnet', false],
    ['darwin', 3, '/dist/mac/Carnet.app/Contents/MacOS/Carnet', true],
  ] as const)('flips them in the %s binary (arch %s)', async (platform, arch, binary, resign) => {
    const appOutDir = binary.slice(0, binary.indexOf(platform === 'darwin' ? '/Carnet.app' : platform === 'win32' ? '/Carnet.exe' : '/carnet'));
    const context = { appOutDir, electronPlatformName: platform, arch, packager: { appInfo: { productFilename: 'Carnet' }, executableName: 'carnet' } };
    expect(electronBinaryPath(context)).toBe(binary);
    const flip = vi.fn(async (_binary: string, _config: FuseConfig) => undefined);
    await afterPack(context, flip);
    expect(flip).toHaveBeenCalledExactlyOnceWith(binary, { ...FUSES, resetAdHocDarwinSignature: resign });
  });
});
