// Services that differ between the Electron app and the test harness or CLI. Each host
// provides one implementation; the handlers only see this interface.
import type { Locale } from '../../shared/model';

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
  /** The renderer finished what it does before quitting; the window may close. */
  quitReady(): void;
  /** Rebuilds the application menu in the user's language. */
  setMenuLanguage(locale: Locale): void;
  /** Prints an HTML file (its images beside it) to PDF with Chromium: A4, the margins
   *  and header/footer templates given, an outline from the headings, tagged text. */
  printToPDF(request: PdfRequest): Promise<Uint8Array>;
  /** Shows a file in the system's file manager. */
  showItemInFolder(path: string): void;
}

export interface PdfRequest {
  /** The page to print; it may load files from its own folder and nothing else. */
  htmlPath: string;
  /** Chromium header/footer templates (classes pageNumber, totalPages, title…). */
  headerTemplate: string;
  footerTemplate: string;
  /** Page margins in millimetres. */
  margins: { top: number; right: number; bottom: number; left: number };
  /** Printed only to read its outline: no header or footer (they do not move the text). */
  draft?: boolean;
}

export interface OpenDialogOptions {
  /** What the dialog offers, e.g. { name: 'Images', extensions: ['jpg', 'png'] }. */
  filters: { name: string; extensions: string[] }[];
  multiple: boolean;
  /** Choose a folder rather than files. */
  directory?: boolean;
}

export interface SaveDialogOptions {
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}
