import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { openAppDatabase } from './db/AppDB';
import { readSettings } from './db/settings';
import { snapshotBeforeUpgrade } from './features/backup/upgradeSnapshot';
import { StorageError } from './features/safety/StorageError';
import { initI18n, localeFromSystem } from './i18n';
import { carnet } from './platform';
import './styles.css';

async function start(): Promise<void> {
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('#root is missing');
  const root = createRoot(rootElement);
  const info = await carnet().appInfo();
  const systemLocale = localeFromSystem(info.ok ? info.value.systemLocale : navigator.language);
  try {
    const { settings, invalid } = await readSettings(await openAppDatabase(undefined, snapshotBeforeUpgrade));
    await initI18n(settings.locale ?? systemLocale);
    root.render(
      <StrictMode>
        <App invalidSettings={invalid} />
      </StrictMode>,
    );
  } catch (error) {
    // IndexedDB could not be opened (disk full, profile damaged, blocked by another
    // window): say so rather than show an empty notebook.
    console.error('[carnet] storage unavailable', error);
    await initI18n(systemLocale);
    root.render(<StorageError error={error} />);
  }
}

void start();
