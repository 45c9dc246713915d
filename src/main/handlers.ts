// What main does for the renderer, free of Electron: `ipc.ts` registers these on
// ipcMain, and the e2e harness calls the very same functions through a page binding.
import { fail, type Method, type Request, type Responses, type Result } from '../shared/ipc';
import type { Locale } from '../shared/model';
import { parseAllowedUrl } from '../shared/urls';
import { IMAGE_DIALOG, readPickedImages } from './pickedImages';
import { createBackupHandlers } from './backup/handlers';
import { createExportHandlers } from './export/handlers';
import { OpenJobs } from './export/openJobs';
import { writeFileAtomic } from './atomicFiles';
import { ImportSessions } from './import/session';
import type { Platform } from './platform/types';
import { parseSyncOrigin } from '../shared/sync/invitation';
import { startInAppServer } from './sync/inApp';
import { syncOriginOf } from './sync/origin';

export type Handlers = {
  [M in Method]: (payload: Request<M>) => Promise<Result<Responses[M]>>;
};

export function createHandlers(platform: Platform): Handlers {
  const imports = new ImportSessions(platform);
  // The journal's exports and the automatic snapshots are written by the same jobs.
  const jobs = new OpenJobs();
  // The language the user chose in the renderer: the menu's and main's own dialogs'.
  let locale: Locale = platform.systemLocale.startsWith('fr') ? 'fr' : 'en';
  return {
    async appInfo() {
      return {
        ok: true,
        value: {
          version: platform.appVersion,
          systemLocale: platform.systemLocale,
          platform: platform.platform,
        },
      };
    },

    async openExternal({ url }) {
      const parsed = parseAllowedUrl(url);
      if (!parsed) {
        return fail('forbiddenUrl', 'Only http, https and mailto links can be opened.', {
          url: url.slice(0, 200),
        });
      }
      await platform.openExternal(parsed.href);
      return { ok: true, value: null };
    },

    async setMenuLanguage({ locale: chosen }) {
      locale = chosen;
      platform.setMenuLanguage(chosen);
      return { ok: true, value: null };
    },

    async quitReady() {
      platform.quitReady();
      return { ok: true, value: null };
    },

    async saveTextFile({ suggestedName, content, extension }) {
      const path = await platform.showSaveDialog({
        defaultName: suggestedName,
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
      });
      if (!path) return { ok: true, value: null };
      await writeFileAtomic(path, content);
      return { ok: true, value: path };
    },

    chooseImport: ({ kind, timeZone }) => imports.choose(kind, timeZone),
    planDroppedFile: ({ name, bytes, timeZone }) => imports.dropped(name, bytes, timeZone),
    remapCsvImport: ({ importId, mapping, timeZone }) => imports.remap(importId, mapping, timeZone),
    readImportAttachment: ({ importId, path }) => imports.attachment(importId, path),
    async closeImport({ importId }) {
      await imports.close(importId);
      return { ok: true, value: null };
    },

    async setSyncServer({ url }) {
      const origin = url === null ? null : parseSyncOrigin(url);
      if (url !== null && !origin) return fail('badPayload', 'Not a sync server address: ws:// or wss://, a host and a port.', { url: url.slice(0, 200) });
      return { ok: true, value: { reload: await syncOriginOf(platform.dataDir).set(origin) } };
    },

    async startSyncServer() {
      return startInAppServer(platform.dataDir, (line) => console.log(`[carnet] sync server: ${line}`));
    },

    async takeInvitationLink() {
      return { ok: true, value: platform.invitations.take() };
    },

    async pickImages() {
      return readPickedImages(await platform.showOpenDialog(IMAGE_DIALOG));
    },

    ...createExportHandlers(platform, jobs, () => locale),
    ...createBackupHandlers(platform, jobs),
  };
}
