import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlanRequest } from '../../src/main/import/planRequest';
import type { Platform } from '../../src/main/platform/types';

/** A Platform for unit tests: dialogs cancelled, nothing opened, unless overridden. */
export function fakePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    appVersion: '1.2.3',
    dataDir: mkdtempSync(join(tmpdir(), 'carnet-data-')),
    systemLocale: 'fr-FR',
    platform: 'linux',
    openExternal: async () => undefined,
    setMenuLanguage: () => undefined,
    quitReady: () => undefined,
    showOpenDialog: async () => [],
    showSaveDialog: async () => null,
    openForPrinting: async () => {
      throw new Error('printing is not available in this test');
    },
    showItemInFolder: () => undefined,
    planImport: (request) => runPlanRequest(request),
    ...overrides,
  };
}
