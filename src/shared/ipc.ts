// THE contract between the renderer and main. The preload builds `window.carnet` from
// it, main validates every payload with its schema, and renderer code calls methods by
// name: no channel string is written anywhere else.
import { z } from 'zod';
import { CSV_FIELDS, type ImportPlan } from './importPlan';
import { journalOptionsSchema } from './journal/options';
import { EXPORT_FORMATS } from './journal/formats';
import { exportRecordsSchema, type AttachmentMeta, type ExportRecords } from './journal/records';
import type { Result } from './result';

// The contract's answers: a value, or an error a person can read (result.ts).
export { ERROR_CODES, fail, type CarnetError, type ErrorCode, type Result } from './result';

export interface AppInfo {
  version: string;
  /** The system's preferred language, before the user picks one. */
  systemLocale: string;
  platform: string;
}

const maxUrlLength = 4096;

/** What the user can import from a file dialog (photos and backups have their own ways in). */
export const IMPORT_KINDS = ['programme', 'lessons', 'notes', 'notesFolder'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** A planned import, held by main under `importId` until applied or closed. */
export interface PlannedImport {
  importId: string;
  plan: ImportPlan;
}

/** Each method: its channel and the schema of its single payload argument. */
export const contract = {
  appInfo: {
    channel: 'carnet:app-info',
    request: z.undefined(),
  },
  openExternal: {
    channel: 'carnet:open-external',
    request: z.object({ url: z.string().min(1).max(maxUrlLength) }).strict(),
  },
  setMenuLanguage: {
    channel: 'carnet:set-menu-language',
    request: z.object({ locale: z.enum(['fr', 'en']) }).strict(),
  },
  /** Asks the user for photos in a system dialog; answers their bytes ([] if cancelled). */
  pickImages: {
    channel: 'carnet:pick-images',
    request: z.undefined(),
  },
  chooseImport: {
    channel: 'carnet:choose-import',
    request: z.object({ kind: z.enum(IMPORT_KINDS), timeZone: z.string().min(1).max(100) }).strict(),
  },
  planDroppedFile: {
    channel: 'carnet:plan-dropped-file',
    request: z
      .object({
        name: z.string().min(1).max(255),
        bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_IMPORT_BYTES, 'over 100 MB'),
        timeZone: z.string().min(1).max(100),
      })
      .strict(),
  },
  remapCsvImport: {
    channel: 'carnet:remap-csv-import',
    request: z
      .object({
        importId: z.string().uuid(),
        mapping: z.record(z.enum(CSV_FIELDS), z.number().int().min(0).max(1000).nullable()),
        timeZone: z.string().min(1).max(100),
      })
      .strict(),
  },
  readImportAttachment: {
    channel: 'carnet:read-import-attachment',
    request: z.object({ importId: z.string().uuid(), path: z.string().min(1).max(4096) }).strict(),
  },
  closeImport: {
    channel: 'carnet:close-import',
    request: z.object({ importId: z.string().uuid() }).strict(),
  },
  saveTextFile: {
    channel: 'carnet:save-text-file',
    request: z
      .object({
        suggestedName: z.string().min(1).max(200),
        content: z.string().max(50 * 1024 * 1024),
        /** The file type offered in the dialog, e.g. 'csv'. */
        extension: z.string().regex(/^[a-z0-9]{1,8}$/),
      })
      .strict(),
  },
  /** Starts an export: main asks where to save (null: the user cancelled), builds the
   *  journal and answers which photos it needs, to be sent one by one. */
  exportBegin: {
    channel: 'carnet:export-begin',
    request: z
      .object({
        records: exportRecordsSchema,
        options: journalOptionsSchema,
        format: z.enum(EXPORT_FORMATS),
        suggestedName: z.string().min(1).max(200),
      })
      .strict(),
  },
  exportAttachment: {
    channel: 'carnet:export-attachment',
    request: z
      .object({
        jobId: z.string().uuid(),
        attachmentId: z.string().min(1).max(200),
        variant: z.enum(['original', 'display']),
        bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= 64 * 1024 * 1024, 'at most 64 MB'),
      })
      .strict(),
  },
  /** Writes the file (or folder) and answers its path. */
  exportFinish: {
    channel: 'carnet:export-finish',
    request: z.object({ jobId: z.string().uuid() }).strict(),
  },
  /** Stops an export: nothing is left behind, not even half a file. */
  exportCancel: {
    channel: 'carnet:export-cancel',
    request: z.object({ jobId: z.string().uuid() }).strict(),
  },
  /** Shows a file this session exported in the system's file manager. */
  showInFolder: {
    channel: 'carnet:show-in-folder',
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
  },
  /** Opens an export job writing a backup to the snapshots folder (no dialog); photos
   *  and the end go through exportAttachment and exportFinish as for any export. */
  snapshotBegin: {
    channel: 'carnet:snapshot-begin',
    request: z.object({ records: exportRecordsSchema }).strict(),
  },
  listSnapshots: {
    channel: 'carnet:list-snapshots',
    request: z.undefined(),
  },
  /** A snapshot's contents, for the restore preview; only paths listSnapshots gave. */
  readSnapshot: {
    channel: 'carnet:read-snapshot',
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
  },
  /** A backup file the user picks, read and checked, for the restore/merge preview. */
  chooseBackup: {
    channel: 'carnet:choose-backup',
    request: z.undefined(),
  },
  /** The sync server a shared expedition talks to (null: none): the only network origin
   *  the pages' policy then lets the renderer reach. Answers whether the policy changed,
   *  in which case the page must be loaded again to get it. */
  setSyncServer: {
    channel: 'carnet:set-sync-server',
    request: z.object({ url: z.string().min(1).max(500).nullable() }).strict(),
  },
  /** Starts the sync server on this computer (port 4455, every interface), for an
   *  organiser without one; answers its address on the network and a new admin key. */
  startSyncServer: {
    channel: 'carnet:start-sync-server',
    request: z.undefined(),
  },
  /** The invitation link (carnet://join?…) the system opened Carnet with, once; null when
   *  there is none. Main says 'openInvitation' when one arrives while Carnet runs. */
  takeInvitationLink: {
    channel: 'carnet:take-invitation-link',
    request: z.undefined(),
  },
  /** The renderer has taken its last snapshot after 'snapshotBeforeQuit': main may close. */
  quitReady: {
    channel: 'carnet:quit-ready',
    request: z.undefined(),
  },
} as const;

