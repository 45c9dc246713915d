// A file dropped anywhere on the window but a note (where photos go into the note) is
// planned for import: a programme, lessons or notes, shown in the import preview.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannedImport } from '../../../shared/ipc';
import { carnet } from '../../platform';

const MAX_DROP_BYTES = 100 * 1024 * 1024;

export function useDroppedImports(timeZone: string, onPlanned: (planned: PlannedImport) => void, onError: (message: string | null) => void): void {
  const { t } = useTranslation();
  useEffect(() => {
    const outsideNotes = (event: DragEvent) => !(event.target as Element | null)?.closest?.('.editor-input');
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files') && outsideNotes(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file || event.defaultPrevented || !outsideNotes(event)) return;
      event.preventDefault();
      if (file.size > MAX_DROP_BYTES) return onError(t('errors.fileTooLarge'));
      void file.arrayBuffer().then(async (buffer) => {
        const planned = await carnet().planDroppedFile({ name: file.name, bytes: new Uint8Array(buffer), timeZone });
        if (planned.ok) {
          onError(null);
          onPlanned(planned.value);
        } else onError(`${t(`errors.${planned.error.code}`)} (${file.name})`);
      });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [timeZone, onPlanned, onError, t]);
}
