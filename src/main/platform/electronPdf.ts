// PDF printing in the app: a hidden, sandboxed window with no preload and JavaScript off
// loads the journal from its temporary folder; every request outside that folder is
// cancelled, navigation and new windows are refused, then webContents.printToPDF. The
// DOM is changed between two prints through the window's own DevTools protocol.
import { dirname } from 'node:path';
import { BrowserWindow, session } from 'electron';
import { hardenSession, offlineSpellchecker } from '../security';
import { isFileInside } from './fileScope';
import type { PrintablePage } from './types';

const MM_PER_INCH = 25.4;
const PRINT_PARTITION = 'carnet-print';
const PROTOCOL_VERSION = '1.3';

export async function openWithElectron(htmlPath: string): Promise<PrintablePage> {
  const folder = dirname(htmlPath);
  // A session of its own, in memory: the print window shares nothing with the app.
  const printSession = session.fromPartition(PRINT_PARTITION);
  hardenSession(printSession);
  offlineSpellchecker(printSession, false);
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      partition: PRINT_PARTITION,
    },
  });
  const contents = window.webContents;
  contents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isFileInside(details.url, folder) }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const close = async (): Promise<void> => {
    if (contents.debugger.isAttached()) contents.debugger.detach();
    window.destroy();
  };
  try {
    await window.loadFile(htmlPath);
    contents.debugger.attach(PROTOCOL_VERSION);
  } catch (error) {
    await close();
    throw error;
  }
  const inches = (mm: number) => mm / MM_PER_INCH;
  return {
    print: async ({ margins, final }) => {
      const pdf = await contents.printToPDF({
        pageSize: 'A4',
        margins: { top: inches(margins.top), right: inches(margins.right), bottom: inches(margins.bottom), left: inches(margins.left) },
        displayHeaderFooter: final !== undefined,
        ...(final ?? {}),
        printBackground: true,
        generateDocumentOutline: final !== undefined,
        generateTaggedPDF: final !== undefined,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
    send: (method, params) => contents.debugger.sendCommand(method, params) as Promise<Record<string, unknown>>,
    close,
  };
}