/** What each method answers when it succeeds. */
export interface Responses {
  chooseImport: PlannedImport | null;
  planDroppedFile: PlannedImport;
  remapCsvImport: PlannedImport;
  readImportAttachment: PickedFile;
  closeImport: null;
  appInfo: AppInfo;
  openExternal: null;
  setMenuLanguage: null;
  pickImages: PickedFile[];
  /** Where the file was written; null when the user cancelled the dialog. */
  saveTextFile: string | null;
  /** null when the user cancelled the save dialog. */
  exportBegin: { jobId: string; path: string; wanted: { attachmentId: string; variant: 'original' | 'display' }[] } | null;
  exportAttachment: null;
  exportFinish: { path: string };
  exportCancel: null;
  showInFolder: null;
  snapshotBegin: { jobId: string; path: string; wanted: { attachmentId: string; variant: 'original' | 'display' }[] };
  listSnapshots: SnapshotSummary[];
  readSnapshot: BackupContents;
  chooseBackup: BackupContents | null;
  setSyncServer: { reload: boolean };
  startSyncServer: { url: string; adminKey: string };
  takeInvitationLink: string | null;
  quitReady: null;
}

export interface SnapshotSummary {
  path: string;
  expeditionId: string;
  createdAt: number;
  size: number;
}

/** A backup read and checked by main: its records and every photo's bytes. */
export interface BackupContents {
  /** File name, for the preview. */
  name: string;
  createdAt: string;
  records: ExportRecords;
  attachments: { meta: AttachmentMeta; original: Uint8Array; display: Uint8Array | null }[];
}

/** A file the user chose in a dialog, read by main. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export type Method = keyof typeof contract;
export type Request<M extends Method> = z.input<(typeof contract)[M]['request']>;

/** What the application menu asks of the renderer (main → renderer, one channel). */
export const MENU_COMMANDS = ['newNote', 'newVisit', 'openTrash', 'import', 'exportJournal', 'snapshotBeforeQuit', 'openInvitation'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_CHANNEL = 'carnet:menu';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** The object exposed to the renderer as `window.carnet`. */
export type Api = {
  [M in Method]: (...args: Request<M> extends undefined ? [] : [payload: Request<M>]) => Promise<Result<Responses[M]>>;
} & {
  /** Calls `listener` for each menu command; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
