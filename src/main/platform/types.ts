// Services that differ between the Electron app and the test harness or CLI. Each host
// provides one implementation; the handlers only see this interface.
import type { ImportPlan } from '../../shared/importPlan';
import type { Result } from '../../shared/ipc';
import type { Locale } from '../../shared/model';
import type { PlanRequest } from '../import/planRequest';
import type { InvitationInbox } from '../invitationLinks';

export interface Platform {
  appVersion: string;
  /** The app's own data folder (snapshots live in it). */
  dataDir: string;
  systemLocale: string;
  platform: string;
  /** Hands a URL, already checked against the allowlist, to the operating system. */
  openExternal(url: string): Promise<void>;
  /** Shows the system's "open file" dialog; resolves to the chosen paths, [] if cancelled. */
  showOpenDialog(options: OpenDialogOptions): Promise<string[]>;
  /** Shows the system's "save file" dialog; resolves to the chosen path, null if cancelled. */
  showSaveDialog(options: SaveDialogOptions): Promise<string | null>;
  /** The invitation links the system opened Carnet with (main/invitationLinks.ts). */
  invitations: InvitationInbox;
  /** The renderer finished what it does before quitting; the window may close. */
  quitReady(): void;
  /** Rebuilds the application menu in the user's language. */
  setMenuLanguage(locale: Locale): void;
  /** Loads an HTML file (its images beside it) in a hidden page that runs no script and
   *  reaches nothing outside the file's folder, to print it with Chromium. */
  openForPrinting(htmlPath: string): Promise<PrintablePage>;
  /** Shows a file in the system's file manager. */
  showItemInFolder(path: string): void;
  /** Plans an import: in the app, in a worker thread its time budget can stop, away from
   *  main's event loop (import/isolated.ts); in the tests' hosts, in their own thread. */
  planImport(request: PlanRequest): Promise<Result<ImportPlan>>;
}

export interface PrintablePage {
  /** Prints the page as it is now: A4, the margins given. */
  print(options: PrintOptions): Promise<Uint8Array>;
  /** One DevTools protocol command to the page. The page runs no script: what changes it
   *  between two prints (the journal's page numbers) goes through the DOM domain. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface PrintOptions {
  /** Page margins in millimetres. */
  margins: { top: number; right: number; bottom: number; left: number };
  /** The book itself: these header and footer templates (classes pageNumber, totalPages…),
   *  tagged text and an outline from the headings. Without it, a draft printed only to
   *  learn where its links lead: none of these, which do not move the text. */
  final?: { headerTemplate: string; footerTemplate: string };
}

export interface OpenDialogOptions {
  /** What the dialog offers, e.g. { name: 'Images', extensions: ['jpg', 'png'] }. */
  filters: { name: string; extensions: string[] }[];
  multiple: boolean;
  /** Choose a folder rather than files. */
  directory?: boolean;
}

export interface SaveDialogOptions {
  /** A name, or a whole path to propose. */
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
  /** Why the dialog asks again (its title; macOS shows the message instead). */
  title?: string;
  message?: string;
}
