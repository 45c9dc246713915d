// The application menu, in the language the user chose in the renderer. Items that act on
// notes send a MenuCommand to the renderer, which does the work.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc';
import type { Locale } from '../shared/model';

const LABELS = {
  fr: {
    file: 'Fichier',
    newNote: 'Nouvelle note',
    newVisit: 'Nouvelle visite',
    trash: 'Corbeille',
    import: 'Importer…',
    exportJournal: 'Exporter le cahier de voyage…',
    quit: 'Quitter',
    edit: 'Édition',
    view: 'Affichage',
  },
  en: {
    file: 'File',
    newNote: 'New note',
    newVisit: 'New visit',
    trash: 'Trash',
    import: 'Import…',
    exportJournal: 'Export journal…',
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
  },
} satisfies Record<Locale, Record<string, string>>;

export function menuTemplate(locale: Locale, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const label = LABELS[locale];
  return [
    {
      label: label.file,
      submenu: [
        { label: label.newNote, accelerator: 'CmdOrCtrl+Shift+N', click: () => send('newNote') },
        { label: label.newVisit, click: () => send('newVisit') },
        { type: 'separator' },
        { label: label.trash, click: () => send('openTrash') },
        { type: 'separator' },
        { label: label.import, click: () => send('import') },
        { label: label.exportJournal, click: () => send('exportJournal') },
        { type: 'separator' },
        { label: label.quit, role: 'quit' },
      ],
    },
    {
      label: label.edit,
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: label.view, submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }] },
  ];
}
