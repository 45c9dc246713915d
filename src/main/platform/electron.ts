import { app, shell } from 'electron';
import type { Platform } from './types';

export function createElectronPlatform(): Platform {
  return {
    appVersion: app.getVersion(),
    systemLocale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    platform: process.platform,
    openExternal: (url) => shell.openExternal(url),
  };
}
