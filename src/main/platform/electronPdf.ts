// PDF printing in the app: a hidden, sandboxed window with no preload and JavaScript off
// loads the journal from its temporary folder; every request outside that folder is
// cancelled, navigation and new windows are refused, then webContents.printToPDF.
import { dirname } from 'node:path';
import { BrowserWindow } from 'electron';
import { hardenSession } from '../security';
import { isFileInside } from './fileScope';
import type { PdfRequest } from './types';

const MM_PER_INCH = 25.4;

export async function printWithElectron(request: PdfRequest): Promise<Uint8Array> {
  const folder = dirname(request.htmlPath);
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      // A session of its own, in memory: the print window shares nothing with the app.
      partition: 'carnet-print',
    },
  });
  const contents = window.webContents;
  contents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isFileInside(details.url, folder) }));
  hardenSession(contents.session);
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    await window.loadFile(request.htmlPath);
    const inches = (mm: number) => mm / MM_PER_INCH;
    const pdf = await contents.printToPDF({
      pageSize: 'A4',
      margins: {
        top: inches(request.margins.top),
        right: inches(request.margins.right),
        bottom: inches(request.margins.bottom),
        left: inches(request.margins.left),
      },
      displayHeaderFooter: !request.draft,
      headerTemplate: request.headerTemplate,
      footerTemplate: request.footerTemplate,
      printBackground: true,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    window.destroy();
  }
}
