// Types of scripts/fuses.mjs for the TypeScript tests.
import type { FuseConfig, FuseV1Config } from '@electron/fuses';

export const FUSES: FuseV1Config & { strictlyRequireAllFuses: true };

export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number | string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export function electronBinaryPath(context: PackContext): string;
export function afterPack(context: PackContext, flip?: (binary: string, config: FuseConfig) => Promise<unknown>): Promise<void>;
export default afterPack;
